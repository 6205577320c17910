package org.flowlab.model.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    /** getrusage's who: the calling thread only. */
    private static final int RUSAGE_THREAD = 1;

    /** Offset of ru_minflt in struct rusage on 64-bit Linux (two timevals, then four longs). */
    private static final int MINFLT_OFFSET = 64;

    @Test
    void settingsOfTheUserAreKept() {
        assumeTrue(Platform.isLinux());
        for (String name : new String[] {"MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES"}) {
            assertEquals("glibc's, as set by " + name, NativeAllocator.tune(Map.of(name, "1")));
        }
    }

    /**
     * The pattern of a training step: sixteen blocks of 512 KiB (8 MiB in all), written, freed,
     * and allocated again. In the third round at most half of their pages fault (none when the
     * thread's heap has room; blocks that land in a fresh heap region fault in that region):
     * the memory stayed in the process. With glibc's defaults the blocks are served by mmap or from
     * the top of the heap, which is trimmed when they are freed (the trim threshold follows the
     * largest freed block, 1 MiB here), so every round faults in all 2,048 pages again.
     */
    @Test
    void freedBlocksAreReusedWithoutPageFaults() {
        assumeTrue(Platform.isLinux() && Platform.is64Bit());
        Compute.engine();
        assertTrue(
                NativeAllocator.describe().startsWith("glibc, blocks up to 32 MiB"),
                "the engine's start tunes the allocator: " + NativeAllocator.describe());
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        Function malloc = libc.getFunction("malloc");
        Function free = libc.getFunction("free");
        int blocks = 16;
        long size = 512L << 10;
        long pages = blocks * size / 4096;
        long faults = 0;
        for (int round = 0; round < 3; round++) {
            Pointer[] p = new Pointer[blocks];
            for (int i = 0; i < blocks; i++) {
                p[i] = malloc.invokePointer(new Object[] {size});
            }
            long before = minorFaultsOfThisThread(libc);
            for (Pointer block : p) {
                block.setMemory(0, size, (byte) round);
            }
            faults = minorFaultsOfThisThread(libc) - before;
            for (Pointer block : p) {
                free.invokeVoid(new Object[] {block});
            }
        }
        assertTrue(faults < pages / 2, "third round: " + faults + " page faults in " + pages + " pages");
    }

    private static long minorFaultsOfThisThread(NativeLibrary libc) {
        Memory usage = new Memory(256);
        int rc = libc.getFunction("getrusage").invokeInt(new Object[] {RUSAGE_THREAD, usage});
        assertEquals(0, rc, "getrusage");
        return usage.getLong(MINFLT_OFFSET);
    }
}
