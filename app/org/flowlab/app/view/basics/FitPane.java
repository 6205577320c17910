package org.flowlab.app.view.basics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.MetricChart;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.model.ml.FitConfig;
import org.flowlab.model.ml.FitResult;
import org.flowlab.model.ml.FitRun;
import org.flowlab.model.ml.Loss;
import org.flowlab.model.ml.RegressionData;
import org.flowlab.model.ml.TargetFunction;

/**
 * "Fit a function": the data, the true function and the network's curve redrawn while it
 * trains, the train and held-out losses, and what each hidden unit adds to the output; with
 * "MSE and MAE side by side", two runs on the same data from the same seed.
 */
final class FitPane extends BorderPane {

    /** Points of the plotted curves. */
    static final int PLOT_POINTS = 401;
    /** Colour of each lane's network curve: MSE orange, MAE blue. */
    private static final Color[] LANE_COLOURS = {Color.rgb(255, 127, 14), Color.rgb(31, 119, 180)};

    private final FitForm form = new FitForm();
    private final LinePlot plotA = new LinePlot("fit-plot", "Data, true function and network", 320, 200);
    private final LinePlot plotB = new LinePlot("fit-plot-mae", "", 320, 200);
    private final LinePlot units =
            new LinePlot("fit-units", "Linear + non-linear: what each hidden unit adds", 260, 150);
    private final StackPane lossHolder = new StackPane();
    private final Label status = new Label();
    private final LiveTraining<FitJob.Frame> live;
    private MetricChart lossChart;
    private Shown shown;
    private FitJob.Frame lastFrame;
    private Ghost previous;
    private Ghost finished;
    private double unitsMin;
    private double unitsMax;
    private boolean dark;

    /** What the current run shows that does not change while it trains. */
    private record Shown(
            List<FitConfig> configs, double[] grid, double[] clean, RegressionData data, double[] yRange) {}

    /**
     * The final curve of a single run: {@code finished} is the latest, shown dashed over new data
     * before the next run; {@code previous} is the one before the run now shown.
     */
    private record Ghost(TargetFunction function, String label, double[] grid, double[] curve) {}

    FitPane(AppTrainer trainer) {
        live = new LiveTraining<>(trainer, this, this::show, this::ended);
        form.lockWhile(live.runningProperty());
        form.run().train().setOnAction(e -> train());
        form.run().stop().setOnAction(e -> live.stop());
        form.run()
                .train()
                .disableProperty()
                .bind(live.runningProperty().or(form.validProperty().not()));
        form.run().stop().disableProperty().bind(live.runningProperty().not());
        status.setId("fit-status");
        status.setWrapText(true);
        status.getStyleClass().add("guide");
        Layouts.hideWhenEmpty(status);
        form.wideRow(status);

        Label guide = new Label("Start here: press Train. Dots are the training data, the dashed line the true "
                + "function, the orange line the network, redrawn as it learns. Then set outliers to 0.2 and train "
                + "again, then switch the loss to MAE (or tick \"MSE and MAE side by side\").");
        guide.setId("fit-guide");
        guide.setWrapText(true);
        guide.getStyleClass().add("guide");
        guide.setPadding(new Insets(0, 0, 4, 0));

        units.setCaption("Each thin curve is one unit of the last hidden layer times its output weight, "
                + "vⱼ·σ(…); the thick curve, their sum plus a bias, is the network's output.");
        GridPane pictures = new GridPane();
        pictures.setHgap(8);
        pictures.setVgap(6);
        Layouts.columns(pictures, 50, 50);
        Layouts.rows(pictures, 56, 44);
        Layouts.grow(plotA, plotB, lossHolder, units);
        form.compareBox().selectedProperty().addListener((o, was, now) -> {
            arrange(pictures, now);
            previewData();
        });
        arrange(pictures, false);
        newLossChart(List.of("MSE"));

        BorderPane right = new BorderPane(pictures);
        right.setTop(guide);
        right.setPadding(new Insets(6, 8, 6, 8));
        setLeft(form.view());
        setCenter(right);
        previewData();
        form.presetGroup().selectedToggleProperty().addListener((o, was, now) -> previewData());
        form.onDataChange(this::previewData);
    }

    private void arrange(GridPane pictures, boolean compare) {
        pictures.getChildren().removeAll(plotA, plotB, lossHolder, units);
        // add(node, column, row) keeps an earlier span: give every span explicitly
        pictures.add(plotA, 0, 0, compare ? 1 : 2, 1);
        if (compare) {
            pictures.add(plotB, 1, 0, 1, 1);
        }
        pictures.add(lossHolder, 0, 1, 1, 1);
        pictures.add(units, 1, 1, 1, 1);
    }

    /** Shows the data of the current settings before any training. */
    private void previewData() {
        if (live.runningProperty().get()) {
            return;
        }
        try {
            FitConfig config = FitConfig.DEFAULT.with(form.settings());
            shown = shown(lanes(config), new FitRun(config).training());
            lastFrame = null;
            drawFits();
            units.setRanges(config.function().lower(), config.function().upper(), -1, 1);
            units.setSeries(List.of());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
        }
    }

    /** One configuration, or MSE and MAE with everything else equal when comparing. */
    private List<FitConfig> lanes(FitConfig config) {
        return form.compareBox().isSelected()
                ? List.of(config.withLoss(Loss.MSE), config.withLoss(Loss.MAE))
                : List.of(config);
    }

    private Shown shown(List<FitConfig> configs, RegressionData data) {
        TargetFunction f = configs.get(0).function();
        double[] grid = new double[PLOT_POINTS];
        double[] clean = new double[PLOT_POINTS];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < PLOT_POINTS; i++) {
            grid[i] = f.lower() + (f.upper() - f.lower()) * i / (PLOT_POINTS - 1.0);
            clean[i] = f.value(grid[i]);
            lo = Math.min(lo, clean[i]);
            hi = Math.max(hi, clean[i]);
        }
        for (double y : data.y()) {
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
        }
        double pad = 0.08 * (hi - lo);
        return new Shown(List.copyOf(configs), grid, clean, data, new double[] {lo - pad, hi + pad});
    }

    /**
     * Starts training with the form's settings (FX thread).
     *
     * @return whether a run started
     */
    boolean train() {
        FitConfig config;
        try {
            config = FitConfig.DEFAULT.with(form.settings());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return false;
        }
        boolean compare = form.compareBox().isSelected();
        List<FitConfig> configs = lanes(config);
        List<FitRun> runs = new ArrayList<>();
        for (FitConfig c : configs) {
            runs.add(new FitRun(c));
        }
        Shown next = shown(configs, runs.get(0).training());
        FitJob job = new FitJob(runs, next.grid(), config.steps());
        String what = "Basics: fit " + config.function().key()
                + (compare ? ", MSE and MAE" : ", " + config.loss().key());
        if (!live.start(what, job, form.run().stepsPerSecond())) {
            status.setText(
                    "The trainer is busy with " + live.busyWith() + ": stop that run first, then press Train again.");
            return false;
        }
        previous = finished;
        shown = next;
        lastFrame = null;
        unitsMin = 0;
        unitsMax = 0;
        newLossChart(configs.stream()
                .map(c -> c.loss().key().toUpperCase(Locale.ROOT))
                .toList());
        status.setText("Training… " + runs.get(0).parameterCount() + " parameters.");
        drawFits();
        return true;
    }

    private void newLossChart(List<String> lanes) {
        lossChart = new MetricChart("fit-lossChart", "Loss", "step", "loss");
        java.awt.Color[] colours = {ChartStyle.PALETTE[1], ChartStyle.PALETTE[0]};
        for (int i = 0; i < lanes.size(); i++) {
            java.awt.Color c = colours[i % 2];
            lossChart.addSeries(lanes.get(i) + " train", c, 2.5f);
            lossChart.addSeries(lanes.get(i) + " held-out", c.darker(), 1.5f);
        }
        PlainNumbers.logAxis(lossChart);
        lossChart.setDark(dark);
        lossHolder.getChildren().setAll(lossChart);
    }

    private void show(FitJob.Frame frame) {
        lastFrame = frame;
        lossChart.batch(() -> {
            for (int i = 0; i < frame.lanes().size(); i++) {
                FitResult r = frame.lanes().get(i).result();
                lossChart.append(2 * i, frame.step(), r.trainLoss());
                lossChart.append(2 * i + 1, frame.step(), r.heldOutLoss());
            }
        });
        drawFits();
        drawUnits(frame);
        status.setText(String.format(
                Locale.ROOT,
                "Step %d of %d. %s",
                frame.step(),
                shown.configs().get(0).steps(),
                errors(frame)));
    }

    private String errors(FitJob.Frame frame) {
        StringBuilder b = new StringBuilder("Error against the true function (RMS):");
        for (int i = 0; i < frame.lanes().size(); i++) {
            b.append(String.format(
                    Locale.ROOT,
                    " %s %.4f",
                    shown.configs().get(i).loss().key().toUpperCase(Locale.ROOT),
                    frame.lanes().get(i).result().rmsError()));
        }
        return b.toString();
    }

    private void ended(String outcome) {
        if (lastFrame == null) {
            status.setText(outcome == null ? "" : outcome);
            return;
        }
        String head = outcome == null ? "Done" : "stopped".equals(outcome) ? "Stopped" : "Failed: " + outcome;
        FitResult r = lastFrame.lanes().get(0).result();
        status.setText(String.format(
                Locale.ROOT,
                "%s after %d steps. %s. Train loss %.3g, held-out loss %.3g.",
                head,
                lastFrame.step(),
                errors(lastFrame),
                r.trainLoss(),
                r.heldOutLoss()));
        if (shown.configs().size() == 1) {
            FitConfig c = shown.configs().get(0);
            finished = new Ghost(
                    c.function(),
                    String.format(
                            Locale.ROOT,
                            "previous run (%s, outliers %s)",
                            c.loss().key().toUpperCase(Locale.ROOT),
                            Layouts.number(c.outliers())),
                    shown.grid(),
                    lastFrame.lanes().get(0).curve());
        }
    }

    private void drawFits() {
        if (shown == null) {
            return;
        }
        boolean compare = shown.configs().size() > 1;
        plotA.title.setText(compare ? "MSE: fits the mean" : "Data, true function and network");
        plotB.title.setText("MAE: fits the median");
        drawFit(plotA, 0);
        if (compare) {
            drawFit(plotB, 1);
        }
    }

    private void drawFit(LinePlot plot, int lane) {
        TargetFunction f = shown.configs().get(0).function();
        plot.setRanges(f.lower(), f.upper(), shown.yRange()[0], shown.yRange()[1]);
        RegressionData d = shown.data();
        List<Double> ox = new ArrayList<>();
        List<Double> oy = new ArrayList<>();
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            (d.outlier()[i] ? ox : px).add(d.x()[i]);
            (d.outlier()[i] ? oy : py).add(d.y()[i]);
        }
        List<LinePlot.Series> s = new ArrayList<>();
        Color pointColour = dark ? Color.rgb(170, 180, 190, 0.75) : Color.rgb(90, 90, 90, 0.55);
        s.add(new LinePlot.Series("training data", array(px), array(py), pointColour, 2.6, LinePlot.Style.POINTS));
        if (!ox.isEmpty()) {
            s.add(new LinePlot.Series(
                    "outliers", array(ox), array(oy), Color.rgb(214, 39, 40), 3.5, LinePlot.Style.RINGS));
        }
        s.add(new LinePlot.Series(
                "true " + f.formula(), shown.grid(), shown.clean(), plot.foreground(), 2, LinePlot.Style.DASHED));
        Ghost ghost = lastFrame == null ? finished : previous;
        if (ghost != null && shown.configs().size() == 1 && ghost.function() == f) {
            s.add(new LinePlot.Series(
                    ghost.label(), ghost.grid(), ghost.curve(), Color.rgb(148, 103, 189), 2, LinePlot.Style.DASHED));
        }
        if (lastFrame != null) {
            String name = "network (" + shown.configs().get(lane).loss().key().toUpperCase(Locale.ROOT) + ")";
            Color c = shown.configs().size() > 1 ? LANE_COLOURS[lane] : LANE_COLOURS[0];
            s.add(new LinePlot.Series(
                    name, shown.grid(), lastFrame.lanes().get(lane).curve(), c, 3.2, LinePlot.Style.LINE));
            plot.setCaption(String.format(
                    Locale.ROOT,
                    "RMS error against the true function %.4f, largest %.3f",
                    lastFrame.lanes().get(lane).result().rmsError(),
                    lastFrame.lanes().get(lane).result().maxError()));
        } else {
            plot.setCaption("");
        }
        plot.setXLabel("x");
        plot.setSeries(s);
    }

    private void drawUnits(FitJob.Frame frame) {
        double[][] u = frame.units();
        double[] sum = new double[shown.grid().length];
        java.util.Arrays.fill(sum, frame.bias());
        for (double[] unit : u) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += unit[k];
            }
        }
        List<LinePlot.Series> s = new ArrayList<>();
        Integer[] order = FitJob.largestFirst(u, FitForm.MAX_UNITS_DRAWN);
        for (int j = 0; j < order.length; j++) {
            double[] unit = u[order[j]];
            for (double v : unit) {
                unitsMin = Math.min(unitsMin, v);
                unitsMax = Math.max(unitsMax, v);
            }
            Color c = Color.hsb(360.0 * j / Math.max(1, order.length), 0.65, dark ? 0.95 : 0.8, 0.75);
            s.add(new LinePlot.Series(
                    j == 0 ? "vⱼ·hⱼ(x), one per unit" : "", shown.grid(), unit, c, 1.3, LinePlot.Style.LINE));
        }
        for (double v : sum) {
            unitsMin = Math.min(unitsMin, v);
            unitsMax = Math.max(unitsMax, v);
        }
        s.add(new LinePlot.Series(
                "output c + Σ vⱼhⱼ(x)", shown.grid(), sum, units.foreground(), 3, LinePlot.Style.LINE));
        TargetFunction f = shown.configs().get(0).function();
        double pad = 0.05 * (unitsMax - unitsMin);
        units.setRanges(f.lower(), f.upper(), unitsMin - pad, unitsMax + pad);
        units.title.setText(
                u.length > order.length
                        ? "Linear + non-linear: the " + order.length + " largest of " + u.length + " hidden units"
                        : shown.configs().size() > 1
                                ? "What each hidden unit adds (MSE network)"
                                : "Linear + non-linear: what each hidden unit adds");
        units.setSeries(s);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Applies a link's settings and starts unless told not to.
     *
     * @param parameters the link's parameters (without "experiment")
     */
    void openLink(Map<String, String> parameters) {
        Map<String, String> settings = new LinkedHashMap<>(parameters);
        boolean start = Layouts.flag(settings.remove("start"), "start", true);
        boolean compare = Layouts.flag(settings.remove("compare"), "compare", false);
        String speed = settings.remove("speed");
        FitConfig config = FitConfig.DEFAULT.with(settings);
        if (speed != null) {
            form.run().setSpeed(speed);
        }
        form.apply(config, compare);
        previewData();
        if (start) {
            train();
        }
    }

    /** Stops a run. */
    void stop() {
        live.stop();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return live.runningProperty();
    }

    /**
     * The network curve of a lane as last drawn (for tests).
     *
     * @param lane 0, or 1 for MAE side by side
     * @return the values on the plot grid, or null before the first frame
     */
    double[] curve(int lane) {
        return lastFrame == null ? null : lastFrame.lanes().get(lane).curve().clone();
    }

    /**
     * The latest frame (for tests).
     *
     * @return the frame, or null
     */
    FitJob.Frame lastFrame() {
        return lastFrame;
    }

    FitForm form() {
        return form;
    }

    void setDark(boolean on) {
        dark = on;
        plotA.setDark(on);
        plotB.setDark(on);
        units.setDark(on);
        lossChart.setDark(on);
        drawFits();
    }
}
