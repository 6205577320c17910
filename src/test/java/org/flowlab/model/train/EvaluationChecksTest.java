package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.Reweighting;
import org.junit.jupiter.api.Test;

class EvaluationChecksTest {

    private static Map<String, Estimate> modes(double f0, double f1, double f2, double err, double tau) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        m.put("mode0", new Estimate(f0, err, tau));
        m.put("mode1", new Estimate(f1, err, tau));
        m.put("mode2", new Estimate(f2, f2 == 0 ? 0 : err, f2 == 0 ? Double.NaN : tau));
        return m;
    }

    @Test
    void aMissingModeIsFlaggedAgainstTheExactWeights() {
        // given: the audit's reverse-KL fit of the three-mode mixture, ESS 0.81 on 10 000 samples
        Map<String, Estimate> found = modes(0.625, 0.375, 0, 0.004, 1.2);
        FlowEvaluation ev = new FlowEvaluation(10_000, 0.81, 0.8, found, found, found);
        Map<String, Double> exact = Map.of("mode0", 0.338, "mode1", 0.205, "mode2", 0.457);
        // when
        EvaluationChecks checks = EvaluationChecks.of(ev, exact);
        // then
        assertTrue(checks.reweightedReliable());
        for (String mode : new String[] {"mode0", "mode1", "mode2"}) {
            assertTrue(checks.disagrees(EvaluationChecks.REWEIGHTED, mode), mode);
            assertTrue(checks.disagrees(EvaluationChecks.METROPOLIS, mode), mode);
        }
        assertTrue(
                checks.warnings().stream().anyMatch(w -> w.contains("mode2") && w.contains("0.457")),
                checks.warnings().toString());
        checks.warnings().forEach(w -> assertFalse(w.contains("\n")));
    }

    @Test
    void agreementRaisesNoFlag() {
        Map<String, Estimate> fine = modes(0.34, 0.204, 0.456, 0.004, 1.2);
        FlowEvaluation ev = new FlowEvaluation(10_000, 0.81, 0.8, fine, fine, fine);
        EvaluationChecks checks = EvaluationChecks.of(ev, Map.of("mode0", 0.338, "mode1", 0.205, "mode2", 0.457));
        assertTrue(checks.disagreements().isEmpty(), checks.disagreements().toString());
        assertTrue(checks.warnings().isEmpty(), checks.warnings().toString());
        assertTrue(checks.metropolisReliable());
    }

    @Test
    void fewEffectiveSamplesMarkBothMethodsUnreliable() {
        // the audit's case: ESS 0.005 on 10 000 samples, 50 effective samples
        Map<String, Estimate> m = Map.of("M", new Estimate(-42.3, 0.09, 1.0));
        FlowEvaluation ev = new FlowEvaluation(10_000, 0.005, 0.02, m, m, m);
        EvaluationChecks checks = EvaluationChecks.of(ev, Map.of("M", 0.0));
        assertEquals(50, checks.effectiveSamples(), 1e-9);
        assertFalse(checks.reweightedReliable());
        assertFalse(checks.metropolisReliable());
        assertTrue(
                checks.warnings().get(0).contains("only 50 effective samples"),
                checks.warnings().toString());
        assertTrue(checks.warnings().get(0).contains(String.format("%.0f", Reweighting.MIN_EFFECTIVE_SAMPLES)));
        assertTrue(checks.disagrees(EvaluationChecks.REWEIGHTED, "M"));
    }

    @Test
    void aShortFlowMcmcChainIsUnreliable() {
        Map<String, Estimate> m = Map.of("Q2", new Estimate(0.3, 0.05, 40));
        FlowEvaluation ev = new FlowEvaluation(2000, 0.5, 0.03, m, m, m);
        EvaluationChecks checks = EvaluationChecks.of(ev, Map.of());
        assertTrue(checks.reweightedReliable());
        assertFalse(checks.metropolisReliable());
        assertTrue(
                checks.warnings().get(0).contains("flow-MCMC"),
                checks.warnings().toString());
    }
}
