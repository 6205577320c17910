package org.flowlab.app.view.course;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.flowlab.app.FlowLabApp;
import org.flowlab.app.Resources;
import org.flowlab.app.lecture.LectureTools;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.app.task.TrainingService;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingConfig;

/**
 * The tools lecture panes open with {@code flowlab:lectures?tool=...}, each in a window of its
 * own:
 *
 * <ul>
 *   <li>{@code layers} ({@code seed}): the shipped pre-trained RealNVP for φ⁴ layer by layer;
 *   <li>{@code gauge} ({@code L}, {@code beta}, {@code seed}): log q of a gauge-equivariant flow
 *       (seeded weights, float64) before and after a random gauge transformation.
 * </ul>
 *
 * The Lab reaches the layer view of its own RealNVP run through {@link #labLayersButton}.
 */
public final class CourseTools implements LectureTools {

    private static final Map<String, List<ParamDef>> PARAMS = Map.of(
            "layers", List.of(seedDef()),
            "gauge",
                    List.of(
                            ParamDef.integer("L", "L", 8, 4, 32, "sites", "lattice size (a multiple of 4)"),
                            ParamDef.real("beta", "β", 2, 0, 100, false, "≥ 0", "coupling"),
                            seedDef()));

    private final AppTrainer trainer;
    private final Supplier<Window> owner;

    /**
     * Creates the tools.
     *
     * @param trainer the application's training thread (the tools' own flows work there)
     * @param owner the window tool windows belong to (may give null)
     */
    public CourseTools(AppTrainer trainer, Supplier<Window> owner) {
        this.trainer = trainer;
        this.owner = owner;
    }

    private static ParamDef seedDef() {
        return ParamDef.integer("seed", "seed", 1, 0, Integer.MAX_VALUE, "", "seed of the first sample");
    }

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(List.of("layers", "gauge"));
    }

    @Override
    public void check(String name, Map<String, String> parameters) {
        values(name, parameters);
    }

    private static Map<String, String> values(String name, Map<String, String> parameters) {
        List<ParamDef> defs = PARAMS.get(name);
        if (defs == null) {
            throw new IllegalArgumentException("unknown tool '" + name + "'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : parameters.keySet()) {
            if (defs.stream().noneMatch(d -> d.key().equals(key))) {
                throw new IllegalArgumentException("'" + key + "' is not a parameter of the " + name + " tool");
            }
        }
        for (ParamDef d : defs) {
            out.put(d.key(), d.canonical(parameters.getOrDefault(d.key(), d.defaultValue())));
        }
        if (name.equals("gauge")) {
            // builds nothing heavy: checks that the flow fits the lattice (L a multiple of 4)
            gaugeSpec(Integer.parseInt(out.get("L")), out.get("beta"), Long.parseLong(out.get("seed")));
        }
        return out;
    }

    @Override
    public void open(String name, Map<String, String> parameters) {
        Map<String, String> v = values(name, parameters);
        long seed = Long.parseLong(v.get("seed"));
        if (name.equals("layers")) {
            RunSpec shipped = Pretrained.spec(Pretrained.REALNVP_PHI4);
            String what = "the flow shipped with FlowLab, " + shipped.flowKind().describe(shipped.flowSettings())
                    + ", trained " + shipped.training().steps() + " steps on "
                    + shipped.theoryKind().describe(shipped.theorySettings());
            FlowSource source = FlowSource.own(trainer, what, () -> Pretrained.open(Pretrained.REALNVP_PHI4));
            CouplingLayersView view = new CouplingLayersView(source, seed);
            show(owner.get(), "RealNVP layer by layer", view, view::close);
        } else {
            RunSpec spec = gaugeSpec(Integer.parseInt(v.get("L")), v.get("beta"), seed);
            FlowSource source = FlowSource.own(
                    trainer,
                    "an untrained gauge-equivariant flow with seeded weights, "
                            + spec.flowKind().describe(spec.flowSettings()) + ", on "
                            + spec.theoryKind().describe(spec.theorySettings()),
                    spec::open);
            GaugeCheckView view = new GaugeCheckView(source, seed);
            show(owner.get(), "Gauge invariance check", view, view::close);
        }
    }

    /**
     * The gauge tool's flow: the default gauge-equivariant flow at L, β, with weights from the
     * seed, in float64 so the check shows rounding at the 1e-13 level.
     *
     * @param size L
     * @param beta β
     * @param seed seed
     * @return the spec
     */
    public static RunSpec gaugeSpec(int size, String beta, long seed) {
        return RunSpec.create(
                "u1",
                Map.of("L", Integer.toString(size), "beta", beta),
                "gauge",
                Map.of(),
                "rkl",
                Map.of(),
                new TrainingConfig(1, 2, 1e-3, seed),
                DeviceChoice.CPU,
                Precision.FLOAT64);
    }

    /**
     * A tool-bar button of the Lab that opens the layer-by-layer view of the Lab's RealNVP run.
     *
     * @param service the Lab's training service
     * @return the button
     */
    public static Button labLayersButton(TrainingService service) {
        Button b = new Button("Layers…");
        b.setId("labLayersButton");
        b.setTooltip(
                new Tooltip("RealNVP runs: follow one sample through every coupling layer, with the running log J"));
        b.setOnAction(e -> {
            CouplingLayersView view = new CouplingLayersView(FlowSource.lab(service), 1);
            show(
                    b.getScene() == null ? null : b.getScene().getWindow(),
                    "RealNVP layer by layer (Lab)",
                    view,
                    view::close);
        });
        return b;
    }

    /**
     * Shows a tool in a window of its own, styled like the main window.
     *
     * @param owner the owning window (may be null)
     * @param title the window title
     * @param content the tool
     * @param onClose called when the window closes
     * @return the stage
     */
    static Stage show(Window owner, String title, Parent content, Runnable onClose) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene =
                new Scene(content, Math.min(1100, 0.9 * screen.getWidth()), Math.min(760, 0.9 * screen.getHeight()));
        scene.getStylesheets().add(Resources.external(FlowLabApp.STYLESHEET));
        if (owner != null && owner.getScene() != null) {
            content.getStyleClass()
                    .addAll(owner.getScene()
                            .getRoot()
                            .getStyleClass()
                            .filtered(c -> c.equals("dark") || c.equals("light")));
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> onClose.run());
        // some window managers map a new window at a default size before JavaFX sizes it; a
        // minimum size is a hint they honour, relaxed once the window is up
        stage.setMinWidth(scene.getWidth());
        stage.setMinHeight(scene.getHeight());
        stage.show();
        javafx.application.Platform.runLater(() -> {
            stage.setMinWidth(600);
            stage.setMinHeight(400);
        });
        return stage;
    }
}
