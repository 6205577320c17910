package org.flowlab.app.view.beyond;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.model.anneal.Schedule;
import org.flowlab.model.anneal.StageResult;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.train.TrainingStep;

/**
 * One stage of a chain: its target, ESS, log Z and main observable on the left, and on the right
 * the histogram of the raw samples, the reweighted samples and HMC at that target.
 */
final class StageRow extends HBox {

    private final int index;
    private final String observable;
    private final Label title = new Label();
    private final Label ess = new Label("waiting");
    private final Label logZ = new Label();
    private final Label value = new Label();
    private final Label status = new Label();
    private final MiniHistogram histogram;
    private Estimate reference;
    private Estimate reweighted;
    private String observableLabel;
    private String referenceLabel = "HMC";

    /**
     * Creates the row.
     *
     * @param index the stage index
     * @param key the annealed coupling
     * @param couplingValue its value at this stage
     * @param observable the main observable's name (such as {@code phi2})
     * @param observableLabel how to write it (such as ⟨φ²⟩)
     * @param startsFromHmc whether this row holds the chain's HMC start
     */
    StageRow(
            int index,
            String key,
            double couplingValue,
            String observable,
            String observableLabel,
            boolean startsFromHmc) {
        this.index = index;
        this.observable = observable;
        this.observableLabel = observableLabel;
        setId("stage-" + index);
        setSpacing(10);
        setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().add("panel");
        title.setText(String.format(
                Locale.ROOT,
                "%d · %s = %s%s",
                index,
                symbol(key),
                Schedule.format(couplingValue),
                startsFromHmc ? " (HMC start)" : ""));
        title.getStyleClass().add("view-title");
        ess.setId("stage-" + index + "-ess");
        for (Label l : new Label[] {ess, logZ, value, status}) {
            l.getStyleClass().add("status-item");
        }
        status.getStyleClass().add("form-hint");
        HBox head = new HBox(12, title, ess);
        head.setAlignment(Pos.BASELINE_LEFT);
        VBox info = new VBox(1, head, logZ, value, status);
        info.setMinWidth(400);
        info.setPrefWidth(440);
        histogram = new MiniHistogram("stage-" + index + "-histogram");
        HBox.setHgrow(histogram, Priority.ALWAYS);
        setAlignment(Pos.CENTER_LEFT);
        setMinHeight(84);
        setPrefHeight(88);
        getChildren().addAll(info, histogram);
    }

    /**
     * The coupling's symbol.
     *
     * @param key the parameter key
     * @return e.g. m² for {@code m2}
     */
    static String symbol(String key) {
        switch (key) {
            case "m2":
                return "m²";
            case "lambda":
                return "λ";
            case "beta":
                return "β";
            case "mu":
                return "μ";
            default:
                return key;
        }
    }

    /**
     * Shows training progress.
     *
     * @param step the latest step
     * @param steps steps planned
     */
    void training(TrainingStep step, int steps) {
        status.setText(
                String.format(Locale.ROOT, "training: step %d / %d, stage ESS %.3f", step.step(), steps, step.ess()));
    }

    /**
     * Shows that the stage has started.
     *
     * @param text what it does
     */
    void started(String text) {
        status.setText(text);
    }

    /**
     * Shows a finished stage.
     *
     * @param r its result
     */
    void finished(StageResult r) {
        ess.setText(
                r.moved() ? String.format(Locale.ROOT, "ESS %.4f · this stage %.4f", r.ess(), r.stageEss()) : "ESS 1");
        if (!r.moved()) {
            logZ.setText(
                    Double.isNaN(r.logZExact())
                            ? "HMC samples; log Z₀ is not known exactly here"
                            : String.format(Locale.ROOT, "HMC samples; log Z₀ = %.4f exactly", r.logZExact()));
        } else if (!Double.isNaN(r.logZ().mean())) {
            logZ.setText(String.format(Locale.ROOT, "log Z %s%s", text(r.logZ()), exact(r.logZExact())));
        } else {
            logZ.setText(String.format(Locale.ROOT, "log Z/Z₀ %s · ΔF %s", text(r.logRatio()), text(r.deltaF())));
        }
        reweighted = r.reweighted().get(observable);
        Double exact = r.exact().get(observable);
        if (exact != null) {
            reference = new Estimate(exact, 0, Double.NaN);
        }
        updateValue();
        String accept = Double.isNaN(r.moveAccept())
                ? ""
                : String.format(Locale.ROOT, ", then HMC updates (acceptance %.2f)", r.moveAccept());
        status.setText(
                r.moved() ? String.format(Locale.ROOT, "done in %.1f s%s", r.seconds(), accept) : "the chain's start");
        histogram.setSamples(r.histogram().values(), r.histogram().logWeights());
    }

    /**
     * Shows the HMC reference at this stage's target.
     *
     * @param values the histogram observable on the HMC samples
     * @param estimate the main observable's HMC estimate
     * @param label what the reference is, such as HMC
     */
    void reference(double[] values, Estimate estimate, String label) {
        referenceLabel = label;
        histogram.setReference(values);
        // an exact value, where known, says more than the HMC estimate
        if (estimate != null && (reference == null || reference.err() != 0)) {
            reference = estimate;
        }
        updateValue();
    }

    private void updateValue() {
        StringBuilder b = new StringBuilder(observableLabel).append(' ');
        b.append(reweighted == null ? "…" : text(reweighted));
        if (reference != null) {
            b.append(
                    reference.err() == 0
                            ? " · exact " + String.format(Locale.ROOT, "%.4f", reference.mean())
                            : " · " + referenceLabel + " " + text(reference));
        }
        value.setText(b.toString());
    }

    /**
     * The histogram (for tests).
     *
     * @return the histogram
     */
    MiniHistogram histogram() {
        return histogram;
    }

    /**
     * The ESS line (for tests).
     *
     * @return its text
     */
    String essText() {
        return ess.getText();
    }

    /**
     * The stage index.
     *
     * @return the index
     */
    int index() {
        return index;
    }

    static String text(Estimate e) {
        return Double.isNaN(e.mean()) ? "–" : String.format(Locale.ROOT, "%.4f ± %.4f", e.mean(), e.err());
    }

    private static String exact(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, " (exact %.4f)", v) : "";
    }
}
