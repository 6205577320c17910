package org.flowlab.app.task;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.logging.Logger;

/**
 * Lowers the CPU priority of a worker thread, so that on a machine whose cores are all busy
 * with training the FX thread (and the renderer) still run as soon as they wake up.
 *
 * <p>Java thread priorities are honoured on Windows and macOS but ignored on Linux, where the
 * scheduler's per-thread nice value is set here instead ({@code setpriority} on the thread id).
 * Threads the worker starts later (batch-shard helpers, native OpenMP workers) inherit it.
 */
final class BackgroundPriority {

    private static final Logger LOG = Logger.getLogger(BackgroundPriority.class.getName());

    /** Nice value of worker threads on Linux (0 is normal, 19 the lowest priority). */
    static final int NICE = 10;

    private static final int PRIO_PROCESS = 0;

    private BackgroundPriority() {}

    /**
     * Lowers the calling thread's priority; failures are logged and ignored.
     *
     * @return whether the operating system's priority was lowered (on Linux)
     */
    static boolean lowerCurrentThread() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
            int tid = libc.getFunction("gettid").invokeInt(new Object[0]);
            Function setpriority = libc.getFunction("setpriority");
            return setpriority.invokeInt(new Object[] {PRIO_PROCESS, tid, NICE}) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.fine("could not lower the priority of " + Thread.currentThread().getName() + ": " + e);
            return false;
        }
    }
}
