package org.flowlab.app.view.dashboard;

import org.flowlab.app.view.canvas.FieldView;
import org.flowlab.app.view.lab.SampleWindow;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

import java.util.List;
import java.util.Locale;

/**
 * phi^4 pictures: a gallery of model samples above recent HMC samples (heat maps on one colour
 * scale) and the
 * magnetisation histogram of model samples (raw and reweighted) against HMC, with the exact
 * Gaussian density of M drawn for the free field.
 */
public final class Phi4Dashboard implements TheoryDashboard {

    private static final int BINS = 40;

    private static final int GALLERY = 3;

    private final FieldView[] modelFields = new FieldView[GALLERY];
    private final FieldView[] hmcFields = new FieldView[GALLERY];
    private final java.util.ArrayDeque<double[]> hmcConfigs = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<String> hmcCaptions = new java.util.ArrayDeque<>();
    private long lastTrajectories = -1;
    private long lastGalleryNanos;
    private static final String MODEL_TITLE = "Model samples  x = f(z)";
    private static final String HMC_TITLE = "HMC samples (truth), newest first";
    private final javafx.scene.control.Label modelTitle = new javafx.scene.control.Label();
    private final javafx.scene.control.Label hmcTitle = new javafx.scene.control.Label();
    private final HistogramChart histogram = new HistogramChart("magnetisationHistogram", "Magnetisation M", "M = (1/V) Σ φ");
    private final SampleWindow window = new SampleWindow(8);
    private final GridPane root = new GridPane();
    private final int raw;
    private final int reweighted;
    private final int hmc;
    private final int exactCurve;
    private ReferenceChain.Snapshot reference;
    private SampleSnapshot modelSnapshot;
    private int size = 8;
    private double exactVariance = Double.NaN;

    /** Builds the dashboard. */
    public Phi4Dashboard() {
        raw = histogram.addSeries("model (raw)", ChartStyle.PALETTE[0], 2f);
        reweighted = histogram.addSeries("model (reweighted)", ChartStyle.PALETTE[2], 2.5f);
        hmc = histogram.addSeries("HMC", ChartStyle.PALETTE[4], 2f);
        exactCurve = histogram.addCurve("exact (λ = 0 only)", java.awt.Color.DARK_GRAY, 2f);
        HBox modelRow = new HBox(6);
        HBox hmcRow = new HBox(6);
        for (int i = 0; i < GALLERY; i++) {
            modelFields[i] = new FieldView(i == 0 ? "modelField" : "modelField" + i, "");
            hmcFields[i] = new FieldView(i == 0 ? "hmcField" : "hmcField" + i, "");
            for (FieldView f : new FieldView[] {modelFields[i], hmcFields[i]}) {
                f.setColourBar(i == GALLERY - 1);
                f.setPrefWidth(i == GALLERY - 1 ? 156 : 100);
                HBox.setHgrow(f, Priority.ALWAYS);
            }
            modelRow.getChildren().add(modelFields[i]);
            hmcRow.getChildren().add(hmcFields[i]);
        }
        modelTitle.setText(MODEL_TITLE);
        hmcTitle.setText(HMC_TITLE);
        modelTitle.getStyleClass().add("view-title");
        hmcTitle.getStyleClass().add("view-title");
        javafx.scene.layout.VBox fields = new javafx.scene.layout.VBox(4, modelTitle, modelRow, hmcTitle, hmcRow);
        javafx.scene.layout.VBox.setVgrow(modelRow, Priority.ALWAYS);
        javafx.scene.layout.VBox.setVgrow(hmcRow, Priority.ALWAYS);
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
        modelSnapshot = null;
        hmcConfigs.clear();
        hmcCaptions.clear();
        lastTrajectories = -1;
        for (int i = 0; i < GALLERY; i++) {
            modelFields[i].clear();
            hmcFields[i].clear();
        }
        modelTitle.setText(MODEL_TITLE);
        hmcTitle.setText(HMC_TITLE);
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
        modelSnapshot = snapshot;
        redraw();
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        reference = snapshot;
        // gallery entries a second or more apart, so that they are not near copies of each other
        long now = System.nanoTime();
        if (snapshot.trajectories() != lastTrajectories && (hmcConfigs.isEmpty() || now - lastGalleryNanos >= 1_000_000_000L)) {
            lastTrajectories = snapshot.trajectories();
            lastGalleryNanos = now;
            double[] c = snapshot.configuration();
            hmcConfigs.addFirst(c);
            hmcCaptions.addFirst(String.format(Locale.ROOT, "M = %+.3f", Phi4Theory.magnetisation(c)));
            while (hmcConfigs.size() > GALLERY) {
                hmcConfigs.removeLast();
                hmcCaptions.removeLast();
            }
        }
        redraw();
    }

    private void redraw() {
        // one colour scale for the whole gallery
        double max = 0;
        int shown = modelSnapshot == null ? 0 : Math.min(GALLERY, modelSnapshot.count());
        for (int i = 0; i < shown; i++) {
            max = Math.max(max, Dashboards.maxAbs(modelSnapshot.configuration(i)));
        }
        for (double[] c : hmcConfigs) {
            max = Math.max(max, Dashboards.maxAbs(c));
        }
        double range = Math.max(0.5, Math.ceil(max * 2) / 2);
        for (int i = 0; i < shown; i++) {
            double[] c = modelSnapshot.configuration(i);
            modelFields[i].show(c, size, range, String.format(Locale.ROOT, "M = %+.3f", Phi4Theory.magnetisation(c)));
        }
        int j = 0;
        java.util.Iterator<String> captions = hmcCaptions.iterator();
        for (double[] c : hmcConfigs) {
            String caption = captions.next();
            hmcFields[j].show(c, size, range, caption);
            j++;
        }
        modelTitle.setText(modelSnapshot == null ? MODEL_TITLE
                : String.format(Locale.ROOT, "%s, step %d", MODEL_TITLE, modelSnapshot.step()));
        hmcTitle.setText(hmcConfigs.isEmpty() ? HMC_TITLE
                : String.format(Locale.ROOT, "%s, trajectory %,d", HMC_TITLE, lastTrajectories));
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
        return modelFields[0].hasField() && hmcFields[0].hasField();
    }

}
