package org.flowlab.app.view.course;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.flowlab.app.view.canvas.FieldView;
import org.flowlab.model.flow.coupling.LayerTrace;
import org.flowlab.model.spec.Experiment;

/**
 * A trained RealNVP taken apart: one prior sample z and the field after each affine coupling
 * (the frozen checkerboard colour keeps its values, the other one is scaled and shifted), each
 * layer's log J_i = Σ s_i over the updated sites, the running sum, and the bookkeeping
 * log q = log r(z) − Σ_i log J_i checked against the flow's own log q.
 */
public final class CouplingLayersView extends BorderPane {

    private final FlowSource source;
    private final FlowPane gallery = new FlowPane(8, 8);
    private final Label summary = new Label("Computing …");
    private final Label heading = new Label();
    private final Button another = new Button("Another sample");
    private final XYChart.Series<Number, Number> running = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> perLayer = new XYChart.Series<>();
    private long seed;

    /**
     * Builds the view and traces the first sample.
     *
     * @param source where the flow comes from
     * @param firstSeed seed of the first prior sample
     */
    public CouplingLayersView(FlowSource source, long firstSeed) {
        this.source = source;
        this.seed = firstSeed;
        setId("couplingLayersView");
        getStyleClass().add("course-tool");
        heading.setText("RealNVP layer by layer: " + source.description());
        heading.getStyleClass().add("course-tool-title");
        heading.setWrapText(true);
        Label guide = new Label("Each coupling freezes one checkerboard colour (those sites keep their values) and"
                + " maps the other as x' = x e^s + t, with s and t computed from the frozen sites. Its log J is the sum"
                + " of s over the updated sites; the running sum ends at the flow's log-determinant.");
        guide.setWrapText(true);
        guide.getStyleClass().add("guide");
        another.setId("layersAnother");
        another.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        another.setOnAction(e -> {
            seed++;
            trace();
        });
        summary.setId("layersSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("course-tool-summary");
        HBox controls = new HBox(12, another, summary);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (Label l : new Label[] {heading, guide, summary}) {
            // wrap at the window's width, however long the text
            l.maxWidthProperty().bind(widthProperty().subtract(24));
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        VBox top = new VBox(6, heading, guide, controls);
        top.setPadding(new Insets(10));
        setTop(top);

        gallery.setId("layersGallery");
        gallery.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(gallery);
        scroll.setFitToWidth(true);
        setCenter(scroll);

        NumberAxis x = new NumberAxis();
        x.setLabel("layer");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel("log J");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("layersChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setPrefHeight(195);
        chart.setMinHeight(195);
        running.setName("running Σ log J");
        perLayer.setName("log J of the layer");
        chart.getData().add(running);
        chart.getData().add(perLayer);
        setBottom(chart);
        trace();
    }

    private void trace() {
        long s = seed;
        another.setDisable(true);
        summary.setText("Computing sample " + s + " …");
        source.run((Experiment e) -> LayerTrace.of(e.flow(), e.target(), s), this::show, problem -> {
            another.setDisable(false);
            summary.setText("Cannot show the layers: " + problem);
        });
    }

    private void show(LayerTrace t) {
        another.setDisable(false);
        double range = 0;
        for (double v : t.prior()) {
            range = Math.max(range, Math.abs(v));
        }
        for (double[] f : t.fields()) {
            for (double v : f) {
                range = Math.max(range, Math.abs(v));
            }
        }
        gallery.getChildren().clear();
        gallery.getChildren()
                .add(field(
                        "layersPrior",
                        "prior sample z",
                        t.prior(),
                        t.size(),
                        range,
                        String.format(Locale.ROOT, "log r(z) %.2f", t.logR())));
        double[] sums = t.runningLogDet();
        running.getData().clear();
        perLayer.getData().clear();
        running.getData().add(new XYChart.Data<>(0, 0));
        for (int i = 0; i < t.fields().size(); i++) {
            String colour = t.parities()[i] == 0 ? "odd" : "even";
            gallery.getChildren()
                    .add(field(
                            "layersField" + (i + 1),
                            "after layer " + (i + 1),
                            t.fields().get(i),
                            t.size(),
                            range,
                            String.format(
                                    Locale.ROOT,
                                    "%s t + x moved%nlog J %.2f, Σ %.2f",
                                    colour,
                                    t.logDets()[i],
                                    sums[i])));
            running.getData().add(new XYChart.Data<>(i + 1, sums[i]));
            perLayer.getData().add(new XYChart.Data<>(i + 1, t.logDets()[i]));
        }
        double total = sums.length == 0 ? 0 : sums[sums.length - 1];
        summary.setText(String.format(
                Locale.ROOT,
                "Sample %d: log r(z) = %.4f, Σ log J = %.4f, so log q(x) = log r − Σ log J = %.4f (the whole flow at once: %.4f);"
                        + " S(x) = %.4f, log w = −S − log q = %.4f.",
                seed,
                t.logR(),
                total,
                t.logQFromLayers(),
                t.logQ(),
                t.action(),
                -t.action() - t.logQ()));
    }

    private static FieldView field(String id, String title, double[] values, int size, double range, String caption) {
        FieldView v = new FieldView(id, title);
        v.setPrefSize(180, 262);
        v.setColourBar(false);
        v.show(values, size, range, caption);
        return v;
    }

    /**
     * The seed of the sample shown.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /** Frees the tool's own flow. */
    public void close() {
        source.close();
    }
}
