package org.flowlab.app.task;

/**
 * When the lanes of one start compute their probes (model density on a grid, the flow in
 * time): in rounds, about once a second, every lane once per round, so that two compared runs
 * show pictures of the same age. A round starts when it is due and the asking lane has probed
 * the previous one; the next round is due after a second or five times what the last probe
 * cost (per lane), whichever is longer, so that probing never takes more than about a fifth of
 * the training time. The first round is never delayed by its cost (it includes warm-up).
 * Used on the training thread only.
 */
final class ProbeSchedule {

    private static final long PERIOD_NANOS = 1_000_000_000L;
    private static final long COST_FACTOR = 5;

    private final int lanes;
    private int round;
    private long nextNanos;

    /**
     * Creates the schedule; the first round is due at once.
     *
     * @param lanes how many lanes probe
     */
    ProbeSchedule(int lanes) {
        this.lanes = Math.max(1, lanes);
    }

    /**
     * The round a lane should have probed by now.
     *
     * @param lastProbed the last round the lane probed
     * @return a number above {@code lastProbed} when the lane should probe now
     */
    int roundFor(int lastProbed) {
        if (lastProbed >= round && System.nanoTime() >= nextNanos) {
            round++;
            nextNanos = Long.MAX_VALUE;
        }
        return round;
    }

    /**
     * Records that a lane has probed.
     *
     * @param costNanos what the probe cost
     */
    void probed(long costNanos) {
        long now = System.nanoTime();
        long wait = round <= 1 ? PERIOD_NANOS : Math.max(PERIOD_NANOS, COST_FACTOR * costNanos * lanes);
        nextNanos = nextNanos == Long.MAX_VALUE ? now + wait : Math.max(nextNanos, now + wait);
    }
}
