package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The planner's decisions from made-up step times: a machine whose cost per layout is given by a
 * function of (step, layout).
 */
class ShardPlannerTest {

    private static final long MS = 1_000_000L;

    /** The layouts the planner chose, one per step, for a machine whose step costs {@code ms}. */
    private static List<Integer> drive(ShardPlanner planner, int steps, IntBinaryOperator ms) {
        List<Integer> layouts = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            int layout = planner.next();
            layouts.add(layout);
            planner.record(layout, ms.applyAsInt(s, layout) * MS);
        }
        return layouts;
    }

    private static int count(List<Integer> layouts, int layout, int from, int to) {
        int n = 0;
        for (int s = from; s < to; s++) {
            n += layouts.get(s) == layout ? 1 : 0;
        }
        return n;
    }

    @Test
    void anIdleMachineKeepsBothShardsAndComparesLessAndLessOften() {
        // given: two shards 25 ms, one thread 33 ms (the tutorial phi^4 step on two idle cores)
        ShardPlanner planner = ShardPlanner.followingLoad(2);
        // when
        List<Integer> layouts = drive(planner, 2000, (s, layout) -> layout == 2 ? 25 : 33);
        // then: the first comparison right after the warm-up, then every 100, 200, 400, 400 ... steps
        assertEquals(2, (int) layouts.get(ShardPlanner.FIRST_TRIAL - 1));
        assertEquals(1, (int) layouts.get(ShardPlanner.FIRST_TRIAL), "the first comparison starts after the warm-up");
        assertEquals(0, planner.switches());
        assertEquals(2, planner.current());
        int trials = count(layouts, 1, 0, 2000) / ShardPlanner.TRIAL;
        // steps 30, 135, 340, 745, 1150, 1555, 1960: seven comparisons in 2,000 steps
        assertEquals(7, trials, "comparisons in 2,000 steps");
        assertTrue(count(layouts, 1, 0, 2000) < 0.02 * 2000, "under 2 % of the steps spent trying the slower layout");
    }

    @Test
    void aBusyMachineMovesToOneThreadAndBackWhenTheLoadLeaves() {
        // given: another program keeps a core busy for steps 0 to 999 (two shards 43 ms, one thread
        // 34), and the machine is idle afterwards (25 against 33)
        ShardPlanner planner = ShardPlanner.followingLoad(2);
        IntBinaryOperator machine = (s, layout) -> s < 1000 ? (layout == 2 ? 43 : 34) : (layout == 2 ? 25 : 33);
        // when
        List<Integer> layouts = drive(planner, 2000, machine);
        // then: one thread from the first comparison on, while the load lasts ...
        int moved = ShardPlanner.FIRST_TRIAL + ShardPlanner.TRIAL;
        assertEquals(ShardPlanner.TRIAL, count(layouts, 1, ShardPlanner.FIRST_TRIAL, moved));
        assertTrue(count(layouts, 1, moved, 1000) > 0.97 * (1000 - moved), "one thread while the load lasts");
        // ... and both shards again within one longest period after it left
        int back = 1000 + ShardPlanner.MAX_PERIOD + ShardPlanner.TRIAL;
        assertTrue(count(layouts, 2, back, 2000) > 0.97 * (2000 - back), "both shards once the machine is idle");
        assertEquals(2, planner.switches());
        assertEquals(2, planner.current());
    }

    @Test
    void aSmallDifferenceOrNoisyTimesChangeNothing() {
        // given: one thread 2.5 % faster, with +-1 ms of jitter: at worst 38 against 41 ms, within
        // the margin
        ShardPlanner planner = ShardPlanner.followingLoad(2);
        IntBinaryOperator machine = (s, layout) -> (layout == 2 ? 40 : 39) + (s * 7) % 3 - 1;
        // when
        drive(planner, 3000, machine);
        // then
        assertEquals(0, planner.switches());
        assertEquals(2, planner.current());
    }

    @Test
    void oneSlowStepRightAfterAChangeOfLayoutIsLeftOut() {
        // given: one thread is faster, but its first step after a change costs 500 ms (allocation)
        ShardPlanner planner = ShardPlanner.followingLoad(2);
        int[] previous = {2};
        IntBinaryOperator machine = (s, layout) -> {
            int ms = layout != previous[0] && layout == 1 ? 500 : (layout == 2 ? 43 : 34);
            previous[0] = layout;
            return ms;
        };
        // when
        drive(planner, ShardPlanner.FIRST_TRIAL + ShardPlanner.TRIAL + 1, machine);
        // then
        assertEquals(1, planner.current(), "the first comparison already moved to one thread");
    }

    @Test
    void aFixedPlannerOrASingleShardNeverChanges() {
        // given
        ShardPlanner fixed = ShardPlanner.fixed(2);
        ShardPlanner single = ShardPlanner.followingLoad(1);
        // when: one thread would be much faster
        List<Integer> a = drive(fixed, 500, (s, layout) -> layout == 2 ? 90 : 10);
        List<Integer> b = drive(single, 500, (s, layout) -> 10);
        // then
        assertFalse(fixed.adapts());
        assertFalse(single.adapts());
        assertEquals(500, count(a, 2, 0, 500));
        assertEquals(500, count(b, 1, 0, 500));
        assertEquals(0, fixed.switches() + single.switches());
    }
}
