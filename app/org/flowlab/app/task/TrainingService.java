package org.flowlab.app.task;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

import org.flowlab.model.mcmc.Observable;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingListener;
import org.flowlab.model.train.TrainingRun;
import org.flowlab.model.train.TrainingStep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs training on the single training thread ("trainer-1") and an HMC reference chain on
 * "mcmc-1", and hands their results to the FX thread in batches at most 20 times a second.
 *
 * <p>Workers never touch JavaFX objects: they only append to a queue and replace atomic
 * references; a {@link Timeline} on the FX thread drains them and calls the {@link Sink}.
 */
public final class TrainingService implements AutoCloseable {

    /** Receives batched results on the FX thread. */
    public interface Sink {
        /**
         * A run is starting (its model is built).
         *
         * @param description one-line description
         * @param parameters trainable parameter count
         * @param device the device in words
         */
        void started(String description, long parameters, String device);

        /**
         * New steps since the last call.
         *
         * @param steps the steps, in order
         */
        void steps(List<TrainingStep> steps);

        /**
         * The latest model samples.
         *
         * @param snapshot the samples
         */
        void modelSamples(SampleSnapshot snapshot);

        /**
         * The latest state of the reference chain.
         *
         * @param snapshot the chain's snapshot
         */
        void referenceSamples(ReferenceChain.Snapshot snapshot);

        /**
         * The run has ended.
         *
         * @param message why (finished, stopped, or the failure)
         * @param failed whether it failed
         */
        void ended(String message, boolean failed);
    }

    private record Started(String description, long parameters, String device) {}

    private record Ended(String message, boolean failed) {}

    private static final Logger LOG = Logger.getLogger(TrainingService.class.getName());
    private static final Duration POLL = Duration.millis(50);

    private final ExecutorService trainerThread = NamedThreads.single("trainer-1");
    private final ExecutorService mcmcThread = NamedThreads.single("mcmc-1");
    private final ConcurrentLinkedQueue<TrainingStep> pendingSteps = new ConcurrentLinkedQueue<>();
    private final AtomicReference<SampleSnapshot> pendingSamples = new AtomicReference<>();
    private final AtomicReference<ReferenceChain.Snapshot> pendingReference = new AtomicReference<>();
    private final AtomicReference<Started> pendingStart = new AtomicReference<>();
    private final AtomicReference<Ended> pendingEnd = new AtomicReference<>();
    private final AtomicReference<TrainingRun> currentRun = new AtomicReference<>();
    private final AtomicReference<ReferenceChain> currentChain = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper stepsDone = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final Timeline poll;
    private final Sink sink;
    private volatile boolean stopRequested;

    /**
     * Creates the service; call on the FX thread.
     *
     * @param sink receives results on the FX thread
     */
    public TrainingService(Sink sink) {
        this.sink = sink;
        poll = new Timeline(new KeyFrame(POLL, e -> drain()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /**
     * Starts training (and the reference chain) unless a run is going.
     *
     * @param spec what to train
     * @return false if a run was already going
     */
    public boolean start(RunSpec spec) {
        checkFxThread();
        if (running.get()) {
            return false;
        }
        running.set(true);
        paused.set(false);
        stepsDone.set(0);
        stopRequested = false;
        pendingSteps.clear();
        pendingSamples.set(null);
        pendingReference.set(null);
        pendingEnd.set(null);
        Target target = spec.theoryKind().create(spec.theorySettings());
        if (target instanceof HmcSystem system) {
            startReferenceChain(system, spec.theoryKind().observables(target).get(0), spec.training().seed());
        }
        trainerThread.submit(() -> train(spec));
        return true;
    }

    private void startReferenceChain(HmcSystem system, Observable observable, long seed) {
        ReferenceChain chain =
                new ReferenceChain(
                        system,
                        observable,
                        0.1,
                        10,
                        500,
                        50_000,
                        seed + 1000,
                        pendingReference::set,
                        150,
                        4000);
        ReferenceChain previous = currentChain.getAndSet(chain);
        if (previous != null) {
            previous.cancel();
        }
        mcmcThread.submit(chain);
    }

    private void train(RunSpec spec) {
        String endMessage;
        boolean failed = false;
        try (Experiment opened = spec.open()) {
            TrainingRun run = new TrainingRun(opened.trainer(), spec.describe(), opened.deviceName(), 120, 64);
            String[] failure = new String[1];
            run.addListener(
                    new TrainingListener() {
                        @Override
                        public void started(String description, long parameterCount, String dev) {
                            pendingStart.set(new Started(description, parameterCount, dev));
                        }

                        @Override
                        public void step(TrainingStep step) {
                            pendingSteps.add(step);
                        }

                        @Override
                        public void snapshot(SampleSnapshot snapshot) {
                            pendingSamples.set(snapshot);
                        }

                        @Override
                        public void failed(String message) {
                            failure[0] = message;
                        }
                    });
            currentRun.set(run);
            if (stopRequested) {
                run.stop();
            }
            int done = run.run();
            currentRun.set(null);
            if (failure[0] != null) {
                endMessage = failure[0];
                failed = true;
            } else if (done < spec.training().steps()) {
                endMessage = "stopped after " + done + " steps";
            } else {
                endMessage = "finished " + done + " steps";
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "could not run training", e);
            endMessage = "could not start training: " + e.getMessage();
            failed = true;
        }
        ReferenceChain chain = currentChain.get();
        if (chain != null) {
            chain.cancel();
        }
        pendingEnd.set(new Ended(endMessage, failed));
    }

    private void drain() {
        Started start = pendingStart.getAndSet(null);
        if (start != null) {
            device.set(start.device());
            sink.started(start.description(), start.parameters(), start.device());
        }
        if (!pendingSteps.isEmpty()) {
            List<TrainingStep> batch = new ArrayList<>();
            TrainingStep s;
            while ((s = pendingSteps.poll()) != null) {
                batch.add(s);
            }
            stepsDone.set(batch.get(batch.size() - 1).step());
            sink.steps(batch);
        }
        SampleSnapshot samples = pendingSamples.getAndSet(null);
        if (samples != null) {
            sink.modelSamples(samples);
        }
        ReferenceChain.Snapshot reference = pendingReference.getAndSet(null);
        if (reference != null) {
            sink.referenceSamples(reference);
        }
        Ended end = pendingEnd.getAndSet(null);
        if (end != null) {
            running.set(false);
            paused.set(false);
            sink.ended(end.message(), end.failed());
        }
    }

    /** Pauses the run after the current step. */
    public void pause() {
        checkFxThread();
        TrainingRun run = currentRun.get();
        if (run != null && running.get()) {
            run.pause();
            paused.set(true);
        }
    }

    /** Resumes a paused run. */
    public void resume() {
        checkFxThread();
        TrainingRun run = currentRun.get();
        if (run != null) {
            run.resume();
        }
        paused.set(false);
    }

    /** Stops the run after the current step. */
    public void stop() {
        stopRequested = true;
        TrainingRun run = currentRun.get();
        if (run != null) {
            run.stop();
        }
        ReferenceChain chain = currentChain.get();
        if (chain != null) {
            chain.cancel();
        }
    }

    /**
     * Whether a run is going (set at start, cleared when its end reaches the FX thread).
     *
     * @return the property
     */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /**
     * Whether the run is paused.
     *
     * @return the property
     */
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /**
     * Steps done by the current run, as seen by the FX thread.
     *
     * @return the property
     */
    public ReadOnlyIntegerProperty stepsDoneProperty() {
        return stepsDone.getReadOnlyProperty();
    }

    /**
     * The compute device of the last run, in words.
     *
     * @return the property
     */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("call from the FX application thread");
        }
    }

    /** Stops any run and shuts the worker threads down (waits up to 5 s for the step). */
    @Override
    public void close() {
        stop();
        poll.stop();
        trainerThread.shutdown();
        mcmcThread.shutdown();
        try {
            trainerThread.awaitTermination(5, TimeUnit.SECONDS);
            mcmcThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
