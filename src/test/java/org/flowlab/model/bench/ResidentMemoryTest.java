package org.flowlab.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void parsesProcStatusValues() {
        assertEquals(123456, ResidentMemory.parseKilobytes("\t  123456 kB"));
        assertEquals(7, ResidentMemory.parseKilobytes("7"));
    }

    @Test
    void peakIsAtLeastTheCurrentSizeWhereAvailable() {
        if (ResidentMemory.available()) {
            // the high-water mark only rises, so read the current size first
            long now = ResidentMemory.current().getAsLong();
            assertTrue(now > 1 << 20);
            assertTrue(ResidentMemory.peak().getAsLong() >= now);
        }
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2};
        assertEquals(2.5, Timings.quantile(v, 0.5), 1e-12);
        assertEquals(1, Timings.quantile(v, 0), 1e-12);
        assertEquals(4, Timings.quantile(v, 1), 1e-12);
    }
}
