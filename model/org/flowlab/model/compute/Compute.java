package org.flowlab.model.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import java.util.logging.Logger;

/**
 * Entry point to the tensor engine: starts DJL's PyTorch engine once, resolves the device
 * setting, and hands out managers on the chosen device.
 *
 * <p>The native thread counts are read by DJL from the system properties
 * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} when the
 * engine starts; {@link #configureThreads(int)} sets them, and must run before the first use.
 */
public final class Compute {

    private static final Logger LOG = Logger.getLogger(Compute.class.getName());
    private static final String THREADS = "ai.djl.pytorch.num_threads";
    private static final String INTEROP = "ai.djl.pytorch.num_interop_threads";

    private static volatile Engine engine;

    private Compute() {}

    /**
     * Sets the number of native intra-op threads (and one inter-op thread) unless the user set
     * them already; has no effect once the engine has started.
     *
     * @param threads intra-op threads, or 0 for the number of available processors
     */
    public static void configureThreads(int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (engine == null) {
            if (System.getProperty(THREADS) == null || threads > 0) {
                System.setProperty(THREADS, Integer.toString(n));
            }
            if (System.getProperty(INTEROP) == null) {
                System.setProperty(INTEROP, "1");
            }
        }
    }

    /**
     * The number of native intra-op threads the engine uses (or will use when it starts).
     *
     * @return the thread count
     */
    public static int intraOpThreads() {
        Integer n = Integer.getInteger(THREADS);
        return n != null && n > 0 ? n : Runtime.getRuntime().availableProcessors();
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
        if (device.isGpu()) {
            return "GPU " + device.getDeviceId();
        }
        String threads = System.getProperty(THREADS, "?");
        return "CPU (" + threads + " threads)";
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
