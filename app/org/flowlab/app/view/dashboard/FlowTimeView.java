package org.flowlab.app.view.dashboard;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.flowlab.app.chart.Histograms;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSnapshot;
import org.flowlab.model.flow.core.UniformCirclePrior;
import org.flowlab.model.spec.Experiment;

/**
 * "The flow in time": for a continuous flow, the same prior samples pushed to t = 0, 1/3, 2/3
 * and 1, side by side on one common scale. Points in the plane for 2D targets, a histogram of
 * the angle for the circle, a histogram of the site values φ_x for a lattice field.
 */
public final class FlowTimeView extends VBox {

    /** The times shown. */
    static final double[] TIMES = {0, 1.0 / 3, 2.0 / 3, 1};

    private static final String[] TIME_LABELS = {"t = 0 (prior)", "t = 1/3", "t = 2/3", "t = 1 (model)"};
    private static final int POINTS = 600;
    private static final int CONFIGURATIONS = 64;
    private static final int BINS = 36;
    private static final long SEED = 20_201;

    /**
     * Samples at each time, copied to the host on the training thread.
     *
     * @param values per time, the samples row-major
     * @param dimension numbers per sample (2 in the plane, 1 on the circle, L^2 on a lattice)
     * @param angles whether the values are angles in [0, 2 pi)
     */
    public record Frames(double[][] values, int dimension, boolean angles) {}

    private final Canvas[] canvases = new Canvas[TIMES.length];
    private final Label caption = new Label();
    private Frames frames;
    private double extent = 1;
    private double[][] heights;
    private double maxHeight;
    private boolean dark;

    /** Builds the view. */
    public FlowTimeView() {
        setId("flowTimeView");
        setSpacing(4);
        Label title = new Label("The flow in time: the same prior samples carried by dx/dt = v(x, t)");
        title.getStyleClass().add("view-title");
        caption.getStyleClass().add("view-caption");
        HBox row = new HBox(8);
        for (int i = 0; i < TIMES.length; i++) {
            Canvas c = new Canvas();
            c.getStyleClass().add("flow-time-frame");
            canvases[i] = c;
            Pane holder = new Pane(c);
            holder.setMinSize(120, 120);
            holder.setPrefHeight(190);
            c.widthProperty().bind(holder.widthProperty());
            c.heightProperty().bind(holder.heightProperty());
            int index = i;
            c.widthProperty().addListener(o -> draw(index));
            c.heightProperty().addListener(o -> draw(index));
            HBox.setHgrow(holder, Priority.ALWAYS);
            holder.setPrefWidth(100);
            row.getChildren().add(holder);
        }
        VBox.setVgrow(row, Priority.ALWAYS);
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(title, row, caption);
        clear();
    }

    /**
     * Pushes fixed prior samples through a continuous flow and keeps them at {@link #TIMES}
     * (on the training thread, between steps).
     *
     * @param e the running experiment
     * @return the frames, or null when the flow is not continuous
     */
    public static Frames capture(Experiment e) {
        FlowModel flow = e.flow();
        if (!(flow.transform() instanceof ContinuousFlow cnf)) {
            return null;
        }
        int dimension = (int) flow.prior().eventShape().size();
        boolean angles = flow.prior() instanceof UniformCirclePrior;
        int n = dimension <= 2 ? POINTS : CONFIGURATIONS;
        double[][] values = new double[TIMES.length][];
        try (NDManager scope = Compute.newManager(flow.parameters().device())) {
            NDArray z = flow.prior()
                    .sample(
                            scope,
                            n,
                            new SplittableRandom(SEED),
                            flow.parameters().dataType());
            List<FlowSnapshot> snaps = cnf.snapshots(z, flow.prior().logProb(z), TIMES);
            for (int i = 0; i < snaps.size(); i++) {
                values[i] = Tensors.toDoubles(snaps.get(i).x());
            }
        }
        return new Frames(values, dimension, angles);
    }

    /**
     * Shows new frames.
     *
     * @param f the frames
     * @param step the training step they belong to
     */
    public void show(Frames f, int step) {
        frames = f;
        extent = niceExtent(f.values());
        heights = null;
        maxHeight = 0;
        if (f.dimension() != 2) {
            // the four histograms once per update, on one scale; angles taken mod 2 pi
            heights = new double[f.values().length][];
            for (int i = 0; i < heights.length; i++) {
                double[] v = f.values()[i];
                if (f.angles()) {
                    v = v.clone();
                    for (int k = 0; k < v.length; k++) {
                        v[k] -= 2 * Math.PI * Math.floor(v[k] / (2 * Math.PI));
                    }
                }
                double[] d =
                        Histograms.density(v, null, f.angles() ? 0 : -extent, f.angles() ? 2 * Math.PI : extent, BINS);
                heights[i] = d == null ? new double[BINS] : d;
                for (double x : heights[i]) {
                    maxHeight = Math.max(maxHeight, x);
                }
            }
        }
        String what = f.dimension() == 2
                ? POINTS + " points"
                : f.angles()
                        ? POINTS + " angles, histogram on [0, 2π)"
                        : CONFIGURATIONS + " configurations, histogram of the site values φ_x";
        caption.setText(String.format(Locale.ROOT, "after step %d: %s, one scale for all four times", step, what));
        for (int i = 0; i < canvases.length; i++) {
            draw(i);
        }
    }

    /** Forgets the frames. */
    public void clear() {
        frames = null;
        caption.setText("Train a continuous flow to see its samples move from the prior (t = 0) to the model (t = 1).");
        for (int i = 0; i < canvases.length; i++) {
            draw(i);
        }
    }

    /**
     * Whether frames are shown.
     *
     * @return true after {@link #show}
     */
    public boolean hasFrames() {
        return frames != null;
    }

    /**
     * Applies the theme.
     *
     * @param isDark whether the dark theme is active
     */
    public void setDark(boolean isDark) {
        dark = isDark;
        for (int i = 0; i < canvases.length; i++) {
            draw(i);
        }
    }

    private void draw(int index) {
        Canvas c = canvases[index];
        GraphicsContext g = c.getGraphicsContext2D();
        double w = c.getWidth();
        double h = c.getHeight();
        g.clearRect(0, 0, w, h);
        Color ink = dark ? Color.gray(0.85) : Color.gray(0.2);
        Color frame = dark ? Color.gray(0.45) : Color.gray(0.7);
        g.setFont(Font.font(null, FontWeight.BOLD, 16));
        g.setFill(ink);
        g.fillText(TIME_LABELS[index], 6, 18);
        double top = 26;
        double bottom = h - 20;
        if (w < 40 || bottom - top < 30) {
            return;
        }
        g.setStroke(frame);
        g.setLineWidth(1);
        if (frames == null) {
            g.strokeRect(4.5, top + 0.5, w - 9, bottom - top);
            return;
        }
        if (frames.dimension() == 2) {
            drawPlane(g, index, w, top, bottom, ink, frame);
        } else {
            drawHistogram(g, index, w, top, bottom, ink, frame);
        }
    }

    private void drawPlane(GraphicsContext g, int index, double w, double top, double bottom, Color ink, Color frame) {
        double side = Math.min(w - 8, bottom - top);
        double x0 = (w - side) / 2;
        g.strokeRect(x0 + 0.5, top + 0.5, side, side);
        g.strokeLine(x0 + side / 2, top, x0 + side / 2, top + side);
        g.strokeLine(x0, top + side / 2, x0 + side, top + side / 2);
        double[] v = frames.values()[index];
        g.setFill(Color.rgb(31, 119, 180, 0.55));
        double r = 2.2;
        for (int i = 0; i + 1 < v.length; i += 2) {
            double px = x0 + (v[i] / extent + 1) / 2 * side;
            double py = top + (1 - (v[i + 1] / extent + 1) / 2) * side;
            if (px >= x0 && px <= x0 + side && py >= top && py <= top + side) {
                g.fillOval(px - r, py - r, 2 * r, 2 * r);
            }
        }
        g.setFill(ink);
        g.setFont(Font.font(13));
        g.fillText(String.format(Locale.ROOT, "±%.3g", extent), x0 + side - 40, top + side + 15);
    }

    private void drawHistogram(
            GraphicsContext g, int index, double w, double top, double bottom, Color ink, Color frame) {
        double lo;
        double hi;
        if (frames.angles()) {
            lo = 0;
            hi = 2 * Math.PI;
        } else {
            lo = -extent;
            hi = extent;
        }
        double[] bars = heights[index];
        double left = 6;
        double width = w - 12;
        g.strokeLine(left, bottom + 0.5, left + width, bottom + 0.5);
        g.setFill(Color.rgb(31, 119, 180, 0.75));
        double bar = width / BINS;
        for (int b = 0; b < BINS; b++) {
            double hgt = maxHeight > 0 ? bars[b] / maxHeight * (bottom - top - 4) : 0;
            g.fillRect(left + b * bar + 0.5, bottom - hgt, Math.max(1, bar - 1), hgt);
        }
        g.setFill(ink);
        g.setFont(Font.font(13));
        String loText = frames.angles() ? "0" : String.format(Locale.ROOT, "%.3g", lo);
        String hiText = frames.angles() ? "2π" : String.format(Locale.ROOT, "%.3g", hi);
        g.fillText(loText, left, bottom + 15);
        g.fillText(hiText, left + width - 8 * hiText.length(), bottom + 15);
        if (!frames.angles()) {
            g.fillText("0", left + width / 2 - 4, bottom + 15);
        }
    }

    /** A round half-width holding 99.5% of all values at all times (so outliers do not squash the picture). */
    private static double niceExtent(double[][] all) {
        int n = 0;
        for (double[] v : all) {
            n += v.length;
        }
        double[] abs = new double[n];
        int at = 0;
        for (double[] v : all) {
            for (double x : v) {
                abs[at++] = Math.abs(x);
            }
        }
        Arrays.sort(abs);
        double q = abs.length == 0 ? 1 : abs[Math.min(abs.length - 1, (int) (0.995 * abs.length))];
        if (!(q > 0) || !Double.isFinite(q)) {
            return 1;
        }
        double step = Math.pow(10, Math.floor(Math.log10(q))) / 2;
        return Math.ceil(q / step) * step;
    }
}
