package org.flowlab.app.view.basics;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.util.Duration;
import org.flowlab.app.task.AppTrainer;

/**
 * Runs a stepped job on the application's one trainer and shows it live: the job steps on
 * {@code trainer-1} at a chosen pace (so a student can watch a fast fit happen), publishes a
 * snapshot at most every {@value #PUBLISH_MS} ms (less often when snapshots are slow) into an
 * atomic slot, and a {@link Timeline} on the FX thread hands the newest snapshot to the view.
 * Protocol: claim → submit → release when the end has reached the FX thread.
 *
 * @param <S> the snapshot type (immutable)
 */
final class LiveTraining<S> {

    /** Shortest interval between two snapshots, in milliseconds (20 per second at most). */
    static final int PUBLISH_MS = 50;

    /**
     * Work that advances one step at a time on the training thread.
     *
     * @param <S> the snapshot type
     */
    interface Job<S> {
        /**
         * Takes one step (of every lane).
         *
         * @return false when the run is complete
         */
        boolean advance();

        /**
         * The state now, for the view (called on the training thread).
         *
         * @return an immutable snapshot
         */
        S snapshot();
    }

    private final AppTrainer trainer;
    private final Object owner;
    private final Consumer<S> onSnapshot;
    private final Consumer<String> onEnd;
    private final AtomicReference<S> latest = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final Timeline timeline;
    private volatile boolean stopRequested;

    /**
     * Creates the driver.
     *
     * @param trainer the application's trainer
     * @param owner who claims it (one owner per experiment, so two experiments of a page never
     *     share a claim)
     * @param onSnapshot receives snapshots on the FX thread
     * @param onEnd receives, on the FX thread, null after a complete run, "stopped", or the
     *     reason the run failed
     */
    LiveTraining(AppTrainer trainer, Object owner, Consumer<S> onSnapshot, Consumer<String> onEnd) {
        this.trainer = trainer;
        this.owner = owner;
        this.onSnapshot = onSnapshot;
        this.onEnd = onEnd;
        timeline = new Timeline(new KeyFrame(Duration.millis(PUBLISH_MS), e -> drain()));
        timeline.setCycleCount(Timeline.INDEFINITE);
    }

    /**
     * Starts a job (FX thread).
     *
     * @param description what runs, in words, for other pages
     * @param job the job
     * @param stepsPerSecond the pace; 0 or less for as fast as possible
     * @return false if the trainer is busy with another page's run (nothing started)
     */
    boolean start(String description, Job<S> job, double stepsPerSecond) {
        if (running.get() || !trainer.claim(owner, description, this::stop)) {
            return false;
        }
        stopRequested = false;
        latest.set(null);
        running.set(true);
        timeline.play();
        trainer.submit(() -> loop(job, stepsPerSecond));
        return true;
    }

    private void loop(Job<S> job, double stepsPerSecond) {
        String outcome = null;
        try {
            long begin = System.nanoTime();
            long nextPublish = begin;
            long steps = 0;
            while (!stopRequested && job.advance()) {
                steps++;
                long now = System.nanoTime();
                if (now >= nextPublish) {
                    latest.set(job.snapshot());
                    long done = System.nanoTime();
                    // a big network's snapshot is slow: keep it under a quarter of the time
                    nextPublish = done + Math.max(PUBLISH_MS * 1_000_000L, 3 * (done - now));
                }
                if (stepsPerSecond > 0) {
                    long due = begin + (long) (steps * 1e9 / stepsPerSecond);
                    while (!stopRequested && System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.min(due - System.nanoTime(), 20_000_000L));
                    }
                }
            }
            latest.set(job.snapshot());
            if (stopRequested) {
                outcome = "stopped";
            }
        } catch (RuntimeException e) {
            outcome = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        String end = outcome;
        Platform.runLater(() -> finish(end));
    }

    private void drain() {
        S s = latest.getAndSet(null);
        if (s != null) {
            onSnapshot.accept(s);
        }
    }

    private void finish(String outcome) {
        timeline.stop();
        drain();
        trainer.release(owner);
        // the view reports the end before anyone watching the running flag sees it fall
        onEnd.accept(outcome);
        running.set(false);
    }

    /**
     * What holds the trainer, for a message when {@link #start} was refused.
     *
     * @return the active claim's description, or "another run"
     */
    String busyWith() {
        AppTrainer.Claim claim = trainer.activeProperty().get();
        return claim == null ? "another run" : claim.description();
    }

    /** Asks the run to stop after its current step (any thread). */
    void stop() {
        stopRequested = true;
    }

    /**
     * Whether a run is going.
     *
     * @return the property
     */
    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
