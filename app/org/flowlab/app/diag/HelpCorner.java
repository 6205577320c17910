package org.flowlab.app.diag;

import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;

/**
 * The window's corner for start-up and diagnostics: the engine's loading state and a Help menu
 * with "About FlowLab…" and "Copy diagnostics". {@link #menuItems()} hands the same items to a
 * menu bar's Help menu, should the window have one.
 */
public final class HelpCorner extends HBox {

    private final EngineLoader engine;
    private final Supplier<Scene> scene;
    private final EngineStatusView status;
    private final List<MenuItem> items;
    private AboutDialog about;

    /**
     * Builds the corner.
     *
     * @param engine the window's engine loader
     * @param scene the main window's scene (asked for when a dialog opens)
     */
    public HelpCorner(EngineLoader engine, Supplier<Scene> scene) {
        super(8);
        this.engine = engine;
        this.scene = scene;
        setId("helpCorner");
        setAlignment(Pos.CENTER_RIGHT);
        setPickOnBounds(false);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        status = new EngineStatusView(engine);
        MenuItem aboutItem = new MenuItem("About FlowLab…");
        aboutItem.setId("aboutItem");
        aboutItem.setOnAction(e -> showAbout());
        MenuItem copyItem = new MenuItem("Copy diagnostics");
        copyItem.setId("copyDiagnosticsItem");
        copyItem.setOnAction(e -> status.flash(AboutDialog.copyToClipboard(engine)));
        items = List.of(aboutItem, copyItem);
        getChildren().add(status);
    }

    /**
     * Help-menu items for a menu bar: "About FlowLab…" and "Copy diagnostics".
     *
     * @return the items (not yet in any menu)
     */
    public List<MenuItem> menuItems() {
        return items;
    }

    /** Opens the About box (or brings it to the front). */
    public void showAbout() {
        if (about == null) {
            Scene s = scene.get();
            about = new AboutDialog(s.getWindow(), engine, s.getStylesheets());
        }
        about.show();
    }

    /**
     * The engine loader whose state the corner shows.
     *
     * @return the loader
     */
    public EngineLoader engine() {
        return engine;
    }

    /**
     * The engine status (for tests).
     *
     * @return the status view
     */
    public EngineStatusView status() {
        return status;
    }

    /**
     * The About box once opened (for tests).
     *
     * @return the dialog, or null before the first {@link #showAbout()}
     */
    public AboutDialog about() {
        return about;
    }
}
