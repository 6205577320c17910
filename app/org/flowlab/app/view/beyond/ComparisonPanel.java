package org.flowlab.app.view.beyond;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.MetricChart;
import org.flowlab.model.anneal.ChainResult;
import org.flowlab.model.anneal.EqualCost;
import org.flowlab.model.anneal.ReferenceSamples;
import org.flowlab.model.anneal.StageResult;
import org.flowlab.model.observe.Estimate;

/**
 * The four ways to the last target side by side at equal cost: one flow from the prior, the
 * chain of flows, the chain with HMC in between, and annealing with HMC only. Each column shows
 * the histogram at the last target (raw, reweighted, HMC) and the numbers; below, the ESS along
 * the chain for all four.
 */
final class ComparisonPanel extends BorderPane {

    private final GridPane grid = new GridPane();
    private final List<Column> columns = new ArrayList<>();
    private final MetricChart essChart =
            new MetricChart("beyond-compare-ess", "ESS along the chain", "coupling", "ESS");
    private final Label caption =
            new Label("Compare at equal cost: all four start from the prior, so each estimates the absolute"
                    + " log Z at the last target; the flows get the same number of training steps in all.");
    private String observable = "phi2";
    private String observableLabel = "⟨φ²⟩";
    private final Label hmcLine = new Label();
    private final HBox hmcKey;
    private String reference = "HMC";

    private static final class Column {
        final Label title = new Label();
        final MiniHistogram histogram;
        final Label ess = new Label("–");
        final Label logZ = new Label();
        final Label value = new Label();
        final Label cost = new Label();
        final Label status = new Label("waiting");
        final VBox box;
        Estimate reweighted;

        Column(int i) {
            histogram = new MiniHistogram("compare-" + i + "-histogram");
            histogram.setPrefHeight(110);
            title.getStyleClass().add("view-title");
            title.setWrapText(true);
            ess.setId("compare-" + i + "-ess");
            status.getStyleClass().add("form-hint");
            for (Label l : new Label[] {ess, logZ, value, cost}) {
                l.getStyleClass().add("status-item");
                l.setWrapText(true);
            }
            box = new VBox(2, title, histogram, ess, logZ, value, cost, status);
            box.getStyleClass().add("panel");
            box.setId("compare-" + i);
        }
    }

    /** Creates the empty panel. */
    ComparisonPanel() {
        setId("beyond-compare");
        caption.getStyleClass().add("view-caption");
        caption.setWrapText(true);
        grid.setHgap(8);
        grid.setPadding(new Insets(4, 8, 4, 8));
        for (int i = 0; i < 4; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(25);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            Column col = new Column(i);
            columns.add(col);
            grid.add(col.box, i, 0);
        }
        essChart.setPrefHeight(200);
        essChart.setMinHeight(150);
        hmcLine.setId("compare-hmc");
        hmcKey = StagesPanel.key(MiniHistogram.HMC, "HMC", true);
        HBox keys = new HBox(
                14,
                new Label("At the last target:"),
                StagesPanel.key(MiniHistogram.RAW, "raw samples", false),
                StagesPanel.key(MiniHistogram.REWEIGHTED, "reweighted", false),
                hmcKey,
                hmcLine);
        keys.setAlignment(Pos.CENTER_LEFT);
        VBox legend = new VBox(2, caption, keys);
        legend.setPadding(new Insets(4, 8, 0, 8));
        setTop(new VBox(legend, grid));
        setCenter(essChart);
    }

    /**
     * Prepares the columns for a comparison.
     *
     * @param methods the methods in column order
     * @param theory the theory id
     * @param key the annealed coupling
     */
    void reset(List<EqualCost.Method> methods, String theory, String key) {
        observable = Observables.main(theory);
        hmcLine.setText("");
        observableLabel = Observables.mainLabel(theory);
        reference = Observables.referenceLabel(theory);
        ((Label) hmcKey.getChildren().get(1)).setText(reference);
        essChart.clear();
        if (essChart.chart().getXYPlot().getDataset().getSeriesCount() == 0) {
            for (int i = 0; i < 4; i++) {
                essChart.addSeries(shortTitle(i), ChartStyle.PALETTE[i], 2.5f);
                ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer)
                                essChart.chart().getXYPlot().getRenderer())
                        .setSeriesShapesVisible(i, true);
            }
            essChart.setLogScale(true);
        }
        essChart.chart().getXYPlot().getDomainAxis().setLabel(StageRow.symbol(key));
        // the chain runs from left to right even where the coupling decreases along it
        double[] values = methods.get(1).spec().schedule().values();
        essChart.chart().getXYPlot().getDomainAxis().setInverted(values[values.length - 1] < values[0]);
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            EqualCost.Method m = methods.get(i);
            c.title.setText(m.title());
            c.ess.setText("–");
            c.logZ.setText("");
            c.value.setText("");
            c.cost.setText(String.format(
                    Locale.ROOT,
                    "%d training steps, %d updates between",
                    m.spec().trainingSteps(),
                    m.spec().hmcBetween()));
            c.status.setText("waiting");
            c.reweighted = null;
            c.histogram.setSamples(null, null);
            c.histogram.setReference(null);
        }
    }

    private static String shortTitle(int i) {
        return new String[] {"one flow", "chain", "chain + HMC", "HMC only"}[i];
    }

    /**
     * Progress of a method.
     *
     * @param method its column
     * @param text what it is doing
     */
    void progress(int method, String text) {
        columns.get(method).status.setText(text);
    }

    /**
     * A stage of a method finished (a point of the ESS chart).
     *
     * @param method its column
     * @param stage the stage
     */
    void stage(int method, StageResult stage) {
        essChart.batch(() -> essChart.append(method, stage.value(), Math.max(stage.ess(), 1e-6)));
    }

    /**
     * A method finished.
     *
     * @param method its column
     * @param result its chain
     */
    void finished(int method, ChainResult result) {
        Column c = columns.get(method);
        StageResult last = result.last();
        c.ess.setText(String.format(Locale.ROOT, "ESS at the last target %.4f", last.ess()));
        c.logZ.setText(String.format(
                Locale.ROOT,
                "log Z %s%s",
                StageRow.text(last.logZ()),
                Double.isFinite(last.logZExact())
                        ? String.format(Locale.ROOT, " (exact %.4f)", last.logZExact())
                        : ""));
        c.reweighted = last.reweighted().get(observable);
        showValue(c);
        c.status.setText(String.format(Locale.ROOT, "done in %.1f s", result.seconds()));
        c.histogram.setSamples(last.histogram().values(), last.histogram().logWeights());
    }

    /**
     * The HMC reference at the last target, for every column.
     *
     * @param samples the samples
     */
    void reference(ReferenceSamples samples) {
        Estimate hmc = samples.estimates().get(observable);
        hmcLine.setText(hmc == null ? "" : "· " + reference + " " + observableLabel + " = " + StageRow.text(hmc));
        for (Column c : columns) {
            c.histogram.setReference(samples.histogram());
            showValue(c);
        }
    }

    private void showValue(Column c) {
        c.value.setText(c.reweighted == null ? "" : observableLabel + " " + StageRow.text(c.reweighted));
    }

    /**
     * The ESS text of a column (for tests).
     *
     * @param method the column
     * @return its text
     */
    String essText(int method) {
        return columns.get(method).ess.getText();
    }

    /**
     * The chart of the ESS along the chain.
     *
     * @return the chart
     */
    MetricChart essChart() {
        return essChart;
    }

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    void setDark(boolean dark) {
        essChart.setDark(dark);
        for (Column c : columns) {
            c.histogram.setDark(dark);
        }
    }
}
