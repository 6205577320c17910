package org.flowlab.app.view.beyond;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.MetricChart;
import org.flowlab.model.anneal.VolumeScan;

/**
 * ESS against the lattice size for one fixed trained flow (and the same flow untrained), with
 * the heuristic ESS(V) ≈ ESS(V₀)^(V/V₀) drawn from the ESS at the training size, and the
 * course's exercise: what ESS at L = 4 keeps ESS ≥ 0.5 at L = 64?
 */
final class VolumePanel extends BorderPane {

    /** The heuristic curve is drawn down to this ESS. */
    private static final double HEURISTIC_FLOOR = 1e-5;

    private final MetricChart chart = new MetricChart("beyond-volume-chart", "ESS against L", "L", "ESS");
    private final Label status =
            new Label("Press ESS against volume: one flow is trained from the prior at the form's L and"
                    + " the last target's couplings, then applied unchanged at larger L.");
    private final TextField wanted = field("wanted", "0.5");
    private final TextField from = field("fromL", "4");
    private final TextField to = field("toL", "64");
    private final Label answer = new Label();

    /** Creates the panel. */
    VolumePanel() {
        setId("beyond-volume");
        chart.addSeries("trained flow", ChartStyle.PALETTE[0], 2.5f);
        chart.addSeries("untrained flow", ChartStyle.PALETTE[4], 1.5f);
        chart.addSeries("ESS(V₀)^(V/V₀)", ChartStyle.PALETTE[2], 2f);
        var renderer = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer)
                chart.chart().getXYPlot().getRenderer();
        renderer.setSeriesShapesVisible(0, true);
        renderer.setSeriesShapesVisible(1, true);
        renderer.setSeriesStroke(
                2,
                new java.awt.BasicStroke(
                        2f,
                        java.awt.BasicStroke.CAP_ROUND,
                        java.awt.BasicStroke.JOIN_ROUND,
                        1f,
                        new float[] {8f, 5f},
                        0f));
        chart.setLogScale(true);
        status.setId("beyond-volume-status");
        status.setWrapText(true);
        status.getStyleClass().add("view-caption");
        Label title = new Label("Exercise");
        title.getStyleClass().add("view-title");
        Label question = new Label("If ESS(V) ≈ ESS(V₀)^(V/V₀), what ESS at L = 4 keeps ESS ≥ 0.5 at L = 64?"
                + " Work it out, then check it here.");
        question.setWrapText(true);
        GridPane calc = new GridPane();
        calc.setHgap(6);
        calc.setVgap(4);
        calc.addRow(0, new Label("wanted ESS"), wanted);
        calc.addRow(1, new Label("at L ="), to);
        calc.addRow(2, new Label("trained at L₀ ="), from);
        answer.setId("beyond-volume-answer");
        answer.setWrapText(true);
        answer.getStyleClass().add("status-item");
        for (TextField f : new TextField[] {wanted, from, to}) {
            f.textProperty().addListener((o, a, b) -> compute());
        }
        compute();
        VBox side = new VBox(8, title, question, calc, answer);
        side.setPadding(new Insets(8));
        side.setPrefWidth(320);
        side.setMinWidth(260);
        side.getStyleClass().add("panel");
        VBox top = new VBox(status);
        top.setPadding(new Insets(4, 8, 4, 8));
        top.setAlignment(Pos.CENTER_LEFT);
        setTop(top);
        setCenter(chart);
        setRight(side);
        BorderPane.setMargin(side, new Insets(4, 8, 8, 4));
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId("beyond-volume-" + id);
        f.setPrefWidth(70);
        return f;
    }

    private void compute() {
        try {
            double e = Double.parseDouble(wanted.getText().trim());
            int l0 = Integer.parseInt(from.getText().trim());
            int l = Integer.parseInt(to.getText().trim());
            if (l0 < 1 || l < 1) {
                throw new IllegalArgumentException("sizes must be positive");
            }
            double need = VolumeScan.requiredEss(e, l0 * l0, l * l);
            answer.setText(String.format(
                    Locale.ROOT,
                    "needed at L₀ = %d: ESS ≥ %.5f = %s^(%d/%d)",
                    l0,
                    need,
                    wanted.getText().trim(),
                    l0 * l0,
                    l * l));
        } catch (IllegalArgumentException ex) {
            answer.setText("enter an ESS in (0, 1] and two positive sizes");
        }
    }

    /**
     * Shows what the scan is doing.
     *
     * @param text the status
     */
    void status(String text) {
        status.setText(text);
    }

    /** Clears the chart before a scan. */
    void reset() {
        chart.clear();
    }

    /**
     * Draws a finished scan: the measured points and the heuristic as a smooth curve.
     *
     * @param points the scan
     * @param samples samples per size
     */
    void show(List<VolumeScan.Point> points, int samples) {
        chart.clear();
        VolumeScan.Point first = points.get(0);
        int last = points.get(points.size() - 1).size();
        chart.batch(() -> {
            for (VolumeScan.Point p : points) {
                chart.append(0, p.size(), Math.max(p.ess(), 1e-6));
                chart.append(1, p.size(), Math.max(p.untrainedEss(), 1e-6));
            }
            for (double l = first.size(); l <= last + 1e-9; l += 0.25) {
                double h = VolumeScan.heuristic(first.ess(), first.size() * first.size(), (int) Math.round(l * l));
                if (h < HEURISTIC_FLOOR) {
                    break;
                }
                chart.append(2, l, h);
            }
        });
        StringBuilder b = new StringBuilder("ESS of the flow trained at L = ")
                .append(first.size())
                .append(':');
        for (VolumeScan.Point p : points) {
            b.append(String.format(Locale.ROOT, "  L=%d %.4f", p.size(), p.ess()));
        }
        b.append(String.format(
                Locale.ROOT, ". %d samples per size resolve an ESS down to about 1/%d.", samples, samples));
        status.setText(b.toString());
    }

    /**
     * The chart (for tests).
     *
     * @return the chart
     */
    MetricChart chart() {
        return chart;
    }

    /**
     * The exercise's answer line (for tests).
     *
     * @return its text
     */
    String answerText() {
        return answer.getText();
    }

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    void setDark(boolean dark) {
        chart.setDark(dark);
    }
}
