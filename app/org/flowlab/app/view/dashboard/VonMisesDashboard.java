package org.flowlab.app.view.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.app.view.canvas.CircleView;
import org.flowlab.app.view.lab.SampleWindow;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.jfree.chart.JFreeChart;

/**
 * von Mises pictures: a circular histogram of model samples around the target density, and the
 * same as a linear histogram on [0, 2π) (raw and reweighted) with the exact density curve, and
 * the reweighted ⟨cos θ⟩, ⟨sin θ⟩ against their exact values cos μ I₁(β)/I₀(β), sin μ I₁(β)/I₀(β).
 */
public final class VonMisesDashboard implements TheoryDashboard<Void> {

    private final CircleView circle = new CircleView("circleView", "Model samples on the circle (red: target)");
    private final HistogramChart histogram = new HistogramChart("angleHistogram", "Angle θ", "θ");
    private final ExactCheck exactCheck = new ExactCheck("vonMisesExact");
    private final SampleWindow window = new SampleWindow(8);
    private final GridPane root = new GridPane();
    private final int raw;
    private final int reweighted;
    private final int exactCurve;
    private VonMises target = VonMises.centred(2);

    /**
     * Builds the dashboard.
     *
     * @param compact true for Compare's narrow version (the histogram under the circle)
     */
    public VonMisesDashboard(boolean compact) {
        raw = histogram.addSeries("model", ChartStyle.PALETTE[0], 2f);
        reweighted = histogram.addSeries("reweighted", ChartStyle.PALETTE[2], 2.5f);
        exactCurve = histogram.addCurve("exact p(θ)", ChartStyle.PALETTE[4], 2.5f);
        circle.getStyleClass().add("panel");
        VBox right = new VBox(6, histogram, exactCheck);
        VBox.setVgrow(histogram, Priority.ALWAYS);
        Dashboards.arrange(root, compact, circle, right);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void reset(RunSpec spec) {
        target = (VonMises) spec.theoryKind().create(spec.theorySettings());
        window.clear();
        histogram.clear();
        exactCheck.clear();
        circle.clearSamples();
        circle.setDensity(target::density);
        double[] xs = new double[361];
        double[] ys = new double[361];
        for (int i = 0; i <= 360; i++) {
            xs[i] = 2 * Math.PI * i / 360;
            ys[i] = target.density(xs[i]);
        }
        histogram.setCurve(exactCurve, xs, ys);
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        window.add(snapshot);
        double[] angles = window.values(x -> x[0] - 2 * Math.PI * Math.floor(x[0] / (2 * Math.PI)));
        circle.setSamples(angles, String.format(Locale.ROOT, "step %d: %d samples", snapshot.step(), angles.length));
        histogram.setHistogram(raw, angles, null, 0, 2 * Math.PI, 36);
        double[] w = window.weights();
        histogram.setHistogram(reweighted, angles, w, 0, 2 * Math.PI, 36);
        double[] cos = new double[angles.length];
        double[] sin = new double[angles.length];
        for (int i = 0; i < angles.length; i++) {
            cos[i] = Math.cos(angles[i]);
            sin[i] = Math.sin(angles[i]);
        }
        exactCheck.show(
                List.of(
                        ExactCheck.compare("⟨cos θ⟩", cos, w, target.meanCos()),
                        ExactCheck.compare("⟨sin θ⟩", sin, w, target.meanSin())),
                Ess.fraction(snapshot.logWeights()));
    }

    @Override
    public Map<String, JFreeChart> charts() {
        return Map.of("angle", histogram.chart());
    }

    @Override
    public Map<String, Node> pictures() {
        return Map.of("circle", circle);
    }

    /**
     * The comparison with exact values (for tests).
     *
     * @return the check
     */
    public ExactCheck exactCheck() {
        return exactCheck;
    }

    @Override
    public void setDark(boolean dark) {
        histogram.setDark(dark);
    }

    /**
     * The circle view (for tests).
     *
     * @return the view
     */
    public CircleView circle() {
        return circle;
    }

    /**
     * The angle histogram (for tests).
     *
     * @return the chart
     */
    public HistogramChart histogram() {
        return histogram;
    }
}
