package org.flowlab.model.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.util.Optional;
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
 *
 * <p>Offline: FlowLab never lets DJL reach the network (the system property
 * {@code ai.djl.offline} defaults to true, which also stops DJL's telemetry probe); the bundled
 * libtorch comes from the {@code pytorch-native-cpu} jar of this operating system, and a
 * libtorch chosen through DJL's variables is checked first by {@link EngineSetup}.
 */
public final class Compute {

    private static final Logger LOG = Logger.getLogger(Compute.class.getName());
    private static final String THREADS = "ai.djl.pytorch.num_threads";
    private static final String INTEROP = "ai.djl.pytorch.num_interop_threads";
    private static final String BUDGET = "flowlab.threads";

    /** System property that fixes the shard layout of training steps ({@link #shardsFollowLoad()}). */
    public static final String LAYOUT = "flowlab.shards";

    /**
     * At most this many training shards: measured on phi^4 L = 8, a 16-sample shard costs about as
     * much CPU time as a 32-sample one, so smaller shards would mostly add per-operation overhead.
     */
    private static final int MAX_SHARDS = 2;

    private static final Object ENGINE_LOCK = new Object();
    private static volatile Engine engine;

    static {
        // DJL's Engine class probes EC2 metadata (telemetry) when it is first used unless offline
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

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
     * Whether a CPU training step may run its batch whole on the training thread, instead of in
     * {@link #trainingShards()} shards, when the measured step times say that is faster now (other
     * programs keeping the cores busy; see {@code ShardPlanner}). False with one shard (nothing to
     * choose) and when the system property {@value #LAYOUT} is {@code fixed}: then every step uses
     * every shard and a seeded run repeats bit for bit.
     *
     * @return whether the layout follows the load
     */
    public static boolean shardsFollowLoad() {
        String v = System.getProperty(LAYOUT, "follow-load").trim();
        if (v.equals("fixed")) {
            return false;
        }
        if (!v.equals("follow-load") && !layoutWarned) {
            // read at each trainer's start, by the bench header and by Diagnostics: say it once
            layoutWarned = true;
            LOG.warning(LAYOUT + "=" + v + " is neither 'fixed' nor 'follow-load'; following the load");
        }
        return trainingShards() > 1;
    }

    private static volatile boolean layoutWarned;

    /**
     * Sets the accumulated gradient of a parameter to zero in place (one native call; nothing if
     * no backward pass has reached it yet).
     *
     * @param parameter an array that records gradients
     */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) parameter);
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
            // not the class lock: thread counts stay readable while the engine loads
            synchronized (ENGINE_LOCK) {
                e = engine;
                if (e == null) {
                    configureThreads(0);
                    e = startEngine();
                    engine = e;
                }
            }
        }
        return e;
    }

    private static Engine startEngine() {
        Optional<String> problem = EngineSetup.ofThisProcess().problem();
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        // before the engine's first allocation: see NativeAllocator for the 4x it is worth
        NativeAllocator.tune();
        // before MKL's first call: see MatrixLibrary for the runs it keeps identical
        MatrixLibrary.fix();
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.toString() : root.getMessage();
            int nl = message.indexOf('\n');
            throw new IllegalStateException(
                    "the PyTorch engine did not start: " + (nl < 0 ? message : message.substring(0, nl)), e);
        }
    }

    /**
     * Whether the engine has started (without starting it).
     *
     * @return true once {@link #engine()} has returned
     */
    public static boolean isStarted() {
        return engine != null;
    }

    /**
     * The DJL version, read from its jar without starting the engine.
     *
     * @return such as {@code 0.36.0}, or "unknown"
     */
    public static String djlVersion() {
        String v = Device.class.getPackage().getSpecificationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * What the started engine runs on, for the About box and bug reports.
     *
     * @param djlVersion the DJL version
     * @param libtorchVersion the libtorch version the engine loaded
     * @param libtorchFolder where that libtorch was loaded from
     * @param gpus the number of CUDA devices the engine reports
     * @param threads the thread count for tensor work
     * @param device the device {@code auto} resolves to, in words
     */
    public record EngineInfo(
            String djlVersion, String libtorchVersion, String libtorchFolder, int gpus, int threads, String device) {}

    /**
     * Describes the engine, starting it if needed.
     *
     * @return the description
     */
    public static EngineInfo engineInfo() {
        Engine e = engine();
        int gpus = gpuCount();
        String folder;
        try {
            folder = LibUtils.getLibtorchPath();
        } catch (RuntimeException ex) {
            folder = "unknown";
        }
        return new EngineInfo(
                djlVersion(),
                e.getVersion(),
                folder,
                gpus,
                threadCount(),
                describe(gpus > 0 ? Device.gpu(0) : Device.cpu()));
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
     * @throws IllegalStateException when the engine cannot start, or a GPU is demanded but none
     *     is present (one line naming the missing file or variable)
     */
    public static Device resolve(DeviceChoice choice) {
        engine();
        int gpus = gpuCount();
        switch (choice) {
            case CPU:
                return Device.cpu();
            case GPU:
                if (gpus == 0) {
                    throw new IllegalStateException(EngineSetup.ofThisProcess().noGpuReason());
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
        return "CPU (" + n + (n == 1 ? " thread" : " threads") + (sh > 1 ? ", training batch in " + sh + " shards" : "")
                + ")";
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
