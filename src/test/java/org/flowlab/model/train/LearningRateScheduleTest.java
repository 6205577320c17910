package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunLink;
import org.flowlab.model.spec.RunSpec;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void cosineFallsMonotonicallyFromTheRateToOnePercentOfIt() {
        int steps = 101;
        LearningRateSchedule cos = LearningRateSchedule.COSINE;
        assertEquals(1.0, cos.factor(0, steps), 1e-15);
        assertEquals(LearningRateSchedule.COSINE_FLOOR, cos.factor(steps - 1, steps), 1e-15);
        // half way: the floor plus half of the rest
        assertEquals(0.01 + 0.99 * 0.5, cos.factor(50, steps), 1e-12);
        for (int k = 1; k < steps; k++) {
            assertTrue(cos.factor(k, steps) < cos.factor(k - 1, steps), "step " + k);
        }
        // a one-step run takes the full rate; steps past the end keep the floor
        assertEquals(1.0, cos.factor(0, 1), 1e-15);
        assertEquals(LearningRateSchedule.COSINE_FLOOR, cos.factor(500, steps), 1e-15);
        assertEquals(1.0, LearningRateSchedule.CONSTANT.factor(77, steps));
    }

    @Test
    void namesParseAndAnUnknownOneIsNamed() {
        assertEquals(LearningRateSchedule.COSINE, LearningRateSchedule.parse(" Cosine"));
        assertEquals(List.of("constant", "cosine"), LearningRateSchedule.ids());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("warp"));
        assertTrue(e.getMessage().contains("'warp'") && e.getMessage().contains("constant, cosine"), e.getMessage());
    }

    private static RunSpec spec(LearningRateSchedule schedule) {
        return RunLink.parse("flowlab:lab?theory=phi4&L=4&m2=1&lambda=0.5&flow=realnvp&layers=2&hidden=4&loss=rkl"
                        + "&batch=16&lr=0.02&steps=20&seed=3&precision=float64&schedule=" + schedule.id())
                .spec();
    }

    private static List<Double> losses(LearningRateSchedule schedule, List<Double> rates) {
        List<Double> out = new ArrayList<>();
        try (Experiment e = spec(schedule).open()) {
            for (int i = 0; i < 20; i++) {
                out.add(e.trainer().step().loss());
                rates.add(e.trainer().optimizer().learningRate());
            }
        }
        return out;
    }

    @Test
    void theTrainerStepsWithTheScheduledRate() {
        // given: the same run with a constant and with a cosine rate
        List<Double> constantRates = new ArrayList<>();
        List<Double> cosineRates = new ArrayList<>();
        List<Double> constant = losses(LearningRateSchedule.CONSTANT, constantRates);
        List<Double> cosine = losses(LearningRateSchedule.COSINE, cosineRates);
        TrainingConfig config = spec(LearningRateSchedule.COSINE).training();
        for (int k = 0; k < 20; k++) {
            // then: each update used the rate of its step
            assertEquals(2e-2, constantRates.get(k), 0.0);
            assertEquals(config.learningRateAt(k), cosineRates.get(k), 1e-15);
        }
        assertEquals(2e-4, cosineRates.get(19), 1e-15);
        // and the first update is the same (factor 1), so the second loss agrees; after that the
        // smaller cosine rates change the trajectory. The second loss is compared to 1e-12
        // relative, not bit for bit: that two same-seed runs agree in every bit is
        // TrainingReproducibilityTest's claim (here they once parted in the last bit on CI's
        // machine). A first rate 1 % off moves the second loss by 0.05 (measured).
        assertEquals(constant.get(0), cosine.get(0), 0.0);
        assertEquals(constant.get(1), cosine.get(1), 1e-12 * Math.abs(constant.get(1)));
        assertTrue(
                Math.abs(constant.get(19) - cosine.get(19)) > 1e-6 * Math.abs(constant.get(19)),
                constant.get(19) + " vs " + cosine.get(19));
    }
}
