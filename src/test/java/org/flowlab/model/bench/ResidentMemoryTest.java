package org.flowlab.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void parsesProcStatusValues() {
        assertEquals(123456, ResidentMemory.parseKilobytes("\t  123456 kB"));
        assertEquals(7, ResidentMemory.parseKilobytes("7"));
    }

    @Test
    void peakIsAtLeastTheCurrentSize() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc/self/status on this system");
        // given: /proc exists, so the readings must be there
        assertTrue(ResidentMemory.available());
        // when: the high-water mark only rises, so read the current size first
        long now = ResidentMemory.current().getAsLong();
        long peak = ResidentMemory.peak().getAsLong();
        // then
        assertTrue(now > 1 << 20, "a JVM is larger than 1 MiB: " + now);
        assertTrue(peak >= now, peak + " < " + now);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2};
        assertEquals(2.5, Timings.quantile(v, 0.5), 1e-12);
        assertEquals(1, Timings.quantile(v, 0), 1e-12);
        assertEquals(4, Timings.quantile(v, 1), 1e-12);
    }
}
