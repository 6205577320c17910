package org.flowlab.app.view.beyond;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import org.flowlab.model.anneal.ChainSpec;
import org.flowlab.model.anneal.ReferenceSamples;
import org.flowlab.model.anneal.StageResult;
import org.flowlab.model.train.TrainingStep;

/**
 * The chain stage by stage: a legend, then one {@link StageRow} per target, filled live as the
 * chain trains.
 */
final class StagesPanel extends BorderPane {

    private final VBox rows = new VBox(4);
    private final List<StageRow> list = new ArrayList<>();
    private final Label caption = new Label("Run a chain to see each stage here.");
    private final ScrollPane scroll;
    private final HBox referenceKey;
    private ChainSpec spec;

    /** Creates the empty panel. */
    StagesPanel() {
        setId("beyond-stages");
        caption.getStyleClass().add("view-caption");
        caption.setWrapText(true);
        referenceKey = key(MiniHistogram.HMC, "HMC at the target", true);
        HBox legend = new HBox(
                14,
                caption,
                key(MiniHistogram.RAW, "raw samples", false),
                key(MiniHistogram.REWEIGHTED, "reweighted", false),
                referenceKey);
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(4, 8, 4, 8));
        scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        rows.setPadding(new Insets(2, 6, 6, 6));
        setTop(legend);
        setCenter(scroll);
    }

    static HBox key(Color color, String text, boolean dashed) {
        Line line = new Line(0, 0, 26, 0);
        line.setStroke(color);
        line.setStrokeWidth(3);
        if (dashed) {
            line.getStrokeDashArray().setAll(6.0, 4.0);
        }
        HBox b = new HBox(5, line, new Label(text));
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    /**
     * Clears the rows and makes one per target of a chain.
     *
     * @param chain the chain about to run
     */
    void reset(ChainSpec chain) {
        spec = chain;
        rows.getChildren().clear();
        scroll.setVvalue(0);
        list.clear();
        String histogram = Observables.histogramLabel(chain.theory());
        caption.setText("Histograms of " + histogram + " per stage:");
        ((Label) referenceKey.getChildren().get(1))
                .setText(Observables.referenceLabel(chain.theory()) + " at the target");
        int index = 0;
        for (int k = 0; k < chain.schedule().size(); k++) {
            boolean hmcStart = chain.base() == ChainSpec.Base.HMC && k == 0;
            StageRow row = new StageRow(
                    index++,
                    chain.schedule().key(),
                    chain.schedule().value(k),
                    Observables.main(chain.theory()),
                    Observables.mainLabel(chain.theory()),
                    hmcStart);
            list.add(row);
            rows.getChildren().add(row);
        }
    }

    /**
     * A stage started.
     *
     * @param index the stage
     */
    void started(int index) {
        if (index < list.size()) {
            list.get(index).started(spec.hasFlows() ? "training…" : "annealing…");
        }
    }

    /**
     * A training step.
     *
     * @param index the stage
     * @param step the step
     */
    void step(int index, TrainingStep step) {
        if (index < list.size()) {
            list.get(index).training(step, spec.stepsPerStage());
        }
    }

    /**
     * A stage finished.
     *
     * @param result its result
     */
    void finished(StageResult result) {
        if (result.stage() < list.size()) {
            list.get(result.stage()).finished(result);
        }
    }

    /**
     * Reference samples arrived for the target of a stage.
     *
     * @param index the stage
     * @param samples the samples
     */
    void reference(int index, ReferenceSamples samples) {
        if (index < list.size()) {
            list.get(index)
                    .reference(
                            samples.histogram(),
                            samples.estimates().get(Observables.main(spec.theory())),
                            Observables.referenceLabel(spec.theory()));
        }
    }

    /**
     * The rows (for tests).
     *
     * @return the rows in order
     */
    List<StageRow> rows() {
        return List.copyOf(list);
    }

    /**
     * Applies the theme to the histograms.
     *
     * @param dark whether the dark theme is active
     */
    void setDark(boolean dark) {
        for (StageRow r : list) {
            r.histogram().setDark(dark);
        }
    }
}
