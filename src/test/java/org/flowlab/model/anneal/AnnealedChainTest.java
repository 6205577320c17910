package org.flowlab.model.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.Phi4Observables;
import org.junit.jupiter.api.Test;

class AnnealedChainTest {

    private static ChainSpec phi4(
            Map<String, String> values,
            String schedule,
            String flow,
            Map<String, String> flowValues,
            ChainSpec.Base base,
            int steps,
            int hmcBetween,
            long seed,
            int samples) {
        return ChainSpec.create(
                "phi4",
                values,
                Schedule.parse("m2", schedule),
                flow,
                flowValues,
                "rkl",
                base,
                steps,
                32,
                3e-3,
                seed,
                hmcBetween,
                true,
                samples,
                1024,
                DeviceChoice.CPU,
                Precision.FLOAT64);
    }

    @Test
    void annealedImportanceSamplingWithHmcOnlyReproducesTheFreeFieldLogZ() {
        // given: AIS from HMC samples of the free field at m² = 2 (exact log Z) to m² = 0.5, HMC in between
        ChainSpec spec = phi4(
                Map.of("L", "4", "lambda", "0"),
                "2:0.5:6",
                ChainSpec.NO_FLOW,
                Map.of(),
                ChainSpec.Base.HMC,
                0,
                3,
                7,
                2000);
        // when
        ChainResult result = AnnealedChain.run(spec, new AnnealedChain.Listener() {}, () -> false);
        // then: every stage's log Z agrees with the Gaussian integral within three errors
        assertEquals(6, result.stages().size());
        for (StageResult s : result.stages()) {
            System.out.printf(
                    "m2=%s ess=%.3f logZ=%.4f+-%.4f exact=%.4f dF=%.4f+-%.4f exact %.4f%n",
                    s.value(),
                    s.ess(),
                    s.logZ().mean(),
                    s.logZ().err(),
                    s.logZExact(),
                    s.deltaF().mean(),
                    s.deltaF().err(),
                    s.deltaFExact());
            if (!s.moved()) {
                assertEquals(s.logZExact(), s.logZ().mean(), 1e-12, "the start's log Z is exact");
                continue;
            }
            assertTrue(
                    s.logZ().err() > 0 && s.logZ().err() < 0.2,
                    "error " + s.logZ().err());
            assertTrue(s.logZ().pull(s.logZExact()) < 3, s.toString());
            assertTrue(s.deltaF().pull(s.deltaFExact()) < 3, s.toString());
            Estimate phi2 = s.reweighted().get(Phi4Observables.PHI2);
            assertTrue(phi2.pull(s.exact().get(Phi4Observables.PHI2)) < 3, phi2 + " vs " + s.exact());
        }
    }

    @Test
    void chainOfFlowsReweightedPhiSquaredAgreesWithAnIndependentHmc() {
        // given: three targets from m² = 0 to -0.5 at lambda = 1.5, two small RealNVP stages
        ChainSpec spec = phi4(
                Map.of("L", "4", "lambda", "1.5"),
                "0:-0.5:3",
                "realnvp",
                Map.of("layers", "2", "hidden", "4", "hiddenLayers", "1"),
                ChainSpec.Base.HMC,
                60,
                0,
                3,
                2048);
        // when
        ChainResult result = AnnealedChain.run(spec, new AnnealedChain.Listener() {}, () -> false);
        ReferenceSamples hmc = ReferenceSamples.draw(spec.theoryKind(), spec.targetSettings(2), 4000, 99, () -> false);
        // then
        StageResult last = result.last();
        Estimate chain = last.reweighted().get(Phi4Observables.PHI2);
        Estimate reference = hmc.estimates().get(Phi4Observables.PHI2);
        System.out.printf(
                "chain %s ess %.3f vs hmc %s, %d params, %.1f s%n",
                chain, last.ess(), reference, result.parameters().size(), result.seconds());
        assertEquals(2, result.parameters().size());
        assertTrue(last.ess() > 0.05 && last.ess() <= 1, "ESS " + last.ess());
        double err = Math.hypot(chain.err(), reference.err());
        assertTrue(Math.abs(chain.mean() - reference.mean()) < 3 * err, chain + " vs " + reference);
    }

    @Test
    void stochasticNormalizingFlowWeightsAreUnbiased() {
        // given: the normalised pair mixture (log Z = 0 at every separation), from the prior, with
        // small coupling flows and Metropolis sweeps in between, over several seeds
        double sumPull2 = 0;
        int seeds = 5;
        for (int seed = 1; seed <= seeds; seed++) {
            ChainSpec spec = ChainSpec.create(
                    "mixture2d",
                    Map.of("mixture", "pair", "sigma", "1"),
                    Schedule.parse("mu", "0:3:4"),
                    "coupling2d",
                    Map.of("layers", "2", "hidden", "8", "hiddenLayers", "1"),
                    "rkl",
                    ChainSpec.Base.PRIOR,
                    40,
                    64,
                    1e-2,
                    seed,
                    2,
                    false,
                    1000,
                    512,
                    DeviceChoice.CPU,
                    Precision.FLOAT64);
            // when
            ChainResult result = AnnealedChain.run(spec, new AnnealedChain.Listener() {}, () -> false);
            // then: every stage's log Z is 0 within its error
            for (StageResult s : result.stages()) {
                double pull = s.logZ().mean() / s.logZ().err();
                System.out.printf(
                        "seed %d mu=%s ess=%.3f logZ=%.4f+-%.4f pull %.2f%n",
                        seed, s.value(), s.ess(), s.logZ().mean(), s.logZ().err(), pull);
                assertTrue(Math.abs(pull) < 4, "seed " + seed + ": " + s.logZ());
                assertEquals(0, s.logZExact());
            }
            double pull = result.last().logZ().mean() / result.last().logZ().err();
            sumPull2 += pull * pull;
        }
        // the final stage's pulls scatter like a unit normal: their mean square stays below 4
        assertTrue(sumPull2 / seeds < 4, "mean squared pull " + sumPull2 / seeds);
    }
}
