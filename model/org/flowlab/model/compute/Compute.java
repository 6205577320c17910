package org.flowlab.model.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import java.util.logging.Logger;

/**
 * Entry point to the tensor engine: starts DJL's PyTorch engine once, resolves the device
 * setting, and hands out managers on the chosen device.
 *
 * <p>Threads: {@link #configureThreads(int)} sets how many threads tensor work may use (all
 * cores by default, or the system property {@code flowlab.threads}). A CPU training step splits
 * its batch into {@link #trainingShards()} shards that run at the same time (see
 * {@code BatchShards}), and each shard's operations use {@link #intraOpThreads()} native threads,
 * so that the product is the thread count. DJL reads the native count from the system property
 * {@code ai.djl.pytorch.num_threads} when the engine starts; a user who sets that property
 * directly (and not {@code flowlab.threads}) gets exactly that many native threads and unsharded
 * steps.
 */
public final class Compute {

    private static final Logger LOG = Logger.getLogger(Compute.class.getName());
    private static final String THREADS = "ai.djl.pytorch.num_threads";
    private static final String INTEROP = "ai.djl.pytorch.num_interop_threads";
    private static final String BUDGET = "flowlab.threads";

    /**
     * At most this many training shards: measured on phi^4 L = 8, a 16-sample shard costs about as
     * much CPU time as a 32-sample one, so smaller shards would mostly add per-operation overhead.
     */
    private static final int MAX_SHARDS = 2;

    private static volatile Engine engine;
    private static boolean configured;
    private static int threadBudget;
    private static int shards = 1;

    private Compute() {}

    /**
     * Sets the number of threads tensor work may use; has no effect once the engine has started.
     * With two or more, CPU training steps run two batch shards at once, each with half the
     * threads; with one, everything runs on the calling thread.
     *
     * @param threads the thread count, or 0 for the system property {@code flowlab.threads} or
     *     else the number of available processors (0 keeps an earlier explicit setting)
     */
    public static synchronized void configureThreads(int threads) {
        if (engine != null || (configured && threads <= 0)) {
            return;
        }
        if (threads <= 0 && System.getProperty(BUDGET) == null && Integer.getInteger(THREADS) != null) {
            // the user chose DJL's native thread count directly: respect it, unsharded
            threadBudget = Math.max(1, Integer.getInteger(THREADS));
            shards = 1;
        } else {
            int n = threads > 0 ? threads : Integer.getInteger(BUDGET, 0);
            threadBudget = n > 0 ? n : Runtime.getRuntime().availableProcessors();
            shards = Math.min(MAX_SHARDS, threadBudget);
            System.setProperty(THREADS, Integer.toString(Math.max(1, threadBudget / shards)));
        }
        if (System.getProperty(INTEROP) == null) {
            System.setProperty(INTEROP, "1");
        }
        configured = true;
    }

    /**
     * The number of threads tensor work may use.
     *
     * @return the thread count
     */
    public static synchronized int threadCount() {
        configureThreads(0);
        return threadBudget;
    }

    /**
     * The number of native intra-op threads each operation uses (or will use when the engine
     * starts).
     *
     * @return the thread count
     */
    public static synchronized int intraOpThreads() {
        configureThreads(0);
        Integer n = Integer.getInteger(THREADS);
        return n != null && n > 0 ? n : 1;
    }

    /**
     * How many shards a CPU training step splits its batch into, each on its own thread.
     *
     * @return 1 or 2
     */
    public static synchronized int trainingShards() {
        configureThreads(0);
        return shards;
    }

    /**
     * Turns the recording of operations for back-propagation on or off for the calling thread
     * (PyTorch keeps this switch per thread; a gradient collector sets it only on its own).
     *
     * @param enabled whether to record
     */
    public static void setGradientRecording(boolean enabled) {
        engine();
        JniUtils.setGradMode(enabled);
    }

    /**
     * Whether the calling thread records operations for back-propagation.
     *
     * @return true inside a gradient collector (or after {@link #setGradientRecording(boolean)})
     */
    public static boolean isGradientRecording() {
        engine();
        return JniUtils.isGradMode();
    }

    /**
     * Returns the started PyTorch engine, starting it on first use.
     *
     * @return the engine
     */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (Compute.class) {
                e = engine;
                if (e == null) {
                    configureThreads(0);
                    e = Engine.getEngine("PyTorch");
                    engine = e;
                }
            }
        }
        return e;
    }

    /**
     * Number of GPUs the engine can use (0 with the CPU-only native library).
     *
     * @return the GPU count
     */
    public static int gpuCount() {
        try {
            return engine().getGpuCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Resolves a device setting to a concrete device.
     *
     * @param choice cpu, gpu or auto
     * @return the device to create tensors on
     * @throws IllegalStateException when a GPU is demanded but none is present
     */
    public static Device resolve(DeviceChoice choice) {
        int gpus = gpuCount();
        switch (choice) {
            case CPU:
                return Device.cpu();
            case GPU:
                if (gpus == 0) {
                    throw new IllegalStateException(
                            "device gpu was requested but the PyTorch engine reports no GPU"
                                    + " (this build carries the CPU library; see README, GPU)");
                }
                return Device.gpu(0);
            case AUTO:
            default:
                if (gpus > 0) {
                    LOG.info("device auto: using GPU 0 of " + gpus);
                    return Device.gpu(0);
                }
                LOG.info("device auto: no GPU reported by the PyTorch engine, using the CPU");
                return Device.cpu();
        }
    }

    /**
     * A short human description of a device, such as {@code CPU (2 threads)} or {@code GPU 0}.
     *
     * @param device the device
     * @return the description
     */
    public static String describe(Device device) {
        return describe(device, trainingShards());
    }

    /**
     * A short human description of a device and of how a trainer splits its batch.
     *
     * @param device the device
     * @param shards the trainer's number of batch shards
     * @return the description, such as {@code CPU (2 threads, training batch in 2 shards)}
     */
    public static String describe(Device device, int shards) {
        if (device.isGpu()) {
            return "GPU " + device.getDeviceId();
        }
        int n = threadCount();
        int sh = shards;
        return "CPU (" + n + (n == 1 ? " thread" : " threads")
                + (sh > 1 ? ", training batch in " + sh + " shards" : "") + ")";
    }

    /**
     * Creates a new root manager on a device; close it when done.
     *
     * @param device the device
     * @return the manager
     */
    public static NDManager newManager(Device device) {
        engine();
        return NDManager.newBaseManager(device, "PyTorch");
    }
}
