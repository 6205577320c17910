package org.flowlab.app.view;

import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.mcmc.Observable;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

import java.util.List;
import java.util.Locale;

/**
 * phi^4 pictures: a model sample beside an HMC sample (heat maps on one colour scale) and the
 * magnetisation histogram of model samples (raw and reweighted) against HMC, with the exact
 * Gaussian density of M drawn for the free field.
 */
public final class Phi4Dashboard implements TheoryDashboard {

    private static final int BINS = 40;

    private final FieldView modelField = new FieldView("modelField", "Model sample  x = f(z)");
    private final FieldView hmcField = new FieldView("hmcField", "HMC sample (truth)");
    private final HistogramChart histogram = new HistogramChart("magnetisationHistogram", "Magnetisation M", "M = (1/V) Σ φ");
    private final SampleWindow window = new SampleWindow(8);
    private final GridPane root = new GridPane();
    private final int raw;
    private final int reweighted;
    private final int hmc;
    private final int exactCurve;
    private ReferenceChain.Snapshot reference;
    private double[] modelConfig;
    private String modelCaption = "";
    private int size = 8;
    private double exactVariance = Double.NaN;

    /** Builds the dashboard. */
    public Phi4Dashboard() {
        raw = histogram.addSeries("model (raw)", ChartStyle.PALETTE[0], 2f);
        reweighted = histogram.addSeries("model (reweighted)", ChartStyle.PALETTE[2], 2.5f);
        hmc = histogram.addSeries("HMC", ChartStyle.PALETTE[4], 2f);
        exactCurve = histogram.addCurve("exact (free field)", java.awt.Color.DARK_GRAY, 2f);
        HBox fields = new HBox(10, modelField, hmcField);
        HBox.setHgrow(modelField, Priority.ALWAYS);
        HBox.setHgrow(hmcField, Priority.ALWAYS);
        modelField.setPrefWidth(200);
        hmcField.setPrefWidth(200);
        fields.getStyleClass().add("panel");
        Dashboards.twoColumns(root, fields, histogram);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void reset(RunSpec spec) {
        Phi4Theory theory = (Phi4Theory) spec.theoryKind().create(spec.theorySettings());
        size = theory.size();
        window.clear();
        reference = null;
        modelConfig = null;
        modelField.clear();
        hmcField.clear();
        histogram.clear();
        // at lambda = 0, M is Gaussian with variance chi_2 / V = 1 / (m^2 V)
        exactVariance = theory.lambda() == 0 ? 1.0 / (theory.m2() * theory.volume()) : Double.NaN;
    }

    @Override
    public List<Observable> referenceObservables(RunSpec spec) {
        return List.of(new Observable("M", Phi4Theory::magnetisation));
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        window.add(snapshot);
        modelConfig = snapshot.configuration(0);
        modelCaption = String.format(Locale.ROOT, "step %d · M = %+.3f", snapshot.step(), Phi4Theory.magnetisation(modelConfig));
        redraw();
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        reference = snapshot;
        redraw();
    }

    private void redraw() {
        double max = Math.max(Dashboards.maxAbs(modelConfig), reference == null ? 0 : Dashboards.maxAbs(reference.configuration()));
        double range = Math.max(0.5, Math.ceil(max * 2) / 2);
        if (modelConfig != null) {
            modelField.show(modelConfig, size, range, modelCaption);
        }
        if (reference != null) {
            double[] c = reference.configuration();
            hmcField.show(c, size, range, String.format(Locale.ROOT, "trajectory %,d · M = %+.3f", reference.trajectories(), Phi4Theory.magnetisation(c)));
        }
        double[] values = window.values(Phi4Theory::magnetisation);
        double[] truth = reference == null ? new double[0] : reference.first();
        double r = 0.2;
        for (double v : values) {
            r = Math.max(r, Math.abs(v));
        }
        for (double v : truth) {
            r = Math.max(r, Math.abs(v));
        }
        if (Double.isFinite(exactVariance)) {
            r = Math.max(r, 4 * Math.sqrt(exactVariance));
        }
        r = Math.ceil(r * 1.1 * 10) / 10;
        histogram.setHistogram(raw, values, null, -r, r, BINS);
        histogram.setHistogram(reweighted, values, window.isEmpty() ? null : window.weights(), -r, r, BINS);
        histogram.setHistogram(hmc, truth, null, -r, r, BINS);
        if (Double.isFinite(exactVariance)) {
            double[] xs = new double[201];
            double[] ys = new double[201];
            for (int i = 0; i <= 200; i++) {
                xs[i] = -r + 2 * r * i / 200;
                ys[i] = Math.exp(-xs[i] * xs[i] / (2 * exactVariance)) / Math.sqrt(2 * Math.PI * exactVariance);
            }
            histogram.setCurve(exactCurve, xs, ys);
        }
    }

    @Override
    public void setDark(boolean dark) {
        histogram.setDark(dark);
    }

    /**
     * The magnetisation histogram (for tests).
     *
     * @return the chart
     */
    public HistogramChart histogram() {
        return histogram;
    }

    /**
     * Whether both field pictures show a configuration (for tests).
     *
     * @return true when both do
     */
    public boolean fieldsShown() {
        return modelField.hasField() && hmcField.hasField();
    }

}
