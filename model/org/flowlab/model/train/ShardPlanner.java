package org.flowlab.model.train;

import java.util.Arrays;

/**
 * Chooses, step by step, whether a training step splits its batch into all its shards (one per
 * thread, at the same time) or runs it whole on the training thread, from what each layout
 * actually costs on this machine now.
 *
 * <p>Why: on an idle machine with two cores the two shards of the tutorial φ⁴ step finish in
 * about 25 ms where the whole batch on one thread takes 33. When another program keeps one core
 * busy, the two shards share what is left with it and the step takes 40–45 ms, while one thread
 * still takes about 33: a lone thread loses little, two threads that each wait for a core lose
 * the whole gain. Which case holds changes while a run trains (a browser, a compiler, the
 * window's own threads), so the planner compares the two layouts from time to time, back to back:
 *
 * <ul>
 *   <li>after {@value #FIRST_TRIAL} steps (the Java compiler and the allocator have settled by
 *       then), and later every {@code period} steps, it runs {@value #TRIAL} steps in the other
 *       layout;
 *   <li>it compares the median time of the trial's steps (the first left out: a layout's first
 *       step after a change allocates afresh) with the median of the last {@value #TRIAL} − 1
 *       steps just before the trial;
 *   <li>it changes layout when the other is faster by more than {@value #MARGIN_PERCENT} %, and
 *       then compares again after {@value #MIN_PERIOD} steps; otherwise it keeps its layout and
 *       doubles the period, up to {@value #MAX_PERIOD} steps.
 * </ul>
 *
 * <p>The steps of the two layouts compute the same loss over the same batch size; they differ in
 * how the random samples are split among generators and in float rounding, so a run whose
 * layout follows the load is reproducible statistically, not bit for bit. A fixed planner
 * ({@link #fixed(int)}) always uses all shards, and a seeded run then repeats exactly.
 *
 * <p>The planner decides from the step times it is given and nothing else, so its decisions are
 * a pure function of that sequence (tested with made-up times).
 */
final class ShardPlanner {

    /** Steps before the first comparison. */
    static final int FIRST_TRIAL = 30;

    /** Steps timed in the other layout per comparison (the first is left out). */
    static final int TRIAL = 5;

    /** Steps between comparisons right after a change of layout. */
    static final int MIN_PERIOD = 50;

    /** The longest interval between comparisons. */
    static final int MAX_PERIOD = 400;

    /** How much faster, in percent, the other layout must be to be taken. */
    static final int MARGIN_PERCENT = 8;

    private final int all;
    private final boolean adapts;
    private int current;
    private int steps;
    private int nextTrial = FIRST_TRIAL;
    private int period = MIN_PERIOD;
    private int inTrial = -1;
    private int switches;
    private final long[] recent = new long[TRIAL - 1];
    private int recentCount;
    private final long[] trial = new long[TRIAL];

    private ShardPlanner(int all, boolean adapts) {
        if (all < 1) {
            throw new IllegalArgumentException("need at least one shard, got " + all);
        }
        this.all = all;
        this.adapts = adapts && all > 1;
        this.current = all;
    }

    /**
     * A planner that always uses every shard.
     *
     * @param all the number of shards
     * @return the planner
     */
    static ShardPlanner fixed(int all) {
        return new ShardPlanner(all, false);
    }

    /**
     * A planner that moves between every shard and one, following the measured step times.
     *
     * @param all the number of shards (with 1 there is nothing to choose)
     * @return the planner
     */
    static ShardPlanner followingLoad(int all) {
        return new ShardPlanner(all, true);
    }

    /**
     * Whether this planner chooses the layout from the step times.
     *
     * @return true if it adapts
     */
    boolean adapts() {
        return adapts;
    }

    /**
     * The layout for the next step: the number of shards to run it in.
     *
     * @return 1 or the full count
     */
    int next() {
        if (!adapts) {
            return all;
        }
        if (inTrial < 0 && steps >= nextTrial && recentCount == recent.length) {
            inTrial = 0;
        }
        return inTrial >= 0 ? other() : current;
    }

    /**
     * The layout outside comparisons, for work that follows the training step's layout (the
     * fresh samples of the acceptance measurement).
     *
     * @return 1 or the full count
     */
    int current() {
        return current;
    }

    /**
     * How often the layout has changed so far.
     *
     * @return the count
     */
    int switches() {
        return switches;
    }

    /**
     * Records how long a step took in the layout {@link #next()} gave for it.
     *
     * @param shards the layout the step ran in
     * @param nanos its duration
     */
    void record(int shards, long nanos) {
        steps++;
        if (!adapts) {
            return;
        }
        if (inTrial >= 0 && shards == other()) {
            trial[inTrial++] = nanos;
            if (inTrial == TRIAL) {
                decide();
            }
        } else if (shards == current) {
            System.arraycopy(recent, 1, recent, 0, recent.length - 1);
            recent[recent.length - 1] = nanos;
            recentCount = Math.min(recent.length, recentCount + 1);
        }
    }

    private void decide() {
        long mine = median(recent);
        long theirs = median(Arrays.copyOfRange(trial, 1, TRIAL));
        inTrial = -1;
        if (theirs * 100 < mine * (100 - MARGIN_PERCENT)) {
            current = other();
            switches++;
            period = MIN_PERIOD;
            // the times before the change belong to the other layout now
            recentCount = 0;
        } else {
            period = Math.min(MAX_PERIOD, 2 * period);
        }
        nextTrial = steps + period;
    }

    private int other() {
        return current == all ? 1 : all;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
