package org.flowlab.app.task;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The application's one training thread ({@code trainer-1}). The PyTorch engine allows one
 * open gradient collector per process, so every page that trains (or otherwise runs heavy
 * tensor work) does it here, and at most one page owns the trainer at a time.
 *
 * <p>Protocol, on the FX thread: a page {@link #claim claims} the trainer for a run, submits its
 * work with {@link #submit}, and {@link #release releases} the claim when the run's end has
 * reached the FX thread. A claim fails while another page holds one; the page then tells the
 * user (or asks whether to stop the other run, and calls {@link Claim#stop()} on it) and starts
 * nothing. Work submitted while a previous job is still finishing queues behind it, so two jobs
 * never overlap.
 */
public final class AppTrainer implements AutoCloseable {

    /**
     * An active claim on the trainer.
     *
     * @param owner the page (or other object) that holds it
     * @param description what it runs, in words ("Lab: φ⁴ RealNVP, reverse KL")
     * @param stopper asks the owner's run to stop after its current step
     */
    public record Claim(Object owner, String description, Runnable stopper) {
        /** Asks the run that holds this claim to stop. */
        public void stop() {
            stopper.run();
        }
    }

    private final ExecutorService thread = NamedThreads.single("trainer-1");
    private final ReadOnlyObjectWrapper<Claim> active = new ReadOnlyObjectWrapper<>();
    private volatile boolean closed;

    /**
     * Claims the trainer for a run.
     *
     * @param owner who runs (a page)
     * @param description what, in words, for the question another page may ask
     * @param stopper stops the run (called from the FX thread)
     * @return true if the claim was granted (or the owner already held it)
     */
    public boolean claim(Object owner, String description, Runnable stopper) {
        checkFxThread();
        Objects.requireNonNull(owner, "owner");
        Claim current = active.get();
        if (closed || (current != null && current.owner() != owner)) {
            return false;
        }
        active.set(new Claim(owner, description, stopper));
        return true;
    }

    /**
     * Releases the owner's claim (nothing happens if it holds none).
     *
     * @param owner who releases
     */
    public void release(Object owner) {
        checkFxThread();
        Claim current = active.get();
        if (current != null && current.owner() == owner) {
            active.set(null);
        }
    }

    /**
     * The active claim, or null while the trainer is free.
     *
     * @return the property
     */
    public ReadOnlyObjectProperty<Claim> activeProperty() {
        return active.getReadOnlyProperty();
    }

    /**
     * Runs work on the training thread, after any work submitted before it.
     *
     * @param work the work
     * @return its future (cancelled when the trainer closes)
     */
    public Future<?> submit(Runnable work) {
        return thread.submit(work);
    }

    /**
     * Whether the caller is the training thread.
     *
     * @return true on {@code trainer-1}
     */
    public static boolean isTrainerThread() {
        return "trainer-1".equals(Thread.currentThread().getName());
    }

    /**
     * Stops the active run, lets queued work finish (it should check its own stop flag) and
     * shuts the thread down. Safe to call more than once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Claim current = active.get();
        if (current != null) {
            current.stop();
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("call from the FX application thread");
        }
    }
}
