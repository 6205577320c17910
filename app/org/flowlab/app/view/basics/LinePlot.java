package org.flowlab.app.view.basics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A plot of curves and point clouds on linear axes, drawn on a canvas (cheap to redraw 20 times
 * a second): the data, the true function and the network's curve of the fit experiment, and
 * the hidden units' contributions.
 */
final class LinePlot extends Picture {

    /**
     * One thing to draw.
     *
     * @param label legend text (empty: no legend entry)
     * @param xs abscissae
     * @param ys ordinates
     * @param color colour
     * @param width line width, or the radius of the points
     * @param style how
     */
    record Series(String label, double[] xs, double[] ys, Color color, double width, Style style) {}

    /** How a series is drawn. */
    enum Style {
        /** A solid line. */
        LINE,
        /** A dashed line. */
        DASHED,
        /** Filled dots. */
        POINTS,
        /** Open circles. */
        RINGS
    }

    private static final double LEFT = 52;
    private static final double BOTTOM = 26;
    private static final double TOP = 8;
    private static final double RIGHT = 10;

    private List<Series> series = List.of();
    private double xMin = -1;
    private double xMax = 1;
    private double yMin = -1;
    private double yMax = 1;
    private String xLabel = "x";

    LinePlot(String id, String heading, double minWidth, double minHeight) {
        super(id, heading, minWidth, minHeight);
    }

    /**
     * Sets the axes' ranges.
     *
     * @param x0 left
     * @param x1 right
     * @param y0 bottom
     * @param y1 top
     */
    void setRanges(double x0, double x1, double y0, double y1) {
        xMin = x0;
        xMax = x1 > x0 ? x1 : x0 + 1;
        yMin = y0;
        yMax = y1 > y0 ? y1 : y0 + 1;
    }

    /**
     * The label of the horizontal axis.
     *
     * @param label the text
     */
    void setXLabel(String label) {
        xLabel = label;
    }

    /**
     * Replaces what is drawn and redraws.
     *
     * @param all the series, bottom first
     */
    void setSeries(List<Series> all) {
        series = List.copyOf(all);
        draw();
    }

    /**
     * What is drawn now.
     *
     * @return the series
     */
    List<Series> series() {
        return series;
    }

    /**
     * The series with a given legend label.
     *
     * @param label the label
     * @return the series, or null
     */
    Series find(String label) {
        return series.stream().filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    /**
     * The caption under the plot.
     *
     * @param text the text (empty hides it)
     */
    void setCaption(String text) {
        caption.setText(text);
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        if (pw < 10 || ph < 10) {
            return;
        }
        axes(g, pw, ph);
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        for (Series s : series) {
            drawSeries(g, s, pw, ph);
        }
        g.restore();
        legend(g, pw);
    }

    private double px(double x, double pw) {
        return LEFT + (x - xMin) / (xMax - xMin) * pw;
    }

    private double py(double y, double ph) {
        return TOP + (yMax - y) / (yMax - yMin) * ph;
    }

    private void drawSeries(GraphicsContext g, Series s, double pw, double ph) {
        g.setStroke(s.color());
        g.setFill(s.color());
        switch (s.style()) {
            case POINTS, RINGS -> {
                double r = s.width();
                g.setLineWidth(1.2);
                for (int i = 0; i < s.xs().length; i++) {
                    double x = px(s.xs()[i], pw);
                    double y = py(s.ys()[i], ph);
                    if (s.style() == Style.POINTS) {
                        g.fillOval(x - r, y - r, 2 * r, 2 * r);
                    } else {
                        g.strokeOval(x - r, y - r, 2 * r, 2 * r);
                    }
                }
            }
            default -> {
                g.setLineWidth(s.width());
                g.setLineDashes(s.style() == Style.DASHED ? new double[] {8, 6} : null);
                g.beginPath();
                boolean started = false;
                for (int i = 0; i < s.xs().length; i++) {
                    double y = s.ys()[i];
                    if (!Double.isFinite(y)) {
                        started = false;
                        continue;
                    }
                    double cy = Math.max(-1e4, Math.min(1e4, py(y, ph)));
                    if (started) {
                        g.lineTo(px(s.xs()[i], pw), cy);
                    } else {
                        g.moveTo(px(s.xs()[i], pw), cy);
                        started = true;
                    }
                }
                g.stroke();
                g.setLineDashes((double[]) null);
            }
        }
    }

    private void axes(GraphicsContext g, double pw, double ph) {
        Color fg = foreground();
        Color grid = dark ? Color.rgb(60, 66, 74) : Color.rgb(225, 225, 225);
        g.setFont(Font.font(13));
        g.setLineWidth(1);
        double xStep = niceStep((xMax - xMin) / 6);
        double yStep = niceStep((yMax - yMin) / 5);
        g.setFill(fg);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double x = Math.ceil(xMin / xStep) * xStep; x <= xMax + 1e-9 * xStep; x += xStep) {
            double X = px(x, pw);
            g.setStroke(grid);
            g.strokeLine(X, TOP, X, TOP + ph);
            g.fillText(tick(x, xStep), X, TOP + ph + 3);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double y = Math.ceil(yMin / yStep) * yStep; y <= yMax + 1e-9 * yStep; y += yStep) {
            double Y = py(y, ph);
            g.setStroke(grid);
            g.strokeLine(LEFT, Y, LEFT + pw, Y);
            g.fillText(tick(y, yStep), LEFT - 5, Y);
        }
        g.setStroke(fg);
        g.strokeRect(LEFT, TOP, pw, ph);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(xLabel, LEFT + pw - 4, TOP + ph - 3);
    }

    private void legend(GraphicsContext g, double pw) {
        List<Series> labelled = new ArrayList<>();
        for (Series s : series) {
            if (!s.label().isEmpty()) {
                labelled.add(s);
            }
        }
        if (labelled.isEmpty()) {
            return;
        }
        g.setFont(Font.font(13));
        double rowHeight = 17;
        double boxWidth = 0;
        for (Series s : labelled) {
            boxWidth = Math.max(boxWidth, 7.5 * s.label().length());
        }
        boxWidth += 36;
        double x0 = LEFT + pw - boxWidth - 6;
        double y0 = TOP + 6;
        Color bg = background();
        g.setFill(Color.color(bg.getRed(), bg.getGreen(), bg.getBlue(), 0.85));
        g.fillRect(x0, y0, boxWidth, rowHeight * labelled.size() + 6);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < labelled.size(); i++) {
            Series s = labelled.get(i);
            double y = y0 + 3 + rowHeight * (i + 0.5);
            g.setStroke(s.color());
            g.setFill(s.color());
            switch (s.style()) {
                case POINTS -> g.fillOval(x0 + 12, y - 3, 6, 6);
                case RINGS -> {
                    g.setLineWidth(1.2);
                    g.strokeOval(x0 + 11, y - 4, 8, 8);
                }
                default -> {
                    g.setLineWidth(Math.min(3, s.width()));
                    g.setLineDashes(s.style() == Style.DASHED ? new double[] {5, 3} : null);
                    g.strokeLine(x0 + 5, y, x0 + 25, y);
                    g.setLineDashes((double[]) null);
                }
            }
            g.setFill(foreground());
            g.fillText(s.label(), x0 + 31, y);
        }
    }

    /**
     * A round step near a raw one: 1, 2 or 5 times a power of ten.
     *
     * @param raw the raw step
     * @return the nice step
     */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    private static String tick(double v, double step) {
        if (Math.abs(v) < step * 1e-6) {
            return "0";
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
