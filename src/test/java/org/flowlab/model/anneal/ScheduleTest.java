package org.flowlab.model.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void rangeGivesEquallySpacedValuesWithExactEnds() {
        Schedule s = Schedule.parse("m2", "0:-0.5:6");
        assertArrayEquals(new double[] {0, -0.1, -0.2, -0.3, -0.4, -0.5}, s.values(), 1e-15);
        assertEquals(-0.5, s.last());
        assertEquals(6, s.size());
    }

    @Test
    void listFormRoundTrips() {
        Schedule s = Schedule.parse("beta", "0, 0.5,2");
        assertArrayEquals(new double[] {0, 0.5, 2}, s.values());
        assertEquals(s, Schedule.parse("beta", s.text()));
        assertTrue(Schedule.isSchedule("0:1:3"));
        assertTrue(Schedule.isSchedule("1,2"));
        assertFalse(Schedule.isSchedule("-0.5"));
    }

    @Test
    void badSchedulesNameTheParameter() {
        for (String bad : new String[] {"0:-0.5", "0:-0.5:1", "0:-0.5:x", "a,b", "0:-0.5:1000", "0:nan:3"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Schedule.parse("m2", bad), bad);
            assertTrue(e.getMessage().startsWith("m2"), e.getMessage());
        }
    }
}
