package org.flowlab.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives a {@link Trainer} for its configured number of steps and publishes events. Several
 * runs can be driven together, alternating their steps on one thread ({@link #runTogether}),
 * which is how compare mode trains two flows side by side (DJL allows one gradient collector
 * per process). Another thread may pause, resume or stop a run, and hand it tasks that must run
 * on the training thread between two steps (saving, exporting samples); all take effect
 * within one step.
 */
public final class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class.getName());

    private final Trainer trainer;
    private final String description;
    private final String device;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final long snapshotIntervalNanos;
    private final int snapshotConfigurations;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean paused;
    private long lastSnapshot;
    private boolean failed;

    /**
     * Creates the run.
     *
     * @param trainer the trainer (not closed by the run)
     * @param description one line describing theory, flow and loss
     * @param device the device in words
     * @param snapshotIntervalMillis minimum time between sample snapshots (0 for none)
     * @param snapshotConfigurations configurations per snapshot
     */
    public TrainingRun(
            Trainer trainer,
            String description,
            String device,
            long snapshotIntervalMillis,
            int snapshotConfigurations) {
        this.trainer = trainer;
        this.description = description;
        this.device = device;
        this.snapshotIntervalNanos = snapshotIntervalMillis * 1_000_000L;
        this.snapshotConfigurations = snapshotConfigurations;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     */
    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /**
     * The trainer.
     *
     * @return the trainer
     */
    public Trainer trainer() {
        return trainer;
    }

    /** Asks the run to stop after the current step (also releases a pause). */
    public void stop() {
        stopRequested = true;
        wake();
    }

    /** Pauses the run after the current step. */
    public void pause() {
        paused = true;
    }

    /** Resumes a paused run. */
    public void resume() {
        paused = false;
        wake();
    }

    /**
     * Whether the run is paused.
     *
     * @return true while paused
     */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Queues a task for the training thread, run between two steps (also while paused).
     *
     * @param task the task
     */
    public void submit(Runnable task) {
        tasks.add(task);
        wake();
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Runs until the planned number of steps, a stop, or a failure; never throws.
     *
     * @return the number of steps completed
     */
    public int run() {
        runTogether(List.of(this));
        return trainer.stepsDone();
    }

    /**
     * Drives several runs on the calling thread, one step of each in turn, until all are
     * finished, stopped or failed. Pausing or stopping the first run pauses or stops all.
     *
     * @param runs the runs
     */
    public static void runTogether(List<TrainingRun> runs) {
        TrainingRun leader = runs.get(0);
        List<TrainingRun> active = new ArrayList<>();
        for (TrainingRun r : runs) {
            if (r.begin()) {
                active.add(r);
            }
        }
        while (!active.isEmpty()) {
            for (TrainingRun r : runs) {
                r.drainTasks();
            }
            if (leader.paused && !leader.stopRequested) {
                leader.waitWhilePaused(runs);
                continue;
            }
            if (leader.stopRequested) {
                for (TrainingRun r : active) {
                    r.stopRequested = true;
                }
            }
            for (TrainingRun r : new ArrayList<>(active)) {
                if (!r.advance()) {
                    active.remove(r);
                    r.end();
                }
            }
        }
        for (TrainingRun r : runs) {
            r.drainTasks();
        }
    }

    private boolean begin() {
        try {
            trainer.objective()
                    .prepare(
                            (task, done, total) -> {
                                for (TrainingListener l : listeners) {
                                    l.preparing(task, done, total);
                                }
                            },
                            () -> stopRequested);
        } catch (IllegalStateException e) {
            if (stopRequested) {
                end();
                return false;
            }
            return fail("could not prepare training: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return fail("could not prepare training: " + e.getMessage(), e);
        }
        for (TrainingListener l : listeners) {
            l.started(description, trainer.flow().parameters().count(), device);
        }
        return true;
    }

    /** One step and its events; false when the run is over. */
    private boolean advance() {
        if (stopRequested || trainer.stepsDone() >= trainer.config().steps()) {
            return false;
        }
        try {
            long now = System.nanoTime();
            boolean wantSnapshot =
                    snapshotIntervalNanos > 0 && (lastSnapshot == 0 || now - lastSnapshot >= snapshotIntervalNanos);
            if (wantSnapshot) {
                trainer.requestSnapshot(snapshotConfigurations);
            }
            TrainingStep step = trainer.step();
            for (TrainingListener l : listeners) {
                l.step(step);
            }
            SampleSnapshot snapshot = trainer.takeSnapshot();
            if (snapshot != null) {
                lastSnapshot = now;
                for (TrainingListener l : listeners) {
                    l.snapshot(snapshot);
                }
            }
            return trainer.stepsDone() < trainer.config().steps() && !stopRequested;
        } catch (TrainingDivergedException e) {
            fail(e.getMessage(), null);
            return false;
        } catch (RuntimeException | Error e) {
            fail("training failed: " + e, e);
            return false;
        }
    }

    private void end() {
        if (failed) {
            return;
        }
        boolean stopped = trainer.stepsDone() < trainer.config().steps();
        for (TrainingListener l : listeners) {
            l.finished(trainer.stepsDone(), stopped);
        }
    }

    private boolean fail(String message, Throwable cause) {
        if (cause != null) {
            LOG.log(Level.SEVERE, message, cause);
        }
        failed = true;
        for (TrainingListener l : listeners) {
            l.failed(message);
        }
        return false;
    }

    private void drainTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a task on the training thread failed", e);
            }
        }
    }

    private void waitWhilePaused(List<TrainingRun> group) {
        synchronized (lock) {
            try {
                lock.wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
        for (TrainingRun r : group) {
            r.drainTasks();
        }
    }
}
