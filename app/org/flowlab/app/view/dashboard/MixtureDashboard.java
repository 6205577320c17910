package org.flowlab.app.view.dashboard;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flowlab.app.view.canvas.PlaneView;
import org.flowlab.app.view.lab.SampleWindow;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.MixtureKind;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

/**
 * Mixture pictures: the target density (shaded, blue contours) with the model density (orange
 * contours) and model samples (red dots), and the fraction of samples in each mode, raw and
 * reweighted, against the target's weights: the mode-seeking versus mode-covering readout. The
 * reweighted mode weights and ⟨x⟩, ⟨y⟩ are compared with their exact values, with a warning
 * when a high ESS hides a missing mode.
 */
public final class MixtureDashboard implements TheoryDashboard<double[]> {

    /** Grid points per side for the exact mode weights. */
    private static final int EXACT_GRID = 400;

    private final PlaneView plane = new PlaneView("planeView", "Target, model and samples");
    private final VBox modes = new VBox(8);
    private final SampleWindow window = new SampleWindow(4);
    private final GridPane root = new GridPane();
    private final List<ProgressBar> rawBars = new ArrayList<>();
    private final List<Label> rawLabels = new ArrayList<>();
    private final Label summary = new Label();
    private final ExactCheck exactCheck = new ExactCheck("mixtureExact");
    private GaussianMixture2D mixture = GaussianMixture2D.symmetricPair();
    private double[] modeFractions = new double[0];
    private double[] exactModes = new double[0];

    /**
     * Builds the dashboard.
     *
     * @param compact true for Compare's narrow version (the readout under the picture)
     */
    public MixtureDashboard(boolean compact) {
        plane.getStyleClass().add("panel");
        modes.setId("modeReadout");
        modes.getStyleClass().add("panel");
        modes.setPadding(new Insets(10));
        summary.setWrapText(true);
        summary.getStyleClass().add("guide");
        Dashboards.arrange(root, compact, plane, modes);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void reset(RunSpec spec) {
        mixture = (GaussianMixture2D) spec.theoryKind().create(spec.theorySettings());
        double extent = extent(mixture);
        plane.setExtent(extent);
        plane.clearModel();
        plane.setTarget(mixture::logDensity);
        window.clear();
        exactModes = exactModeWeights(mixture, extent + 4 * maxWidth(mixture));
        buildReadout();
        exactCheck.clear();
    }

    private static double maxWidth(GaussianMixture2D m) {
        double w = 0;
        for (int k = 0; k < m.components(); k++) {
            w = Math.max(w, m.width(k));
        }
        return w;
    }

    private static double extent(GaussianMixture2D m) {
        double extent = 0;
        for (int k = 0; k < m.components(); k++) {
            double[] mu = m.mean(k);
            extent = Math.max(extent, Math.max(Math.abs(mu[0]), Math.abs(mu[1])) + 4 * m.width(k));
        }
        return Math.ceil(extent);
    }

    /**
     * The exact probability that a target sample is counted in each mode (assigned to its most
     * likely component, as the readout counts model samples), by midpoint integration of the
     * target density on a fine grid over [-e, e]²; for well separated modes this is the
     * mixture weight.
     *
     * @param m the mixture
     * @param halfWidth e, large enough to hold all the mass
     * @return one probability per component, summing to 1
     */
    static double[] exactModeWeights(GaussianMixture2D m, double halfWidth) {
        double[] mass = new double[m.components()];
        double total = 0;
        double[] x = new double[2];
        for (int j = 0; j < EXACT_GRID; j++) {
            x[1] = -halfWidth + 2 * halfWidth * (j + 0.5) / EXACT_GRID;
            for (int i = 0; i < EXACT_GRID; i++) {
                x[0] = -halfWidth + 2 * halfWidth * (i + 0.5) / EXACT_GRID;
                double p = Math.exp(m.logDensity(x[0], x[1]));
                mass[MixtureKind.mode(m, x)] += p;
                total += p;
            }
        }
        for (int k = 0; k < mass.length; k++) {
            mass[k] /= total;
        }
        return mass;
    }

    private void buildReadout() {
        modes.getChildren().clear();
        rawBars.clear();
        rawLabels.clear();
        Label heading = new Label("Samples per mode");
        heading.getStyleClass().add("view-title");
        modes.getChildren().add(heading);
        for (int k = 0; k < mixture.components(); k++) {
            double[] mu = mixture.mean(k);
            Label name = new Label(String.format(
                    Locale.ROOT, "mode %d at (%.0f, %.0f): target %.0f%%", k + 1, mu[0], mu[1], 100 * exactModes[k]));
            name.getStyleClass().add("form-label");
            name.setWrapText(true);
            ProgressBar bar = new ProgressBar(0);
            bar.setId("modeBar" + k);
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            Label value = new Label("–");
            value.setMinWidth(Region.USE_PREF_SIZE);
            value.getStyleClass().add("mode-value");
            rawBars.add(bar);
            rawLabels.add(value);
            modes.getChildren().addAll(name, new HBox(8, bar, value));
        }
        summary.setText("Reverse KL tends to put every sample in one mode (mode-seeking); forward KL"
                + " spreads the model over all modes (mode-covering).");
        modes.getChildren().addAll(summary, exactCheck);
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        window.add(snapshot);
        int shown = Math.min(400, snapshot.count());
        double[] xy = new double[2 * shown];
        System.arraycopy(snapshot.samples(), 0, xy, 0, 2 * shown);
        int k = mixture.components();
        double[] raw = new double[k];
        double[] weighted = new double[k];
        double[] values = window.values(x -> MixtureKind.mode(mixture, x));
        double[] w = window.weights();
        for (int i = 0; i < values.length; i++) {
            raw[(int) values[i]] += 1.0 / values.length;
            weighted[(int) values[i]] += w[i];
        }
        modeFractions = raw;
        for (int m = 0; m < k; m++) {
            rawBars.get(m).setProgress(raw[m]);
            rawLabels
                    .get(m)
                    .setText(String.format(Locale.ROOT, "%.0f%% (reweighted %.0f%%)", 100 * raw[m], 100 * weighted[m]));
        }
        plane.setSamples(xy, "step " + snapshot.step() + ": " + shown + " model samples");
        List<ExactCheck.Result> checks = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            int mode = m;
            double[] indicator = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                indicator[i] = values[i] == mode ? 1 : 0;
            }
            checks.add(ExactCheck.compare("weight of mode " + (m + 1), indicator, w, exactModes[m]));
        }
        double meanX = 0;
        double meanY = 0;
        for (int c = 0; c < k; c++) {
            meanX += mixture.weight(c) * mixture.mean(c)[0];
            meanY += mixture.weight(c) * mixture.mean(c)[1];
        }
        checks.add(ExactCheck.compare("⟨x⟩", window.values(x -> x[0]), w, meanX));
        checks.add(ExactCheck.compare("⟨y⟩", window.values(x -> x[1]), w, meanY));
        exactCheck.show(checks, Ess.fraction(snapshot.logWeights()));
    }

    @Override
    public Function<Experiment, double[]> probe() {
        return MixtureDashboard::modelDensity;
    }

    /**
     * log q on the plane view's grid (on the training thread).
     *
     * @param e the experiment
     * @return PlaneView.GRID^2 values, rows by y
     */
    static double[] modelDensity(Experiment e) {
        double extent = extent((GaussianMixture2D) e.target());
        int n = PlaneView.GRID;
        double[] points = new double[2 * n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                points[2 * (j * n + i)] = PlaneView.coordinate(i, extent);
                points[2 * (j * n + i) + 1] = PlaneView.coordinate(j, extent);
            }
        }
        try (NDManager scope = Compute.newManager(e.flow().parameters().device())) {
            NDArray x = Tensors.create(
                    scope, points, new Shape(n * n, 2), e.flow().parameters().dataType());
            return Tensors.toDoubles(e.flow().logQ(x));
        }
    }

    @Override
    public void probeResult(double[] result) {
        plane.setModel(result);
    }

    @Override
    public Map<String, Node> pictures() {
        return Map.of("mixture-plane", plane);
    }

    /**
     * The comparison with exact values (for tests).
     *
     * @return the check
     */
    public ExactCheck exactCheck() {
        return exactCheck;
    }

    /**
     * The plane view (for tests).
     *
     * @return the view
     */
    public PlaneView plane() {
        return plane;
    }

    /**
     * The latest raw fraction of samples in each mode.
     *
     * @return fractions (empty before samples arrive)
     */
    public double[] modeFractions() {
        return modeFractions.clone();
    }
}
