package org.flowlab.app.view.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The model's reweighted estimates beside values known exactly (mixture mode weights, ⟨M⟩ = 0
 * for φ⁴, ⟨Q⟩ = 0 for U(1), ...), with a warning when they disagree by {@value #WARN_SIGMA}
 * standard errors or more. It exists because a high ESS can lie: ESS compares the model with
 * the target only where the model puts its samples, so a mode the model never visits leaves
 * no trace in the weights.
 *
 * <p>Error of a self-normalised importance-sampling estimate (delta method):
 * σ² = Σ_i w̄_i² (O_i − Ō)², w̄ the normalised weights.
 */
public final class ExactCheck extends VBox {

    /** Disagreement, in standard errors, from which the warning shows. */
    public static final double WARN_SIGMA = 5;

    /** Why ESS cannot see a missing mode, in one line. */
    public static final String WHY = "ESS compares model and target only where the model puts its samples:"
            + " a mode it never visits leaves no trace in the weights, so ESS can be near 1 while the answer is wrong.";

    /**
     * One comparison.
     *
     * @param name the observable, e.g. "⟨M⟩"
     * @param estimate the model's reweighted estimate
     * @param error its standard error
     * @param exact the exact value
     */
    public record Result(String name, double estimate, double error, double exact) {

        /**
         * How many standard errors apart estimate and exact value are (0 when they agree to
         * rounding, infinite for a disagreement with zero error).
         *
         * @return |estimate − exact| / error
         */
        public double pull() {
            double d = Math.abs(estimate - exact);
            if (!(d > 1e-9 * Math.max(1, Math.abs(exact)))) {
                return 0;
            }
            return error > 0 ? d / error : Double.POSITIVE_INFINITY;
        }
    }

    private final VBox rows = new VBox(2);
    private final Label warning = new Label();
    private final List<Result> shown = new ArrayList<>();

    /**
     * Builds an empty check.
     *
     * @param id node id
     */
    public ExactCheck(String id) {
        setId(id);
        setSpacing(4);
        getStyleClass().add("exact-check");
        warning.setId(id + "-warning");
        warning.getStyleClass().add("exact-warning");
        warning.setWrapText(true);
        warning.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        warning.managedProperty().bind(warning.visibleProperty());
        warning.setVisible(false);
        getChildren().addAll(rows, warning);
    }

    /**
     * Compares the weighted mean of values with an exact value.
     *
     * @param name the observable's name
     * @param values O_i
     * @param weights normalised weights w̄_i (summing to one)
     * @param exact the exact value
     * @return the comparison (NaN estimate when there are no values)
     */
    public static Result compare(String name, double[] values, double[] weights, double exact) {
        if (values.length == 0 || values.length != weights.length) {
            return new Result(name, Double.NaN, Double.NaN, exact);
        }
        double mean = 0;
        for (int i = 0; i < values.length; i++) {
            mean += weights[i] * values[i];
        }
        double var = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            var += weights[i] * weights[i] * d * d;
        }
        return new Result(name, mean, Math.sqrt(var), exact);
    }

    /**
     * Shows the comparisons, and the warning when one disagrees by {@value #WARN_SIGMA} σ or
     * more.
     *
     * @param results the comparisons
     * @param ess the current ESS fraction of the samples behind them
     */
    public void show(List<Result> results, double ess) {
        shown.clear();
        shown.addAll(results);
        rows.getChildren().clear();
        Result worst = null;
        for (Result res : results) {
            double pull = res.pull();
            boolean known = Double.isFinite(res.estimate());
            String verdict = !known
                    ? ""
                    : pull >= WARN_SIGMA
                            ? (Double.isInfinite(pull) ? "  ⚠ off" : String.format(Locale.ROOT, "  ⚠ %.0f σ", pull))
                            : String.format(Locale.ROOT, "  ✓ %.1f σ", pull);
            Label row = new Label(String.format(
                    Locale.ROOT,
                    "%s   model %s   exact %s%s",
                    res.name(),
                    known ? String.format(Locale.ROOT, "%+.3f ± %.3f", res.estimate(), res.error()) : "–",
                    format(res.exact()),
                    verdict));
            row.setWrapText(true);
            row.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            row.getStyleClass().add(known && pull >= WARN_SIGMA ? "exact-bad" : "exact-good");
            rows.getChildren().add(row);
            if (Double.isFinite(res.estimate()) && pull >= WARN_SIGMA && (worst == null || pull > worst.pull())) {
                worst = res;
            }
        }
        warning.setVisible(worst != null);
        if (worst != null) {
            warning.setText(String.format(
                    Locale.ROOT,
                    "⚠ %s is %s from its exact value although ESS = %.2f. %s",
                    worst.name(),
                    Double.isInfinite(worst.pull()) ? "far" : String.format(Locale.ROOT, "%.0f σ", worst.pull()),
                    ess,
                    WHY));
        }
    }

    /** Forgets the comparisons. */
    public void clear() {
        show(List.of(), Double.NaN);
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Whether the warning shows.
     *
     * @return true when an estimate disagrees by many σ
     */
    public boolean warningShown() {
        return warning.isVisible();
    }

    /**
     * The warning's text ("" when hidden).
     *
     * @return the text
     */
    public String warningText() {
        return warning.isVisible() ? warning.getText() : "";
    }

    /**
     * The comparisons shown.
     *
     * @return them, in order
     */
    public List<Result> results() {
        return List.copyOf(shown);
    }
}
