package org.flowlab.app.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingStep;

/**
 * The training curves of one or more runs ("lanes"): loss, ESS and Metropolis acceptance
 * against the step, raw and smoothed, and the histogram of the latest log weights. Options:
 * smoothing strength and logarithmic value axes. Keeps every lane's metrics for export.
 */
public final class CurvesPanel extends VBox {

    private static final String[] SMOOTHING = {"none", "light", "strong"};
    private static final double[] SMOOTHING_WEIGHT = {1.0, 0.1, 0.02};
    private static final int LOG_WEIGHT_BINS = 30;
    private static final double LOG_WEIGHT_FLOOR = -60;

    private final MetricChart lossChart;
    private final MetricChart essChart;
    private final HistogramChart logWeightChart;
    private final ChoiceBox<String> smoothing = new ChoiceBox<>(FXCollections.observableArrayList(SMOOTHING));
    private final CheckBox logLoss = new CheckBox("log loss axis");
    private final CheckBox logEss = new CheckBox("log ESS axis");
    private final Label axisMessage = new Label();
    private final HBox options;
    private final GridPane grid = new GridPane();
    private final ColumnConstraints wide = new ColumnConstraints();
    private final ColumnConstraints narrow = new ColumnConstraints();
    private final List<Lane> lanes = new ArrayList<>();

    private static final class Lane {
        final String name;
        final int lossRaw;
        final int lossSmooth;
        final int essRaw;
        final int essSmooth;
        final int accept;
        final int logWeightSeries;
        final List<TrainingStep> history = new ArrayList<>();
        double[] logWeights;
        Smoother lossSmoother;
        Smoother essSmoother;
        Smoother acceptSmoother;

        Lane(String name, int lossRaw, int lossSmooth, int essRaw, int essSmooth, int accept, int logWeights) {
            this.name = name;
            this.lossRaw = lossRaw;
            this.lossSmooth = lossSmooth;
            this.essRaw = essRaw;
            this.essSmooth = essSmooth;
            this.accept = accept;
            this.logWeightSeries = logWeights;
        }
    }

    /**
     * Builds the panel.
     *
     * @param idPrefix prefix of the chart ids ("" in the lab: lossChart, essChart, logWeightChart)
     * @param laneNames one name per lane ("" for a single run)
     */
    public CurvesPanel(String idPrefix, List<String> laneNames) {
        lossChart = new MetricChart(idPrefix + "lossChart", "Loss", "step", "loss");
        essChart = new MetricChart(idPrefix + "essChart", "ESS and acceptance", "step", "fraction");
        logWeightChart = new HistogramChart(idPrefix + "logWeightChart", "Log weights", "log w − max log w");
        essChart.setFixedRange(0, 1.02);
        Color[][] colours = {
            {ChartStyle.PALETTE[0], ChartStyle.PALETTE[2], ChartStyle.PALETTE[1]},
            {ChartStyle.PALETTE[4], ChartStyle.PALETTE[3], new Color(140, 86, 75)}
        };
        // the faint per-step curves of every lane first, so that the charts (which draw in adding
        // order) put each lane's smoothed curves over all of them; they need no legend entry
        int[] lossRaw = new int[laneNames.size()];
        int[] essRaw = new int[laneNames.size()];
        for (int i = 0; i < laneNames.size(); i++) {
            String n = laneNames.get(i);
            String p = n.isEmpty() ? "" : n + ": ";
            Color[] c = colours[i % 2];
            Color light = c[0].brighter();
            lossRaw[i] = lossChart.addSeries(
                    p + "loss per step", new Color(light.getRed(), light.getGreen(), light.getBlue(), 110), 1f, false);
            Color essLight = c[1].brighter();
            essRaw[i] = essChart.addSeries(
                    p + "ESS per step",
                    new Color(essLight.getRed(), essLight.getGreen(), essLight.getBlue(), 110),
                    1f,
                    false);
        }
        for (int i = 0; i < laneNames.size(); i++) {
            String n = laneNames.get(i);
            String p = n.isEmpty() ? "" : n + ": ";
            Color[] c = colours[i % 2];
            int lossSmooth = lossChart.addSeries(n.isEmpty() ? "loss" : n, c[0], 2.5f);
            int essSmooth = essChart.addSeries(p + "ESS", c[1], 2.5f);
            int accept = essChart.addSeries(p + "acceptance", c[2], 2f);
            int lw = logWeightChart.addSeries(n.isEmpty() ? "latest samples" : n, c[0], 2f);
            Lane lane = new Lane(n, lossRaw[i], lossSmooth, essRaw[i], essSmooth, accept, lw);
            resetSmoothers(lane);
            lanes.add(lane);
        }
        if (laneNames.size() == 1) {
            lossChart.setLegendVisible(false);
            logWeightChart.setLegendVisible(false);
        }
        smoothing.setId(idPrefix + "smoothing");
        smoothing.setTooltip(
                new Tooltip("How strongly the thick curves average the noisy per-step values (thin lines)"));
        logLoss.setTooltip(new Tooltip("Logarithmic loss axis (needs a loss above 0 everywhere)"));
        logEss.setTooltip(new Tooltip("Logarithmic ESS axis: shows the early rise from 0.001 to 0.1"));
        smoothing.setValue("light");
        smoothing.valueProperty().addListener(o -> resmooth());
        logLoss.setId(idPrefix + "logLoss");
        logEss.setId(idPrefix + "logEss");
        logLoss.selectedProperty().addListener((o, was, now) -> applyLog(lossChart, logLoss, now, "the loss"));
        logEss.selectedProperty().addListener((o, was, now) -> applyLog(essChart, logEss, now, "the ESS"));
        axisMessage.getStyleClass().add("form-hint");
        Label smoothingLabel = new Label("smoothing");
        options = new HBox(10, smoothingLabel, smoothing, logLoss, logEss, axisMessage);
        options.setId(idPrefix + "chartOptions");
        options.setAlignment(Pos.CENTER_LEFT);
        options.setPadding(new Insets(0, 4, 0, 4));

        grid.setHgap(10);
        wide.setPercentWidth(37);
        narrow.setPercentWidth(26);
        grid.getColumnConstraints().setAll(wide, wide, narrow);
        RowConstraints row = new RowConstraints();
        row.setPercentHeight(100);
        grid.getRowConstraints().setAll(row);
        grid.add(lossChart, 0, 0);
        grid.add(essChart, 1, 0);
        grid.add(logWeightChart, 2, 0);
        for (Region r : List.of(lossChart, essChart, logWeightChart)) {
            GridPane.setHgrow(r, Priority.ALWAYS);
            GridPane.setVgrow(r, Priority.ALWAYS);
            r.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        VBox.setVgrow(grid, Priority.ALWAYS);
        setSpacing(4);
        getChildren().addAll(options, grid);
    }

    private void applyLog(MetricChart chart, CheckBox box, boolean log, String what) {
        axisMessage.setText("");
        if (!chart.setLogScale(log)) {
            axisMessage.setText("a log axis needs positive values, and " + what + " has some ≤ 0");
            box.setSelected(false);
        }
    }

    private void resetSmoothers(Lane lane) {
        double w = SMOOTHING_WEIGHT[
                List.of(SMOOTHING).indexOf(smoothing.getValue() == null ? "light" : smoothing.getValue())];
        lane.lossSmoother = new Smoother(w);
        lane.essSmoother = new Smoother(w);
        lane.acceptSmoother = new Smoother(w);
    }

    private void resmooth() {
        lossChart.batch(() -> essChart.batch(() -> {
            for (Lane lane : lanes) {
                lossChart.clearSeries(lane.lossSmooth);
                essChart.clearSeries(lane.essSmooth);
                essChart.clearSeries(lane.accept);
                resetSmoothers(lane);
                for (TrainingStep s : lane.history) {
                    appendSmoothed(lane, s);
                }
            }
        }));
    }

    private void appendSmoothed(Lane lane, TrainingStep s) {
        if (Double.isFinite(s.loss())) {
            lossChart.append(lane.lossSmooth, s.step(), lane.lossSmoother.add(s.loss()));
        }
        if (Double.isFinite(s.ess())) {
            essChart.append(lane.essSmooth, s.step(), lane.essSmoother.add(s.ess()));
        }
        if (Double.isFinite(s.acceptRate())) {
            essChart.append(lane.accept, s.step(), lane.acceptSmoother.add(s.acceptRate()));
        }
    }

    /**
     * Adds steps of a lane.
     *
     * @param lane the lane index
     * @param steps new steps in order
     */
    public void steps(int lane, List<TrainingStep> steps) {
        Lane l = lanes.get(lane);
        lossChart.batch(() -> essChart.batch(() -> {
            for (TrainingStep s : steps) {
                l.history.add(s);
                lossChart.append(l.lossRaw, s.step(), s.loss());
                essChart.append(l.essRaw, s.step(), s.ess());
                appendSmoothed(l, s);
            }
        }));
    }

    /**
     * Shows the log weights of the latest samples of a lane, over a range that fits every
     * lane's weights (so a good model's narrow peak is resolved, and two lanes share the bins).
     *
     * @param lane the lane index
     * @param snapshot the samples
     */
    public void samples(int lane, SampleSnapshot snapshot) {
        double[] lw = snapshot.logWeights();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : lw) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        double[] shifted = new double[lw.length];
        for (int i = 0; i < lw.length; i++) {
            shifted[i] = lw[i] - max;
        }
        lanes.get(lane).logWeights = shifted;
        double lo = logWeightRange(lanes.stream().map(l -> l.logWeights).toList());
        for (Lane l : lanes) {
            if (l.logWeights != null) {
                logWeightChart.setHistogram(l.logWeightSeries, l.logWeights, null, lo, 0.0001, LOG_WEIGHT_BINS);
            }
        }
    }

    /**
     * The lower end of the log-weight histogram: the 1st percentile of the shifted log weights
     * (all at most 0) over all lanes, rounded out to a step of 0.5, 1, 5 or 10, at least 0.5
     * below 0 and at most {@value #LOG_WEIGHT_FLOOR} below.
     *
     * @param shifted per lane, log w − max log w (entries may be null)
     * @return the lower end
     */
    static double logWeightRange(List<double[]> shifted) {
        List<Double> all = new ArrayList<>();
        for (double[] s : shifted) {
            if (s != null) {
                for (double v : s) {
                    if (Double.isFinite(v)) {
                        all.add(v);
                    }
                }
            }
        }
        if (all.isEmpty()) {
            return -15;
        }
        all.sort(null);
        double q = all.get((int) Math.floor(0.01 * (all.size() - 1)));
        double span = Math.min(-LOG_WEIGHT_FLOOR, Math.max(0.5, -q * 1.05));
        double step = span <= 2 ? 0.5 : span <= 10 ? 1 : span <= 40 ? 5 : 10;
        return -Math.ceil(span / step) * step;
    }

    /**
     * In presentation mode only the loss and ESS charts show, each in half the width (the log
     * weights are for a closer look).
     *
     * @param on whether presentation mode is on
     */
    public void setPresentation(boolean on) {
        logWeightChart.setVisible(!on);
        logWeightChart.setManaged(!on);
        wide.setPercentWidth(on ? 50 : 37);
        narrow.setPercentWidth(on ? 0 : 26);
    }

    /**
     * The chart options row (smoothing and log axes).
     *
     * @return the row
     */
    public HBox options() {
        return options;
    }

    /** Forgets every lane's curves. */
    public void clear() {
        lossChart.clear();
        essChart.clear();
        logWeightChart.clear();
        for (Lane l : lanes) {
            l.history.clear();
            l.logWeights = null;
            resetSmoothers(l);
        }
    }

    /**
     * How many per-step loss points a lane's curve holds (after thinning).
     *
     * @param lane the lane index
     * @return the count
     */
    public int lossPointCount(int lane) {
        return lossChart.pointCount(lanes.get(lane).lossRaw);
    }

    /**
     * The metrics of a lane so far.
     *
     * @param lane the lane index
     * @return the steps
     */
    public List<TrainingStep> history(int lane) {
        return List.copyOf(lanes.get(lane).history);
    }

    /**
     * The smoothed value of the latest loss, ESS and acceptance of a lane.
     *
     * @param lane the lane index
     * @return {loss, ess, accept}
     */
    public double[] smoothed(int lane) {
        Lane l = lanes.get(lane);
        return new double[] {l.lossSmoother.value(), l.essSmoother.value(), l.acceptSmoother.value()};
    }

    /**
     * The loss chart.
     *
     * @return the chart
     */
    public MetricChart lossChart() {
        return lossChart;
    }

    /**
     * The ESS chart.
     *
     * @return the chart
     */
    public MetricChart essChart() {
        return essChart;
    }

    /**
     * The log-weight histogram.
     *
     * @return the chart
     */
    public HistogramChart logWeightChart() {
        return logWeightChart;
    }

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    public void setDark(boolean dark) {
        lossChart.setDark(dark);
        essChart.setDark(dark);
        logWeightChart.setDark(dark);
    }
}
