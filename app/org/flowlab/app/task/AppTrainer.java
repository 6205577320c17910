package org.flowlab.app.task;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The application's one training thread ({@code trainer-1}) and its one thread for pure-Java
 * background work ({@code mcmc-1}, e.g. an HMC reference chain; never DJL). The PyTorch engine
 * allows one open gradient collector per process, so every page that trains (or runs other heavy
 * tensor work) does it here, and at most one page owns the trainer at a time.
 *
 * <p>Protocol, on the FX thread: a page asks for the trainer with {@link #start} (or the plain
 * {@link #claim}), submits its long work with {@link #submit}, and {@link #release releases} the
 * claim when its run's end has reached the FX thread. When another page holds the trainer,
 * {@link #start} asks the {@link ConflictPolicy} (the window shows "Lab is training … Stop it and
 * start?"); on yes it stops the other run and starts the new one once the other has released,
 * on no it starts nothing. Two runs never overlap.
 *
 * <p>Short jobs on a live model (saving, exporting samples) go through {@link #interleave}: they
 * run between two steps of whatever run holds the thread, or at once when it is idle. A long
 * loop submitted here should call {@link #runInterleaved()} between its steps.
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

    /** Decides, on the FX thread, whether a new run may stop the one that holds the trainer. */
    @FunctionalInterface
    public interface ConflictPolicy {
        /**
         * Asks whether to stop the running work and start the wanted one.
         *
         * @param running the claim that holds the trainer
         * @param wanted what the other page wants to run, in words
         * @return true to stop the running work and start the new one afterwards
         */
        boolean stopAndStart(Claim running, String wanted);
    }

    private record Pending(Claim claim, Runnable onGranted) {}

    private static final Logger LOG = Logger.getLogger(AppTrainer.class.getName());
    private static final String TRAINER = "trainer-1";

    private final ExecutorService thread = NamedThreads.single(TRAINER);
    private final ExecutorService background = NamedThreads.single("mcmc-1");
    private final ReadOnlyObjectWrapper<Claim> active = new ReadOnlyObjectWrapper<>();
    private final ConcurrentLinkedQueue<Runnable> interleaved = new ConcurrentLinkedQueue<>();
    private volatile Runnable waker = () -> {};
    private volatile boolean closed;
    private ConflictPolicy policy = (running, wanted) -> false;
    private Pending pending;

    /**
     * Sets who decides when a page starts while another trains (the window asks the user).
     *
     * @param policy the policy
     */
    public void setConflictPolicy(ConflictPolicy policy) {
        checkFxThread();
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Claims the trainer for a run, without asking anybody.
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
     * Claims the trainer and runs {@code onGranted} (on the FX thread) once it is the owner's:
     * at once when the trainer is free; when another page holds it, only if the conflict policy
     * agrees, after that page's run has stopped and released it.
     *
     * @param owner who runs
     * @param description what, in words
     * @param stopper stops the owner's run
     * @param onGranted starts the run; called at most once
     * @return false when the start was refused (nothing will happen); true when the run started
     *     or will start after the other run has stopped
     */
    public boolean start(Object owner, String description, Runnable stopper, Runnable onGranted) {
        checkFxThread();
        if (claim(owner, description, stopper)) {
            onGranted.run();
            return true;
        }
        Claim current = active.get();
        if (closed || current == null || !policy.stopAndStart(current, description)) {
            return false;
        }
        // the question was modal: the other run may have ended meanwhile
        if (claim(owner, description, stopper)) {
            onGranted.run();
            return true;
        }
        pending = new Pending(new Claim(owner, description, stopper), onGranted);
        active.get().stop();
        return true;
    }

    /**
     * Forgets a start that waits for another run to stop.
     *
     * @param owner whose start
     * @return whether one was waiting
     */
    public boolean cancelPending(Object owner) {
        checkFxThread();
        if (pending != null && pending.claim().owner() == owner) {
            pending = null;
            return true;
        }
        return false;
    }

    /**
     * Whether a start of the owner waits for another run to stop.
     *
     * @param owner the owner
     * @return true while it waits
     */
    public boolean isPending(Object owner) {
        return pending != null && pending.claim().owner() == owner;
    }

    /**
     * Releases the owner's claim (nothing happens if it holds none) and grants a waiting start.
     *
     * @param owner who releases
     */
    public void release(Object owner) {
        checkFxThread();
        Claim current = active.get();
        if (current == null || current.owner() != owner) {
            return;
        }
        active.set(null);
        Pending next = pending;
        pending = null;
        if (next != null && !closed) {
            active.set(next.claim());
            next.onGranted().run();
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
     * Runs long work on the training thread, after any work submitted before it.
     *
     * @param work the work
     * @return its future (a cancelled one once the trainer is closed)
     */
    public Future<?> submit(Runnable work) {
        return submitTo(thread, work);
    }

    /**
     * Runs pure-Java background work (no DJL) on the background thread, after earlier work.
     *
     * @param work the work
     * @return its future (a cancelled one once the trainer is closed)
     */
    public Future<?> submitBackground(Runnable work) {
        return submitTo(background, work);
    }

    private Future<?> submitTo(ExecutorService executor, Runnable work) {
        if (!closed) {
            try {
                return executor.submit(() -> {
                    try {
                        work.run();
                    } catch (RuntimeException | Error e) {
                        LOG.log(Level.SEVERE, "background work failed", e);
                    }
                });
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }
        CompletableFuture<Void> none = new CompletableFuture<>();
        none.cancel(false);
        return none;
    }

    /**
     * Runs a short job on the training thread as soon as possible: between two steps of the
     * run that holds the thread, or at once when none does. It runs exactly once (not at all
     * when the trainer closes first).
     *
     * @param job the job (it must catch its own exceptions to report them)
     */
    public void interleave(Runnable job) {
        interleaved.add(job);
        submitTo(thread, this::runInterleaved);
        waker.run();
    }

    /**
     * Runs the jobs handed to {@link #interleave}; call between the steps of a long loop on the
     * training thread (other threads: does nothing).
     */
    public void runInterleaved() {
        if (!isTrainerThread()) {
            return;
        }
        Runnable job;
        while ((job = interleaved.poll()) != null) {
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "a job on the training thread failed", e);
            }
        }
    }

    /**
     * Sets how to wake the loop that holds the training thread when an interleaved job arrives
     * (a paused run sleeps); the loop's owner sets it while it runs and clears it afterwards.
     *
     * @param wake the wake-up, or null for none
     */
    public void setWaker(Runnable wake) {
        this.waker = wake == null ? () -> {} : wake;
    }

    /**
     * Whether the caller is the training thread.
     *
     * @return true on {@code trainer-1}
     */
    public static boolean isTrainerThread() {
        return TRAINER.equals(Thread.currentThread().getName());
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Whether both threads have ended (after {@link #close()}).
     *
     * @return true once they have
     */
    public boolean isTerminated() {
        return thread.isTerminated() && background.isTerminated();
    }

    /**
     * Stops the active run, lets queued work finish (it should check its own stop flag) and
     * shuts both threads down, waiting a few seconds at most. Safe to call more than once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        Claim current = active.get();
        if (current != null) {
            try {
                current.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not stop " + current.description(), e);
            }
        }
        thread.shutdown();
        background.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("the training thread did not finish within 10 s");
            }
            background.awaitTermination(2, TimeUnit.SECONDS);
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
