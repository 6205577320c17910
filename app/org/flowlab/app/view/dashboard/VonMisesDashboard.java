package org.flowlab.app.view.dashboard;

import org.flowlab.app.view.canvas.CircleView;
import org.flowlab.app.view.lab.SampleWindow;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;

import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

import java.util.Locale;

/**
 * von Mises pictures: a circular histogram of model samples around the target density, and the
 * same as a linear histogram on [0, 2π) (raw and reweighted) with the exact density curve.
 */
public final class VonMisesDashboard implements TheoryDashboard {

    private final CircleView circle = new CircleView("circleView", "Model samples on the circle (red: target)");
    private final HistogramChart histogram = new HistogramChart("angleHistogram", "Angle θ", "θ");
    private final SampleWindow window = new SampleWindow(8);
    private final GridPane root = new GridPane();
    private final int raw;
    private final int reweighted;
    private final int exactCurve;
    private VonMises target = VonMises.centred(2);

    /** Builds the dashboard. */
    public VonMisesDashboard() {
        raw = histogram.addSeries("model (raw)", ChartStyle.PALETTE[0], 2f);
        reweighted = histogram.addSeries("model (reweighted)", ChartStyle.PALETTE[2], 2.5f);
        exactCurve = histogram.addCurve("exact p(θ)", ChartStyle.PALETTE[4], 2.5f);
        circle.getStyleClass().add("panel");
        Dashboards.twoColumns(root, circle, histogram);
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
        histogram.setHistogram(reweighted, angles, window.weights(), 0, 2 * Math.PI, 36);
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
