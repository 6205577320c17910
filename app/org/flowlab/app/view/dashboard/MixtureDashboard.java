package org.flowlab.app.view.dashboard;

import org.flowlab.app.view.canvas.PlaneView;
import org.flowlab.app.view.lab.SampleWindow;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.MixtureKind;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Mixture pictures: the target density (shaded, blue contours) with the model density (orange
 * contours) and model samples (red dots), and the fraction of samples in each mode, raw and
 * reweighted, against the target's weights: the mode-seeking versus mode-covering readout.
 */
public final class MixtureDashboard implements TheoryDashboard {

    private final PlaneView plane = new PlaneView("planeView", "Target, model and samples");
    private final VBox modes = new VBox(8);
    private final SampleWindow window = new SampleWindow(4);
    private final GridPane root = new GridPane();
    private final List<ProgressBar> rawBars = new ArrayList<>();
    private final List<Label> rawLabels = new ArrayList<>();
    private final Label summary = new Label();
    private GaussianMixture2D mixture = GaussianMixture2D.symmetricPair();
    private double[] modeFractions = new double[0];

    /** Builds the dashboard. */
    public MixtureDashboard() {
        plane.getStyleClass().add("panel");
        modes.setId("modeReadout");
        modes.getStyleClass().add("panel");
        modes.setPadding(new Insets(10));
        summary.setWrapText(true);
        summary.getStyleClass().add("guide");
        Dashboards.twoColumns(root, plane, modes);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void reset(RunSpec spec) {
        mixture = (GaussianMixture2D) spec.theoryKind().create(spec.theorySettings());
        double extent = 0;
        for (int k = 0; k < mixture.components(); k++) {
            double[] mu = mixture.mean(k);
            extent = Math.max(extent, Math.max(Math.abs(mu[0]), Math.abs(mu[1])) + 4 * mixture.width(k));
        }
        plane.setExtent(Math.ceil(extent));
        plane.clearModel();
        plane.setTarget(mixture::logDensity);
        window.clear();
        buildReadout();
    }

    private void buildReadout() {
        modes.getChildren().clear();
        rawBars.clear();
        rawLabels.clear();
        Label heading = new Label("Samples per mode");
        heading.getStyleClass().add("view-title");
        modes.getChildren().add(heading);
        double total = 0;
        for (int k = 0; k < mixture.components(); k++) {
            total += mixture.weight(k);
        }
        for (int k = 0; k < mixture.components(); k++) {
            double[] mu = mixture.mean(k);
            Label name = new Label(String.format(Locale.ROOT, "mode %d at (%.0f, %.0f): target %.0f%%", k + 1, mu[0], mu[1], 100 * mixture.weight(k) / total));
            name.getStyleClass().add("form-label");
            ProgressBar bar = new ProgressBar(0);
            bar.setId("modeBar" + k);
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            Label value = new Label("–");
            value.setMinWidth(150);
            value.getStyleClass().add("mode-value");
            rawBars.add(bar);
            rawLabels.add(value);
            modes.getChildren().addAll(name, new HBox(8, bar, value));
        }
        summary.setText("Reverse KL tends to put every sample in one mode (mode-seeking); forward KL"
                + " spreads the model over all modes (mode-covering). Reweighting cannot restore a"
                + " mode the model never visits.");
        modes.getChildren().add(summary);
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
            rawLabels.get(m).setText(String.format(Locale.ROOT, "%.0f%% (reweighted %.0f%%)", 100 * raw[m], 100 * weighted[m]));
        }
        plane.setSamples(xy, "step " + snapshot.step() + ": " + shown + " model samples");
    }

    @Override
    public Function<Experiment, Object> probe() {
        return MixtureDashboard::modelDensity;
    }

    /**
     * log q on the plane view's grid (on the training thread).
     *
     * @param e the experiment
     * @return PlaneView.GRID^2 values, rows by y
     */
    static Object modelDensity(Experiment e) {
        GaussianMixture2D m = (GaussianMixture2D) e.target();
        double extent = 0;
        for (int k = 0; k < m.components(); k++) {
            double[] mu = m.mean(k);
            extent = Math.max(extent, Math.max(Math.abs(mu[0]), Math.abs(mu[1])) + 4 * m.width(k));
        }
        extent = Math.ceil(extent);
        int n = PlaneView.GRID;
        double[] points = new double[2 * n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                points[2 * (j * n + i)] = PlaneView.coordinate(i, extent);
                points[2 * (j * n + i) + 1] = PlaneView.coordinate(j, extent);
            }
        }
        try (NDManager scope = Compute.newManager(e.flow().parameters().device())) {
            NDArray x = Tensors.create(scope, points, new Shape(n * n, 2), e.flow().parameters().dataType());
            return Tensors.toDoubles(e.flow().logQ(x));
        }
    }

    @Override
    public void probeResult(Object result) {
        plane.setModel((double[]) result);
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
