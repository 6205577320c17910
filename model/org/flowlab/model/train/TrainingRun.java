package org.flowlab.model.train;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives a {@link Trainer} for its configured number of steps on the calling thread and
 * publishes events; another thread may pause, resume or stop it, which takes effect between
 * two steps.
 */
public final class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class.getName());

    private final Trainer trainer;
    private final String description;
    private final String device;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final long snapshotIntervalNanos;
    private final int snapshotConfigurations;
    private volatile boolean stopRequested;
    private volatile boolean paused;

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

    /** Asks the run to stop after the current step (also releases a pause). */
    public void stop() {
        stopRequested = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Pauses the run after the current step. */
    public void pause() {
        paused = true;
    }

    /** Resumes a paused run. */
    public void resume() {
        paused = false;
        synchronized (lock) {
            lock.notifyAll();
        }
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
     * Runs until the planned number of steps, a stop, or a failure; never throws.
     *
     * @return the number of steps completed
     */
    public int run() {
        int planned = trainer.config().steps();
        long lastSnapshot = 0;
        try {
            trainer.objective().prepare(
                    (task, done, total) -> {
                        for (TrainingListener l : listeners) {
                            l.preparing(task, done, total);
                        }
                    },
                    () -> stopRequested);
            for (TrainingListener l : listeners) {
                l.started(description, trainer.flow().parameters().count(), device);
            }
            while (trainer.stepsDone() < planned && !stopRequested) {
                waitWhilePaused();
                if (stopRequested) {
                    break;
                }
                long now = System.nanoTime();
                boolean wantSnapshot =
                        snapshotIntervalNanos > 0
                                && (lastSnapshot == 0 || now - lastSnapshot >= snapshotIntervalNanos);
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
            }
        } catch (IllegalStateException e) {
            if (stopRequested) {
                for (TrainingListener l : listeners) {
                    l.finished(trainer.stepsDone(), true);
                }
                return trainer.stepsDone();
            }
            LOG.log(Level.SEVERE, "training failed", e);
            fail("training failed: " + e.getMessage());
            return trainer.stepsDone();
        } catch (TrainingDivergedException e) {
            fail(e.getMessage());
            return trainer.stepsDone();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "training failed", e);
            fail("training failed: " + e);
            return trainer.stepsDone();
        }
        boolean stopped = trainer.stepsDone() < planned;
        for (TrainingListener l : listeners) {
            l.finished(trainer.stepsDone(), stopped);
        }
        return trainer.stepsDone();
    }

    private void fail(String message) {
        for (TrainingListener l : listeners) {
            l.failed(message);
        }
    }

    private void waitWhilePaused() {
        synchronized (lock) {
            while (paused && !stopRequested) {
                try {
                    lock.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                }
            }
        }
    }
}
