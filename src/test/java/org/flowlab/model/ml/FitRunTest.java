package org.flowlab.model.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The regression experiment's claims, at fixed seeds. */
class FitRunTest {

    @Test
    void noiseFreeSincIsLearnedToAnRmsErrorBelowTwoHundredths() {
        // given: sinc on [-10, 10], no noise, no outliers, the defaults (32 x 2 tanh, Adam, 3000 steps)
        FitConfig config = FitConfig.DEFAULT.with(Map.of("function", "sinc", "seed", "1"));
        // when
        FitResult r = new FitRun(config).train();
        // then
        assertEquals(3000, r.steps());
        assertTrue(r.rmsError() < 0.02, "RMS error " + r.rmsError());
        // the lecture pane quotes "an RMS error of about 0.007" for this run
        assertEquals(0.007, r.rmsError(), 0.0015);
        assertTrue(r.maxError() < 0.1, "largest error " + r.maxError());
    }

    @Test
    void withTenPercentOutliersMaeStaysCloserToTheCleanFunctionThanMse() {
        // given: the same data and seed, two losses
        FitConfig mse = FitConfig.DEFAULT.with(Map.of("outliers", "0.1", "loss", "mse", "seed", "1"));
        FitConfig mae = mse.withLoss(Loss.MAE);
        // when
        FitResult a = new FitRun(mse).train();
        FitResult b = new FitRun(mae).train();
        // then: MSE is pulled up towards the outliers (the mean), MAE is not (the median)
        assertTrue(b.rmsError() < a.rmsError(), "MAE " + b.rmsError() + " vs MSE " + a.rmsError());
        assertTrue(a.rmsError() > 0.1, "10 % outliers pushed up by 1.2 to 2.4 shift the mean by about 0.18");
        assertTrue(b.rmsError() < 0.05, "MAE " + b.rmsError());
    }

    @Test
    void runsAreReproducibleAndTheTwoLossesSeeTheSameData() {
        // given
        FitConfig config = FitConfig.DEFAULT.with(Map.of(
                "function", "step", "outliers", "0.2", "noise", "0.05", "steps", "200", "batch", "16", "seed", "5"));
        // when
        FitRun first = new FitRun(config);
        FitRun second = new FitRun(config);
        FitRun other = new FitRun(config.withLoss(Loss.MAE));
        FitResult r1 = first.train();
        FitResult r2 = second.train();
        // then
        assertEquals(r1, r2);
        assertArrayEquals(first.training().y(), other.training().y());
        assertArrayEquals(first.heldOut().x(), other.heldOut().x());
        assertEquals(51, countOutliers(first.training()), "round(0.2 · 256) points");
    }

    @Test
    void fullBatchTrainsOnEveryPointEachStep() {
        // given: full batch on 64 points; the loss then falls monotonically for a small enough step
        FitRun run = new FitRun(FitConfig.DEFAULT.with(
                Map.of("batch", "0", "n", "64", "optimizer", "sgd", "lr", "0.05", "function", "abs")));
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 50; i++) {
            double loss = run.step();
            assertTrue(loss <= previous + 1e-12, "step " + i + ": " + loss + " after " + previous);
            previous = loss;
        }
    }

    private static int countOutliers(RegressionData d) {
        int n = 0;
        for (boolean b : d.outlier()) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Test
    void settingsAreCheckedAndNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FitConfig.DEFAULT.with(Map.of("hidden", "0")));
        assertTrue(e.getMessage().startsWith("hidden "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FitConfig.DEFAULT.with(Map.of("batch", "300")));
        assertTrue(e.getMessage().startsWith("batch "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FitConfig.DEFAULT.with(Map.of("colour", "red")));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FitConfig.DEFAULT.with(Map.of("lr", "NaN")));
        assertTrue(e.getMessage().startsWith("lr "), e.getMessage());
        // the order of the keys does not matter: n is applied before the batch is checked
        FitConfig small = FitConfig.DEFAULT.with(new java.util.LinkedHashMap<>(Map.of("batch", "8")) {
            {
                put("n", "16");
            }
        });
        assertEquals(8, small.batch());
        assertEquals(FitConfig.DEFAULT, FitConfig.DEFAULT.with(FitConfig.DEFAULT.toMap()));
    }
}
