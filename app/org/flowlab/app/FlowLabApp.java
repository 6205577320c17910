package org.flowlab.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.flowlab.app.diag.EngineLoader;
import org.flowlab.app.diag.HelpCorner;
import org.flowlab.app.diag.StartupProbe;
import org.flowlab.app.lecture.LectureView;
import org.flowlab.app.prefs.AppPrefs;
import org.flowlab.app.view.compare.CompareView;
import org.flowlab.app.view.lab.LabView;

/** The FlowLab window: the lab, the lecture panes, and a light or dark theme. */
public final class FlowLabApp extends Application {

    /** Style sheet of FlowLab's own rules, on top of the AtlantaFX theme. */
    public static final String STYLESHEET = "assets/css/flowlab.css";

    private AppPrefs prefs;
    private LabView lab;
    private LectureView lectures;
    private CompareView compare;
    private TabPane tabs;
    private Scene scene;
    private EngineLoader engine;
    private HelpCorner help;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        prefs = new AppPrefs(System.getProperty("flowlab.prefs", AppPrefs.NODE));
        lab = new LabView(prefs);
        TabPane tabs = new TabPane();
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab labTab = new Tab("Lab", lab);
        labTab.setId("labTab");
        compare = new CompareView();
        Tab compareTab = new Tab("Compare", compare);
        compareTab.setId("compareTab");
        lectures = new LectureView(this::runAction);
        Tab lectureTab = new Tab("Lectures", lectures);
        lectureTab.setId("lectureTab");
        tabs.getTabs().addAll(labTab, compareTab, lectureTab);
        this.tabs = tabs;

        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setId("themeToggle");
        dark.setSelected(prefs.darkProperty().get());
        dark.selectedProperty().addListener((obs, was, isDark) -> {
            prefs.darkProperty().set(isDark);
            applyTheme(isDark);
        });
        // issue 18: the engine's loading state and Help (About, Copy diagnostics) beside the theme
        engine = new EngineLoader();
        help = new HelpCorner(engine, () -> scene);
        help.getChildren().add(dark);
        StackPane root = new StackPane(tabs, help);
        StackPane.setAlignment(help, Pos.TOP_RIGHT);
        StackPane.setMargin(help, new Insets(3, 8, 0, 0));

        scene = new Scene(root, 1600, 1000);
        scene.getStylesheets().add(Resources.external(STYLESHEET));
        stage.setTitle("FlowLab: normalizing flows for lattice field theory");
        stage.setMinWidth(1100);
        stage.setMinHeight(700);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!confirmClose()) {
                e.consume();
            } else {
                lab.dispose();
                compare.dispose();
            }
        });
        stage.show();
        // issue 18: load the PyTorch engine once the window is drawn (the start-up probe times both)
        StartupProbe.afterFirstFrame(engine::start);
        StartupProbe.attach(engine);
        if (prefs.darkProperty().get()) {
            applyTheme(true);
        }
        // a link on the command line (java -jar flowlab.jar "flowlab:lab?theory=u1&beta=2") sets up
        // and starts a run, as a lecture's Try it link does
        Parameters parameters = getParameters();
        if (parameters != null) {
            parameters.getRaw().stream().filter(a -> a.startsWith("flowlab:")).findFirst()
                    .ifPresent(link -> javafx.application.Platform.runLater(() -> runAction(link)));
        }
    }

    /**
     * Carries out a lecture's "Try it" link: {@code flowlab:phi4?m2=-0.5&lambda=1.5} fills the
     * lab's fields, switches to the lab and starts training.
     *
     * @param target the link target
     */
    void runAction(String target) {
        if (!target.startsWith("flowlab:")) {
            getHostServices().showDocument(target);
            return;
        }
        String body = target.substring("flowlab:".length());
        int q = body.indexOf('?');
        String query = q < 0 ? "" : body.substring(q + 1);
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                settings.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        if (body.startsWith("compare")) {
            tabs.getSelectionModel().select(1);
            if ("mode-seeking".equals(settings.get("preset"))) {
                compare.modeSeekingPreset(true);
            } else if ("adjoint".equals(settings.get("preset"))) {
                compare.backpropAdjointPreset(true);
            }
            return;
        }
        tabs.getSelectionModel().select(0);
        lab.applyAndTrain(settings);
    }

    /**
     * Asks, when a run is going, whether to save it before closing.
     *
     * @return true to close the window
     */
    private boolean confirmClose() {
        if (!lab.service().runningProperty().get()) {
            if (!compare.service().runningProperty().get()) {
                return true;
            }
            javafx.scene.control.Alert stopBoth = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    "The comparison is still training. Stop it and close FlowLab?");
            stopBoth.setHeaderText("Close FlowLab?");
            stopBoth.initOwner(scene.getWindow());
            return stopBoth.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
        }
        javafx.scene.control.ButtonType saveButton = new javafx.scene.control.ButtonType("Save run…", javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Close without saving", javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "A training run is still going. Save it before closing?", saveButton, discard, javafx.scene.control.ButtonType.CANCEL);
        alert.setHeaderText("Close FlowLab?");
        alert.initOwner(scene.getWindow());
        java.util.Optional<javafx.scene.control.ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == javafx.scene.control.ButtonType.CANCEL) {
            return false;
        }
        if (answer.get() == saveButton) {
            lab.service().pause();
            return lab.saveRunAndWait();
        }
        return true;
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("dark", "light");
        scene.getRoot().getStyleClass().add(dark ? "dark" : "light");
        lab.setDark(dark);
        compare.setDark(dark);
        lectures.setDark(dark);
    }

    /**
     * The compare view (for tests).
     *
     * @return the compare view
     */
    public CompareView compare() {
        return compare;
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
     * The lab view (for tests).
     *
     * @return the lab
     */
    public LabView lab() {
        return lab;
    }

    @Override
    public void stop() {
        if (lab != null) {
            lab.dispose();
        }
        if (compare != null) {
            compare.dispose();
        }
        Platform.exit();
    }
}
