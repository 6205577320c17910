package org.flowlab.app.view.dashboard;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.app.view.canvas.ColourBar;
import org.flowlab.app.view.canvas.FieldView;
import org.flowlab.app.view.lab.SampleWindow;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.jfree.chart.JFreeChart;

/**
 * φ⁴ pictures: a gallery of model samples above recent HMC samples (heat maps of equal size on
 * one colour scale, drawn once beside them), the magnetisation histogram of model samples (raw
 * and reweighted) against HMC, with the exact Gaussian density of M for the free field, and the
 * reweighted ⟨M⟩ against its exact value 0 (the action is even in φ).
 */
public final class Phi4Dashboard implements TheoryDashboard<Void> {

    private static final int BINS = 40;
    private static final String MODEL_TITLE = "Model samples  x = f(z)";
    private static final String HMC_TITLE = "HMC samples (truth), newest first";

    private final int gallery;
    private final FieldView[] modelFields;
    private final FieldView[] hmcFields;
    private final ColourBar colourBar = new ColourBar("phi4ColourBar");
    private final ArrayDeque<double[]> hmcConfigs = new ArrayDeque<>();
    private final ArrayDeque<String> hmcCaptions = new ArrayDeque<>();
    private final Label modelTitle = new Label();
    private final Label hmcTitle = new Label();
    private final HistogramChart histogram =
            new HistogramChart("magnetisationHistogram", "Magnetisation M", "M = (1/V) Σ φ");
    private final ExactCheck exactCheck = new ExactCheck("phi4Exact");
    private final SampleWindow window = new SampleWindow(8);
    private final HBox fieldsBox;
    private final GridPane root = new GridPane();
    private final int raw;
    private final int reweighted;
    private final int hmc;
    private final int exactCurve;
    private long lastTrajectories = -1;
    private long lastGalleryNanos;
    private ReferenceChain.Snapshot reference;
    private SampleSnapshot modelSnapshot;
    private int size = 8;
    private double exactVariance = Double.NaN;

    /**
     * Builds the dashboard.
     *
     * @param compact true for Compare's narrow version (one model and one HMC sample side by side)
     */
    public Phi4Dashboard(boolean compact) {
        gallery = compact ? 1 : 3;
        modelFields = new FieldView[gallery];
        hmcFields = new FieldView[gallery];
        raw = histogram.addSeries("model", ChartStyle.PALETTE[0], 2f);
        reweighted = histogram.addSeries("reweighted", ChartStyle.PALETTE[2], 2.5f);
        hmc = histogram.addSeries("HMC", ChartStyle.PALETTE[4], 2f);
        exactCurve = histogram.addCurve("exact (λ = 0)", java.awt.Color.DARK_GRAY, 2f);
        HBox modelRow = new HBox(6);
        HBox hmcRow = new HBox(6);
        for (int i = 0; i < gallery; i++) {
            modelFields[i] = new FieldView(i == 0 ? "modelField" : "modelField" + i, "");
            hmcFields[i] = new FieldView(i == 0 ? "hmcField" : "hmcField" + i, "");
            for (FieldView f : new FieldView[] {modelFields[i], hmcFields[i]}) {
                f.setColourBar(false);
                f.setPrefWidth(100);
                HBox.setHgrow(f, Priority.ALWAYS);
            }
            modelRow.getChildren().add(modelFields[i]);
            hmcRow.getChildren().add(hmcFields[i]);
        }
        modelTitle.setText(modelTitle());
        hmcTitle.setText(hmcTitle());
        modelTitle.getStyleClass().add("view-title");
        hmcTitle.getStyleClass().add("view-title");
        for (Label l : List.of(modelTitle, hmcTitle)) {
            l.setMinWidth(0);
        }
        Region rows;
        if (compact) {
            // Compare: one model and one HMC sample side by side, as large as the height allows
            VBox model = new VBox(4, modelTitle, modelRow);
            VBox truth = new VBox(4, hmcTitle, hmcRow);
            for (VBox b : List.of(model, truth)) {
                VBox.setVgrow(b.getChildren().get(1), Priority.ALWAYS);
                HBox.setHgrow(b, Priority.ALWAYS);
                b.setPrefWidth(100);
            }
            rows = new HBox(8, model, truth);
        } else {
            rows = new VBox(4, modelTitle, modelRow, hmcTitle, hmcRow);
            VBox.setVgrow(modelRow, Priority.ALWAYS);
            VBox.setVgrow(hmcRow, Priority.ALWAYS);
        }
        HBox.setHgrow(rows, Priority.ALWAYS);
        fieldsBox = new HBox(4, rows, colourBar);
        fieldsBox.getStyleClass().add("panel");
        VBox right = new VBox(6, histogram, exactCheck);
        VBox.setVgrow(histogram, Priority.ALWAYS);
        Dashboards.arrange(root, compact, fieldsBox, right);
    }

    private String modelTitle() {
        return gallery == 1 ? "Model sample" : MODEL_TITLE;
    }

    private String hmcTitle() {
        return gallery == 1 ? "HMC sample (truth)" : HMC_TITLE;
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
        for (int i = 0; i < gallery; i++) {
            modelFields[i].clear();
            hmcFields[i].clear();
        }
        colourBar.clear();
        modelTitle.setText(modelTitle());
        hmcTitle.setText(hmcTitle());
        histogram.clear();
        exactCheck.clear();
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
        double[] m = window.values(Phi4Theory::magnetisation);
        exactCheck.show(
                List.of(ExactCheck.compare("⟨M⟩", m, window.weights(), 0)), Ess.fraction(snapshot.logWeights()));
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        reference = snapshot;
        // gallery entries a second or more apart, so that they are not near copies of each other
        long now = System.nanoTime();
        if (snapshot.trajectories() != lastTrajectories
                && (hmcConfigs.isEmpty() || now - lastGalleryNanos >= 1_000_000_000L)) {
            lastTrajectories = snapshot.trajectories();
            lastGalleryNanos = now;
            double[] c = snapshot.configuration();
            hmcConfigs.addFirst(c);
            hmcCaptions.addFirst(String.format(Locale.ROOT, "M = %+.3f", Phi4Theory.magnetisation(c)));
            while (hmcConfigs.size() > gallery) {
                hmcConfigs.removeLast();
                hmcCaptions.removeLast();
            }
        }
        redraw();
    }

    private void redraw() {
        // one colour scale for the whole gallery
        double max = 0;
        int shown = modelSnapshot == null ? 0 : Math.min(gallery, modelSnapshot.count());
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
        Iterator<String> captions = hmcCaptions.iterator();
        for (double[] c : hmcConfigs) {
            hmcFields[j++].show(c, size, range, captions.next());
        }
        if (shown > 0 || !hmcConfigs.isEmpty()) {
            colourBar.setRange(range);
        }
        modelTitle.setText(
                modelSnapshot == null
                        ? modelTitle()
                        : String.format(Locale.ROOT, "%s, step %d", modelTitle(), modelSnapshot.step()));
        hmcTitle.setText(
                hmcConfigs.isEmpty()
                        ? hmcTitle()
                        : String.format(Locale.ROOT, "%s, trajectory %,d", hmcTitle(), lastTrajectories));
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
    public Map<String, JFreeChart> charts() {
        return Map.of("magnetisation", histogram.chart());
    }

    @Override
    public Map<String, Node> pictures() {
        Map<String, Node> p = new LinkedHashMap<>();
        p.put("phi4-samples", fieldsBox);
        return p;
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
     * The comparison with exact values (for tests).
     *
     * @return the check
     */
    public ExactCheck exactCheck() {
        return exactCheck;
    }

    /**
     * Whether both field pictures show a configuration (for tests).
     *
     * @return true when both do
     */
    public boolean fieldsShown() {
        return modelFields[0].hasField() && hmcFields[0].hasField();
    }

    /**
     * The heat maps, model row then HMC row (for tests).
     *
     * @return the views
     */
    public List<FieldView> fieldViews() {
        List<FieldView> all = new java.util.ArrayList<>(List.of(modelFields));
        all.addAll(List.of(hmcFields));
        return all;
    }
}
