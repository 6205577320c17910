package org.flowlab.model.compute;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * How much memory a computation may plan to use, for the estimates that run before any big
 * allocation: the tensor memory of a device (a share of the machine's physical memory for the
 * CPU, of the card's memory for a GPU) and the Java heap (which holds host copies such as
 * training sets and measurement series).
 *
 * <p>The shares leave room for the rest of the process and the system; an estimate above a
 * budget is refused with a message that says what would fit, rather than ending in an
 * out-of-memory error half-way.
 */
public final class MemoryBudget {

    /** Share of physical memory that tensors on the CPU may use. */
    private static final double HOST_SHARE = 0.75;
    /** Share of a GPU's memory that tensors may use. */
    private static final double GPU_SHARE = 0.9;
    /** Share of the Java heap limit that host arrays may use. */
    private static final double HEAP_SHARE = 0.75;
    /** Assumed physical memory where the system does not say. */
    private static final long FALLBACK_PHYSICAL = 4L << 30;

    private MemoryBudget() {}

    /**
     * Bytes that tensors on a device may use.
     *
     * @param device the device
     * @return the budget in bytes
     */
    public static long tensorBytes(Device device) {
        if (device.isGpu()) {
            try {
                MemoryUsage usage = CudaUtils.getGpuMemory(device);
                if (usage.getMax() > 0) {
                    return (long) (GPU_SHARE * usage.getMax());
                }
            } catch (RuntimeException | LinkageError e) {
                // no CUDA runtime to ask: fall back to the host's budget
            }
        }
        long heap = Runtime.getRuntime().maxMemory();
        long native_ = (long) (HOST_SHARE * physicalBytes()) - heap;
        return Math.max(native_, 256L << 20);
    }

    /**
     * Bytes that host arrays (double[] and the like) may use on the Java heap.
     *
     * @return the budget in bytes
     */
    public static long heapBytes() {
        return (long) (HEAP_SHARE * Runtime.getRuntime().maxMemory());
    }

    /**
     * The machine's physical memory.
     *
     * @return bytes (a 4 GiB guess where the system does not say)
     */
    public static long physicalBytes() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long total = sun.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return FALLBACK_PHYSICAL;
    }

    /**
     * A byte count in words, such as {@code 1.5 GiB}.
     *
     * @param bytes the count
     * @return the text
     */
    public static String format(double bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0
                ? String.format(Locale.ROOT, "%.0f bytes", v)
                : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
