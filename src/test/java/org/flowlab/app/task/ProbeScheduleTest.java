package org.flowlab.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Two compared lanes probe in the same rounds, so their pictures are equally fresh. */
class ProbeScheduleTest {

    @Test
    void bothLanesProbeOncePerRoundAndTheSecondNeverLagsARound() throws Exception {
        ProbeSchedule schedule = new ProbeSchedule(2);
        int[] probed = new int[2];
        int[] probes = new int[2];
        // the lanes take turns, as TrainingRun.runTogether drives them; A's first probe is slow
        for (int step = 0; step < 40; step++) {
            for (int lane = 0; lane < 2; lane++) {
                int round = schedule.roundFor(probed[lane]);
                if (round > probed[lane]) {
                    probed[lane] = round;
                    probes[lane]++;
                    schedule.probed(lane == 0 && round == 1 ? 2_000_000_000L : 1_000_000L);
                }
                assertTrue(Math.abs(probed[0] - probed[1]) <= 1, "lanes are at most one round apart");
            }
            Thread.sleep(60);
        }
        // then: the first round at once for both, and then about one a second (40 x 2 x 60 ms)
        assertEquals(probes[0], probes[1]);
        assertTrue(probes[0] >= 2 && probes[0] <= 6, "rounds: " + probes[0]);
    }
}
