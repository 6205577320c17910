package org.flowlab.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.flowlab.app.diag.EngineLoader;
import org.flowlab.app.diag.HelpCorner;
import org.flowlab.app.diag.StartupProbe;
import org.flowlab.app.prefs.AppPrefs;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.app.view.Dialogs;
import org.flowlab.app.view.basics.BasicsPage;
import org.flowlab.app.view.beyond.BeyondPage;
import org.flowlab.app.view.chains.ChainsPage;
import org.flowlab.app.view.compare.CompareView;
import org.flowlab.app.view.course.LecturesPage;
import org.flowlab.app.view.lab.LabPage;
import org.flowlab.app.view.lab.LabView;

/**
 * The FlowLab window: one tab per {@link Page} (built from {@link #PAGES}), a menu bar with the
 * page commands and keyboard shortcuts, presentation mode and zoom, a message bar, and the one
 * {@link AppTrainer} every page trains on. It opens at 90% of the screen (or where it was last
 * closed) and closes cleanly whatever runs.
 */
public final class FlowLabApp extends Application {

    /** Style sheet of FlowLab's own rules, on top of the AtlantaFX theme. */
    public static final String STYLESHEET = "assets/css/flowlab.css";

    /**
     * The tabs, in order: each entry builds one page from the window's context. A new tab is
     * its own files plus one line here (Ctrl+1…n follow this order).
     */
    static final List<Function<PageContext, Page>> PAGES = List.of(
            LabPage::new,
            CompareView::new,
            context -> new BasicsPage(context.trainer()),
            context -> new ChainsPage(context.trainer()),
            context -> new BeyondPage(context.trainer()),
            LecturesPage::new);

    private static final Logger LOG = Logger.getLogger(FlowLabApp.class.getName());
    private static final double BASE_FONT = 15;
    private static final double PRESENTATION_SCALE = 1.5;
    private static final double MIN_ZOOM = 0.7;
    private static final double MAX_ZOOM = 2.0;

    private final List<Page> pages = new ArrayList<>();
    private AppPrefs prefs;
    private AppTrainer trainer;
    private Stage stage;
    private Scene scene;
    private TabPane tabs;
    private MessageBar messages;
    private AppMenus menus;
    private double zoom = 1;
    private boolean presentation;
    private boolean shutDown;
    private EngineLoader engine;
    private final ChangeListener<Boolean> fullScreenWatch = (o, was, now) -> menus.setFullScreenChecked(now);
    private HelpCorner help;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        prefs = new AppPrefs(System.getProperty("flowlab.prefs", AppPrefs.NODE));
        trainer = new AppTrainer();
        trainer.setConflictPolicy(this::askToStop);
        messages = new MessageBar();
        PageContext context = new PageContext(prefs, trainer, this::runAction, messages::show);
        tabs = new TabPane();
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Function<PageContext, Page> factory : PAGES) {
            Page page = factory.apply(context);
            Tab tab = new Tab(page.title(), page.view());
            tab.setId(page.id() + "Tab");
            pages.add(page);
            tabs.getTabs().add(tab);
        }
        menus = new AppMenus(this, pages);
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> menus.refresh(selectedPage()));
        menus.refresh(selectedPage());
        // the engine's loading state and Help (About, Copy diagnostics) at the right of the menu bar
        engine = new EngineLoader();
        help = new HelpCorner(engine, () -> scene);
        menus.help().getItems().addAll(help.menuItems());
        // the corner sits over the right end of the menu bar, which spans the window
        StackPane menuRow = new StackPane(menus.bar(), help);
        StackPane.setAlignment(help, Pos.CENTER_RIGHT);
        StackPane.setMargin(help, new Insets(0, 10, 0, 0));
        BorderPane root = new BorderPane(tabs);
        root.setTop(new VBox(menuRow, messages));
        root.setId("appRoot");

        scene = new Scene(root);
        scene.getStylesheets().add(Resources.external(STYLESHEET));
        menus.installKeys(scene);
        stage.setTitle("FlowLab: normalizing flows for lattice field theory");
        stage.setScene(scene);
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("Press F11 to leave full screen");
        stage.fullScreenProperty().addListener(fullScreenWatch);
        javafx.geometry.Rectangle2D bounds = WindowPlacement.place(stage, prefs);
        stage.setOnCloseRequest(e -> {
            if (!CloseQuestion.confirm(stage, pages)) {
                e.consume();
            } else {
                shutdown();
            }
        });
        zoom = clampZoom(prefs.zoom());
        applyFontSize();
        stage.show();
        WindowPlacement.settle(stage, bounds);
        // load the PyTorch engine once the window is drawn (the start-up probe times both)
        StartupProbe.afterFirstFrame(engine::start);
        StartupProbe.attach(engine);
        boolean dark = prefs.darkProperty().get();
        menus.setDarkChecked(dark);
        if (dark) {
            applyTheme(true);
        }
        // a link on the command line (java -jar flowlab.jar "flowlab:lab?theory=u1&beta=2") sets up
        // and starts a run, as a lecture's Try it link does
        Parameters parameters = getParameters();
        if (parameters != null) {
            parameters.getRaw().stream()
                    .filter(a -> a.startsWith(FlowLabLink.SCHEME))
                    .findFirst()
                    .ifPresent(link -> Platform.runLater(() -> runAction(link)));
        }
    }

    /**
     * Follows a link: {@code flowlab:<page>?...} goes to that page ({@link Page#openLink}),
     * anything else to the browser. A link that cannot be followed shows its reason in the
     * message bar and starts nothing; nothing is thrown.
     *
     * @param target the link
     */
    public void runAction(String target) {
        if (target == null || !target.startsWith(FlowLabLink.SCHEME)) {
            try {
                getHostServices().showDocument(target);
            } catch (RuntimeException e) {
                messages.show("Could not open " + target + ": " + e.getMessage());
            }
            return;
        }
        try {
            FlowLabLink link = FlowLabLink.parse(target);
            int index = -1;
            for (int i = 0; i < pages.size(); i++) {
                if (pages.get(i).id().equals(link.page())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("there is no tab '" + link.page() + "'");
            }
            pages.get(index).openLink(link.parameters());
            tabs.getSelectionModel().select(index);
            messages.hide();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "link not followed: " + target, e);
            String shown = target.length() > 80 ? target.substring(0, 77) + "…" : target;
            messages.show("Could not follow the link " + shown + ": " + e.getMessage());
        }
    }

    /** Asks, on the FX thread, whether a new run may stop the one that holds the trainer. */
    private boolean askToStop(AppTrainer.Claim running, String wanted) {
        return Dialogs.confirm(
                stage,
                "Another run is training",
                running.description() + " is training, and the one training thread can run one thing at a time."
                        + " Stop it and start " + wanted + "?",
                "Stop it and start");
    }

    /**
     * What closing the window would lose, as the question the close dialog asks.
     *
     * @return the question, or null when nothing trains and nothing trained is unsaved
     */
    String closeQuestion() {
        CloseQuestion q = CloseQuestion.of(pages);
        return q == null ? null : q.text();
    }

    /** Closes the window as the window manager would (asking first when a run is going). */
    void requestClose() {
        if (CloseQuestion.confirm(stage, pages)) {
            shutdown();
            stage.close();
        }
    }

    /**
     * Stops every page and the trainer, remembers the window's bounds; runs once, whether the
     * window was closed or the application stopped.
     */
    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        try {
            WindowPlacement.remember(stage, prefs);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not remember the window's bounds", e);
        }
        for (Page p : pages) {
            try {
                p.dispose();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the " + p.title() + " tab failed", e);
            }
        }
        trainer.close();
        // the stage may outlive the application (tests start many on one stage): nothing of
        // the application may stay reachable from it
        stage.fullScreenProperty().removeListener(fullScreenWatch);
    }

    @Override
    public void stop() {
        if (trainer != null) {
            shutdown();
        }
    }

    /**
     * Carries out a menu command on the selected page, if it supports it.
     *
     * @param action the command
     */
    void perform(PageAction action) {
        Page p = selectedPage();
        if (p != null && p.supports(action)) {
            p.perform(action);
        }
    }

    /**
     * The selected page.
     *
     * @return it, or null
     */
    Page selectedPage() {
        int i = tabs.getSelectionModel().getSelectedIndex();
        return i < 0 ? null : pages.get(i);
    }

    void selectTab(int index) {
        if (index >= 0 && index < pages.size()) {
            tabs.getSelectionModel().select(index);
        }
    }

    /**
     * Turns presentation mode on or off: fonts 1.5 times larger (charts and pictures follow,
     * their curves thicker), and each page hides its secondary panels.
     *
     * @param on whether presentation mode is on
     */
    public void setPresentation(boolean on) {
        presentation = on;
        menus.setPresentationChecked(on);
        applyFontSize();
        for (Page p : pages) {
            p.setPresentation(on);
        }
    }

    /**
     * Zooms the window's fonts.
     *
     * @param direction 1 to zoom in, -1 to zoom out, 0 for the actual size
     */
    public void zoomBy(int direction) {
        zoom = direction == 0 ? 1 : clampZoom(Math.round((zoom + 0.1 * direction) * 10) / 10.0);
        prefs.setZoom(zoom);
        applyFontSize();
    }

    private static double clampZoom(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    /**
     * The root font size in pixels (15 at zoom 1 outside presentation mode).
     *
     * @return the size
     */
    public double fontSize() {
        return BASE_FONT * zoom * (presentation ? PRESENTATION_SCALE : 1);
    }

    private void applyFontSize() {
        scene.getRoot().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", fontSize()));
    }

    void setFullScreen(boolean on) {
        stage.setFullScreen(on);
    }

    void showShortcuts() {
        ShortcutsSheet.show(stage);
    }

    void setDark(boolean dark) {
        prefs.darkProperty().set(dark);
        applyTheme(dark);
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("dark", "light");
        scene.getRoot().getStyleClass().add(dark ? "dark" : "light");
        for (Page p : pages) {
            p.setDark(dark);
        }
    }

    /**
     * A page by id (for tests and tools).
     *
     * @param id e.g. {@code lab}
     * @return the page, or null
     */
    public Page page(String id) {
        return pages.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The pages, in tab order.
     *
     * @return them
     */
    public List<Page> pages() {
        return List.copyOf(pages);
    }

    /**
     * The lab (for tests and tools).
     *
     * @return the lab
     */
    public LabView lab() {
        return ((LabPage) page("lab")).lab();
    }

    /**
     * The compare view (for tests).
     *
     * @return the compare view
     */
    public CompareView compare() {
        return (CompareView) page("compare");
    }

    /**
     * The corner with the engine's state and the Help menu (for tests).
     *
     * @return the corner
     */
    public HelpCorner help() {
        return help;
    }

    /**
     * The application's one trainer (for tests).
     *
     * @return the trainer
     */
    public AppTrainer trainer() {
        return trainer;
    }

    /**
     * The message shown in the window's message bar ("" when none).
     *
     * @return the message
     */
    public String message() {
        return messages.message();
    }
}
