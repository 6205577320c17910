package org.flowlab.app.view.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.testing.FxPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The comparison with exact values: the delta-method error, the pull, and the warning that a
 * high ESS can hide a missing mode (mixture mode weights, ⟨M⟩ = 0 for φ⁴).
 */
class ExactCheckTest {

    @BeforeAll
    static void startFx() throws Exception {
        FxPlatform.start();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    @Test
    void theErrorIsTheDeltaMethodErrorOfTheWeightedMean() {
        // values 0, 2 with weights 1/4, 3/4: mean 1.5, sigma^2 = (1/16)(1.5^2) + (9/16)(0.5^2) = 0.28125
        ExactCheck.Result r = ExactCheck.compare("x", new double[] {0, 2}, new double[] {0.25, 0.75}, 1.0);
        assertEquals(1.5, r.estimate(), 1e-12);
        assertEquals(Math.sqrt(0.28125), r.error(), 1e-12);
        assertEquals(0.5 / Math.sqrt(0.28125), r.pull(), 1e-12);
        // equal weights: the error of a plain mean, s / sqrt(n) with the 1/n variance
        double[] v = new double[400];
        double[] w = new double[400];
        SplittableRandom rng = new SplittableRandom(3);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
            w[i] = 1.0 / v.length;
            sum += v[i];
        }
        double mean = sum / v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean) / v.length;
        }
        assertEquals(Math.sqrt(var / v.length), ExactCheck.compare("x", v, w, 0).error(), 1e-12);
    }

    @Test
    void aDisagreementWithoutSpreadIsInfinitelyManySigmaButAgreementIsNone() {
        assertEquals(
                Double.POSITIVE_INFINITY,
                ExactCheck.compare("w", new double[] {0, 0}, new double[] {0.5, 0.5}, 0.5)
                        .pull());
        assertEquals(
                0,
                ExactCheck.compare("w", new double[] {1, 1}, new double[] {0.5, 0.5}, 1.0)
                        .pull());
    }

    private static SampleSnapshot points(double[][] xy) {
        double[] flat = new double[2 * xy.length];
        for (int i = 0; i < xy.length; i++) {
            flat[2 * i] = xy[i][0];
            flat[2 * i + 1] = xy[i][1];
        }
        return new SampleSnapshot(10, new int[] {2}, flat, new double[xy.length]);
    }

    @Test
    void aModelInOneModeOfTwoIsFlaggedDespiteItsPerfectEss() throws Exception {
        RunSpec spec = RunSpec.create(
                "mixture2d",
                Map.of("mixture", "pair", "mu", "4", "sigma", "1"),
                "affine2d",
                Map.of(),
                "rkl",
                Map.of(),
                new TrainingConfig(10, 64, 0.01, 1),
                DeviceChoice.CPU,
                Precision.FLOAT32);
        SplittableRandom rng = new SplittableRandom(11);
        double[][] oneMode = new double[64][];
        double[][] bothModes = new double[64][];
        for (int i = 0; i < 64; i++) {
            oneMode[i] = new double[] {4 + rng.nextGaussian(), rng.nextGaussian()};
            bothModes[i] = new double[] {(i % 2 == 0 ? 4 : -4) + rng.nextGaussian(), rng.nextGaussian()};
        }
        // when: every sample sits in the right-hand mode, all with the same weight (ESS = 1)
        MixtureDashboard d = fx(() -> {
            MixtureDashboard m = new MixtureDashboard(false);
            m.reset(spec);
            m.modelSamples(points(oneMode));
            return m;
        });
        // then: the mode weights and <x> disagree with the exact ones, and the window says why
        assertTrue(d.exactCheck().warningShown());
        assertTrue(
                d.exactCheck().warningText().contains("ESS = 1.00"),
                d.exactCheck().warningText());
        assertTrue(
                d.exactCheck().warningText().contains("never visits"),
                d.exactCheck().warningText());
        ExactCheck.Result mode2 = d.exactCheck().results().get(1);
        assertEquals(0.5, mode2.exact(), 1e-4);
        assertEquals(0, mode2.estimate(), 0);
        // and a model that covers both modes is not flagged
        MixtureDashboard both = fx(() -> {
            MixtureDashboard m = new MixtureDashboard(true);
            m.reset(spec);
            m.modelSamples(points(bothModes));
            return m;
        });
        assertFalse(
                both.exactCheck().warningShown(), both.exactCheck().results().toString());
    }

    @Test
    void theExactModeWeightsAreTheMixtureWeightsForSeparatedModes() {
        GaussianMixture2D three = GaussianMixture2D.threeModes();
        double[] w = MixtureDashboard.exactModeWeights(three, 14);
        double total = 0;
        for (int k = 0; k < w.length; k++) {
            assertEquals(three.weight(k), w[k], 2e-3, "mode " + k);
            total += w[k];
        }
        assertEquals(1, total, 1e-12);
    }

    @Test
    void aPhi4ModelStuckOnOneSignIsFlagged() throws Exception {
        RunSpec spec = RunSpec.create(
                "phi4",
                Map.of("L", "4", "m2", "-0.5", "lambda", "1.5"),
                "realnvp",
                Map.of("layers", "2"),
                "rkl",
                Map.of(),
                new TrainingConfig(10, 16, 0.001, 1),
                DeviceChoice.CPU,
                Precision.FLOAT32);
        SplittableRandom rng = new SplittableRandom(5);
        double[] positive = new double[16 * 16];
        double[] symmetric = new double[16 * 16];
        for (int c = 0; c < 16; c++) {
            double sign = c % 2 == 0 ? 1 : -1;
            for (int x = 0; x < 16; x++) {
                positive[16 * c + x] = 1 + 0.3 * rng.nextGaussian();
                symmetric[16 * c + x] = sign * (1 + 0.3 * rng.nextGaussian());
            }
        }
        Phi4Dashboard stuck = fx(() -> {
            Phi4Dashboard d = new Phi4Dashboard(false);
            d.reset(spec);
            d.modelSamples(new SampleSnapshot(5, new int[] {4, 4}, positive, new double[16]));
            return d;
        });
        assertTrue(stuck.exactCheck().warningShown());
        assertEquals(0, stuck.exactCheck().results().get(0).exact());
        Phi4Dashboard fine = fx(() -> {
            Phi4Dashboard d = new Phi4Dashboard(true);
            d.reset(spec);
            d.modelSamples(new SampleSnapshot(5, new int[] {4, 4}, symmetric, new double[16]));
            return d;
        });
        assertFalse(
                fine.exactCheck().warningShown(), fine.exactCheck().results().toString());
    }
}
