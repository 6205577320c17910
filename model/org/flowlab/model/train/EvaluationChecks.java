package org.flowlab.model.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.Reweighting;

/**
 * What of a {@link FlowEvaluation} can be trusted, in words and flags.
 *
 * <ul>
 *   <li><b>Few effective samples.</b> Below {@link Reweighting#MIN_EFFECTIVE_SAMPLES} effective
 *       samples n ESS the reweighted and flow-MCMC errors are optimistic (the unsampled tail of
 *       the weights biases both); every such estimate is unreliable.
 *   <li><b>A short flow-MCMC chain.</b> The independence-Metropolis chain is unreliable when it
 *       holds fewer than {@link ChainAnalysis#MIN_LENGTH_PER_TAU} times its largest tau_int, or
 *       when an observable never changed along it.
 *   <li><b>Disagreement with exact values.</b> An estimate more than {@link #DISAGREEMENT_SIGMA}
 *       errors from a known exact value (or off it with a zero error) is flagged: the typical
 *       sign of a mode the flow never proposes, which no error bar can show.
 * </ul>
 *
 * @param effectiveSamples n ESS
 * @param reweightedReliable whether the reweighted errors can be trusted
 * @param metropolisReliable whether the flow-MCMC errors can be trusted
 * @param disagreements "reweighted:NAME" and "metropolis:NAME" for each flagged estimate
 * @param warnings one line each, for the user
 */
public record EvaluationChecks(
        double effectiveSamples,
        boolean reweightedReliable,
        boolean metropolisReliable,
        Set<String> disagreements,
        List<String> warnings) {

    /** Distance, in errors, from an exact value beyond which an estimate is flagged. */
    public static final double DISAGREEMENT_SIGMA = 4;

    /** Prefix of the reweighted estimates in {@link #disagreements}. */
    public static final String REWEIGHTED = "reweighted";

    /** Prefix of the flow-MCMC estimates in {@link #disagreements}. */
    public static final String METROPOLIS = "metropolis";

    /**
     * Checks an evaluation against the thresholds and the exact values.
     *
     * @param ev the evaluation
     * @param exact exact expectation values by observable name (may be empty)
     * @return the checks
     */
    public static EvaluationChecks of(FlowEvaluation ev, Map<String, Double> exact) {
        List<String> warnings = new ArrayList<>();
        double effective = ev.samples() * ev.ess();
        boolean enough = Reweighting.enoughEffectiveSamples(effective);
        if (!enough) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "warning: only %.0f effective samples (n ESS = %d × %.4f, fewer than %.0f): the reweighted and "
                            + "flow-MCMC errors are unreliable; draw more samples or train the flow further",
                    effective,
                    ev.samples(),
                    ev.ess(),
                    Reweighting.MIN_EFFECTIVE_SAMPLES));
        }
        String chainProblem = chainProblem(ev);
        if (chainProblem != null) {
            warnings.add("warning: " + chainProblem + ": the flow-MCMC errors are unreliable");
        }
        Set<String> disagreements = new LinkedHashSet<>();
        flag(REWEIGHTED, ev.reweighted(), exact, disagreements, warnings);
        flag(METROPOLIS, ev.metropolis(), exact, disagreements, warnings);
        return new EvaluationChecks(
                effective, enough, enough && chainProblem == null, Set.copyOf(disagreements), List.copyOf(warnings));
    }

    /**
     * Whether an estimate was flagged.
     *
     * @param method {@link #REWEIGHTED} or {@link #METROPOLIS}
     * @param name the observable
     * @return true when it disagrees with its exact value
     */
    public boolean disagrees(String method, String name) {
        return disagreements.contains(method + ":" + name);
    }

    /**
     * Whether an estimate lies off an exact value by more than {@link #DISAGREEMENT_SIGMA} errors.
     *
     * @param e the estimate
     * @param exact the exact value
     * @return true when they disagree; false when the error is unknown (NaN)
     */
    public static boolean disagrees(Estimate e, double exact) {
        double off = Math.abs(e.mean() - exact);
        double tolerance = 1e-9 * Math.max(1, Math.abs(exact));
        if (Double.isNaN(e.err())) {
            return false;
        }
        return off > DISAGREEMENT_SIGMA * e.err() + tolerance;
    }

    private static String chainProblem(FlowEvaluation ev) {
        String slowest = null;
        double tauMax = 0;
        for (Map.Entry<String, Estimate> e : ev.metropolis().entrySet()) {
            double tau = e.getValue().tauInt();
            if (Double.isNaN(tau) && ev.acceptRate() > 0) {
                // a constant chain of an observable whose proposals change: frozen at one value
                boolean variesInProposals =
                        Double.isFinite(ev.raw().get(e.getKey()).err())
                                && ev.raw().get(e.getKey()).err() > 0;
                if (variesInProposals) {
                    return e.getKey() + " never changed along the flow-MCMC chain";
                }
            } else if (tau > tauMax) {
                tauMax = tau;
                slowest = e.getKey();
            }
        }
        if (ev.acceptRate() == 0) {
            return "no proposal was accepted";
        }
        if (slowest != null && ev.samples() < ChainAnalysis.MIN_LENGTH_PER_TAU * tauMax) {
            return String.format(
                    Locale.ROOT,
                    "the flow-MCMC chain of %d samples holds only %.0f tau_int of %s (tau_int %.1f; "
                            + "fewer than %.0f)",
                    ev.samples(),
                    ev.samples() / tauMax,
                    slowest,
                    tauMax,
                    ChainAnalysis.MIN_LENGTH_PER_TAU);
        }
        return null;
    }

    private static void flag(
            String method,
            Map<String, Estimate> estimates,
            Map<String, Double> exact,
            Set<String> out,
            List<String> warnings) {
        for (Map.Entry<String, Estimate> e : estimates.entrySet()) {
            Double value = exact.get(e.getKey());
            if (value == null || !disagrees(e.getValue(), value)) {
                continue;
            }
            out.add(method + ":" + e.getKey());
            warnings.add(String.format(
                    Locale.ROOT,
                    "warning: the %s %s = %.6g ± %.2g disagrees with its exact value %.6g (%s): a mode the flow "
                            + "does not propose cannot show in its error bar",
                    method,
                    e.getKey(),
                    e.getValue().mean(),
                    e.getValue().err(),
                    value,
                    e.getValue().err() > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "%.1f σ",
                                    Math.abs(e.getValue().mean() - value)
                                            / e.getValue().err())
                            : "with a zero error"));
        }
    }
}
