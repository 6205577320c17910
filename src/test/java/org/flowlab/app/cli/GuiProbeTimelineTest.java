package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuiProbeTimelineTest {

    @Test
    void eachFullIntervalAndTheShorterLastOneGetTheirOwnRate() {
        // given: 10 steps done when observing began, 60 and 120 after 5 and 10 s, 150 after 12.5 s
        // when
        double[] rates = GuiProbeRunner.timeline(10, List.of(60, 120), 150, 12.5);
        // then: 50 steps in 5 s, 60 in 5 s, 30 in the last 2.5 s
        assertArrayEquals(new double[] {10.0, 12.0, 12.0}, rates, 1e-12);
    }

    @Test
    void aRemainderUnderHalfASecondIsLeftOutRatherThanReadAsARate() {
        // 3 steps in 0.2 s would read as 15 steps/s from a single step's timing
        assertArrayEquals(new double[] {8.0, 9.0}, GuiProbeRunner.timeline(0, List.of(40, 85), 88, 10.2), 1e-12);
        assertArrayEquals(new double[] {}, GuiProbeRunner.timeline(5, List.of(), 7, 0.3), 1e-12);
    }
}
