package org.flowlab.model.compute;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps the C library's allocator from handing the tensors' memory back to the operating system
 * after every operation (Linux with glibc).
 *
 * <p>Why: libtorch allocates each intermediate array of a training step with {@code malloc} and
 * frees it when the step's scope closes. A flow on a small lattice allocates a few hundred arrays
 * of 0.1 to a few MB per step. glibc serves blocks above its mmap threshold (128 KiB at first,
 * adjusted as blocks are freed) with a fresh {@code mmap} and trims the top of the heap above
 * its trim threshold, so the same megabytes are returned to the kernel and faulted in again,
 * zero-filled page by page, on every step. Measured on the tutorial phi^4 step (one thread):
 * 200-280 ms per step with glibc's defaults, 600 ms with only the trim threshold raised (which
 * also freezes the mmap threshold at 128 KiB), 52-58 ms with both raised as here; which state a
 * process lands in depends on the order of its frees, so the default looked like random
 * "slow runs". With the thresholds fixed, freed blocks stay in the process and the next step
 * reuses them; resident memory then sits at the high-water mark of one step instead of
 * oscillating, and it stays flat over thousands of steps ({@code bench --memory}).
 *
 * <p>Someone who sets glibc's own variables ({@code MALLOC_MMAP_THRESHOLD_},
 * {@code MALLOC_TRIM_THRESHOLD_}, {@code GLIBC_TUNABLES}) keeps them: nothing is changed then.
 */
public final class NativeAllocator {

    private static final Logger LOG = Logger.getLogger(NativeAllocator.class.getName());

    /** glibc's {@code M_TRIM_THRESHOLD}. */
    private static final int M_TRIM_THRESHOLD = -1;

    /** glibc's {@code M_MMAP_THRESHOLD}. */
    private static final int M_MMAP_THRESHOLD = -3;

    /** Blocks up to this size come from the heap (glibc's upper limit on 64-bit systems). */
    static final int MMAP_THRESHOLD = 32 << 20;

    /** Free memory at the top of the heap kept for reuse before any is returned. */
    static final int TRIM_THRESHOLD = 256 << 20;

    private static final String[] USER_SETTINGS = {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES"
    };

    private static String state = "not set (the engine has not started)";

    private NativeAllocator() {}

    /**
     * Raises glibc's mmap and trim thresholds once, unless the user set them; never throws.
     *
     * @return what was done, one line (also kept for {@link #describe()})
     */
    static synchronized String tune() {
        state = tune(System.getenv());
        LOG.fine("native allocator: " + state);
        return state;
    }

    static String tune(Map<String, String> environment) {
        if (!Platform.isLinux()) {
            return "the system's defaults (not Linux)";
        }
        for (String name : USER_SETTINGS) {
            if (environment.containsKey(name)) {
                return "glibc's, as set by " + name;
            }
        }
        try {
            NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
            Function mallopt = libc.getFunction("mallopt");
            boolean mmap = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1;
            boolean trim = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1;
            if (mmap && trim) {
                return "glibc, blocks up to " + (MMAP_THRESHOLD >> 20) + " MiB from the heap, up to "
                        + (TRIM_THRESHOLD >> 20) + " MiB of freed memory kept for reuse";
            }
            return "the C library's defaults (it refused mallopt: mmap " + mmap + ", trim " + trim + ")";
        } catch (LinkageError | RuntimeException e) {
            // JNA's native part missing or unloadable (UnsatisfiedLinkError the first time,
            // NoClassDefFoundError after): training works, only without the tuning
            return "the C library's defaults (no mallopt: " + e + ")";
        }
    }

    /**
     * What the native allocator does, for the About box and bug reports.
     *
     * @return one line
     */
    public static synchronized String describe() {
        return state;
    }
}
