package org.flowlab.app;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The window's menu bar (File, Edit, Run, View, Help) and its keyboard shortcuts. Page commands
 * go to the selected page and are greyed out where it does not support them. Space (pause or
 * resume) and Esc (stop) act wherever the focus is, except in a text field; Ctrl +, Ctrl −
 * and Ctrl 0 zoom with any of the keys that produce those characters. Other windows' items
 * (Help → About, say) are added to {@link #help()}.
 */
final class AppMenus {

    private final FlowLabApp app;
    private final MenuBar bar = new MenuBar();
    private final Menu help = new Menu("Help");
    private final Map<PageAction, MenuItem> actionItems = new EnumMap<>(PageAction.class);
    private final CheckMenuItem presentation = new CheckMenuItem("Presentation mode");
    private final CheckMenuItem fullScreen = new CheckMenuItem("Full screen");
    private final CheckMenuItem dark = new CheckMenuItem("Dark theme");

    AppMenus(FlowLabApp app, List<Page> pages) {
        this.app = app;
        bar.setId("menuBar");
        Menu file = new Menu("File");
        file.setId("fileMenu");
        file.getItems()
                .addAll(item(PageAction.OPEN), item(PageAction.SAVE), item(PageAction.EXPORT), new SeparatorMenuItem());
        MenuItem quit = new MenuItem("Quit");
        quit.setId("quitItem");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> app.requestClose());
        file.getItems().add(quit);

        Menu edit = new Menu("Edit");
        edit.getItems().add(item(PageAction.COPY_LINK));

        Menu run = new Menu("Run");
        run.setId("runMenu");
        run.getItems().addAll(item(PageAction.TRAIN), item(PageAction.PAUSE), item(PageAction.STOP));

        Menu view = new Menu("View");
        view.setId("viewMenu");
        presentation.setId("presentationItem");
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentation.setOnAction(e -> app.setPresentation(presentation.isSelected()));
        fullScreen.setId("fullScreenItem");
        fullScreen.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        fullScreen.setOnAction(e -> app.setFullScreen(fullScreen.isSelected()));
        MenuItem zoomIn = new MenuItem("Zoom in");
        zoomIn.setAccelerator(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN));
        zoomIn.setOnAction(e -> app.zoomBy(1));
        MenuItem zoomOut = new MenuItem("Zoom out");
        zoomOut.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        zoomOut.setOnAction(e -> app.zoomBy(-1));
        MenuItem zoomReset = new MenuItem("Actual size");
        zoomReset.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        zoomReset.setOnAction(e -> app.zoomBy(0));
        dark.setId("themeToggle");
        dark.setOnAction(e -> app.setDark(dark.isSelected()));
        view.getItems()
                .addAll(
                        presentation,
                        fullScreen,
                        new SeparatorMenuItem(),
                        zoomIn,
                        zoomOut,
                        zoomReset,
                        new SeparatorMenuItem(),
                        dark,
                        new SeparatorMenuItem());
        for (int i = 0; i < pages.size(); i++) {
            int index = i;
            MenuItem tab = new MenuItem(pages.get(i).title());
            tab.setId("tabItem-" + pages.get(i).id());
            if (i < 9) {
                tab.setAccelerator(
                        new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)), KeyCombination.SHORTCUT_DOWN));
            }
            tab.setOnAction(e -> app.selectTab(index));
            view.getItems().add(tab);
        }

        help.setId("helpMenu");
        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setId("shortcutsItem");
        shortcuts.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        shortcuts.setOnAction(e -> app.showShortcuts());
        help.getItems().add(shortcuts);
        bar.getMenus().addAll(file, edit, run, view, help);
        for (Menu m : bar.getMenus()) {
            m.setOnShowing(e -> refresh(app.selectedPage()));
        }
    }

    private MenuItem item(PageAction action) {
        MenuItem item = new MenuItem(action.title());
        item.setId("action-" + action.name().toLowerCase(java.util.Locale.ROOT));
        // Space and Esc are handled by the key filter (so that they act when a button has focus)
        if (action != PageAction.PAUSE && action != PageAction.STOP) {
            item.setAccelerator(action.keys());
        }
        item.setOnAction(e -> app.perform(action));
        actionItems.put(action, item);
        return item;
    }

    /**
     * Greys out the commands the page does not support.
     *
     * @param page the selected page
     */
    void refresh(Page page) {
        actionItems.forEach((action, item) -> item.setDisable(page == null || !page.supports(action)));
    }

    /**
     * Installs the keys that menus cannot carry: Space and Esc anywhere but in text fields, and
     * every key that zooms.
     *
     * @param scene the window's scene
     */
    void installKeys(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean typing = scene.getFocusOwner() instanceof TextInputControl;
            boolean plain = !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown();
            if (plain && (e.getCode() == KeyCode.SPACE || e.getCode() == KeyCode.ESCAPE)) {
                e.consume();
                if (!typing) {
                    app.perform(e.getCode() == KeyCode.SPACE ? PageAction.PAUSE : PageAction.STOP);
                }
            } else if (e.isShortcutDown() && !e.isAltDown()) {
                switch (e.getCode()) {
                    case PLUS, EQUALS, ADD -> {
                        e.consume();
                        app.zoomBy(1);
                    }
                    case MINUS, SUBTRACT -> {
                        e.consume();
                        app.zoomBy(-1);
                    }
                    case DIGIT0, NUMPAD0 -> {
                        e.consume();
                        app.zoomBy(0);
                    }
                    default -> {}
                }
            }
        });
    }

    MenuBar bar() {
        return bar;
    }

    /**
     * The Help menu, for further items such as About.
     *
     * @return the menu
     */
    Menu help() {
        return help;
    }

    void setPresentationChecked(boolean on) {
        presentation.setSelected(on);
    }

    void setFullScreenChecked(boolean on) {
        fullScreen.setSelected(on);
    }

    void setDarkChecked(boolean on) {
        dark.setSelected(on);
    }
}
