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

import org.flowlab.model.store.RunStore;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.mcmc.ReferenceChain;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs training on the single training thread ("trainer-1") and an HMC reference chain on
 * "mcmc-1", and hands results to the FX thread in batches at most 20 times a second.
 *
 * <p>A start trains one or more lanes (compare mode trains two, alternating their steps on the
 * one training thread). Workers never touch JavaFX objects: they append to queues and replace
 * atomic references; a {@link Timeline} on the FX thread drains them into each lane's
 * {@link Sink}. The experiments stay open after a run ends, so they can be saved, exported or
 * continued, until the next start or {@link #close()}.
 */
public final class TrainingService implements AutoCloseable {

    /** Receives a lane's results on the FX thread. */
    public interface Sink {
        /**
         * Preparation progress (generating a training set).
         *
         * @param task what is being done
         * @param done units done
         * @param total units in all
         */
        default void preparing(String task, long done, long total) {}

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
        default void referenceSamples(ReferenceChain.Snapshot snapshot) {}

        /**
         * The latest result of the lane's probe (see {@link Lane}).
         *
         * @param result what the probe computed
         */
        default void probe(Object result) {}

        /**
         * The run has ended.
         *
         * @param message why (finished, stopped, or the failure)
         * @param failed whether it failed
         */
        void ended(String message, boolean failed);
    }

    /**
     * One run to train.
     *
     * @param spec what to train
     * @param sink where its results go
     * @param probe computed on the training thread about once a second from the live
     *     experiment (e.g. model density on a grid); null for none
     * @param resume a saved run to continue (its parameters and optimiser), or null
     */
    public record Lane(RunSpec spec, Sink sink, Function<Experiment, Object> probe, RunStore.SavedRun resume) {}

    private record Started(String description, long parameters, String device) {}

    private record Ended(String message, boolean failed) {}

    private record Preparing(String task, long done, long total) {}

    /** Training-thread state of one lane, handed to the FX thread through atomics. */
    private static final class LaneState {
        final Lane lane;
        final ConcurrentLinkedQueue<TrainingStep> steps = new ConcurrentLinkedQueue<>();
        final AtomicReference<SampleSnapshot> samples = new AtomicReference<>();
        final AtomicReference<Object> probe = new AtomicReference<>();
        final AtomicReference<Started> started = new AtomicReference<>();
        final AtomicReference<Preparing> preparing = new AtomicReference<>();
        final AtomicReference<Ended> ended = new AtomicReference<>();
        volatile Experiment experiment;
        volatile TrainingRun run;
        long nextProbe;

        LaneState(Lane lane) {
            this.lane = lane;
        }
    }

    private static final Logger LOG = Logger.getLogger(TrainingService.class.getName());
    private static final Duration POLL = Duration.millis(40);
    private static final long PROBE_NANOS = 1_000_000_000L;
    private static final long PROBE_COST_FACTOR = 5;

    private final ExecutorService trainerThread = NamedThreads.single("trainer-1");
    private final ExecutorService mcmcThread = NamedThreads.single("mcmc-1");
    private final AtomicReference<ReferenceChain.Snapshot> pendingReference = new AtomicReference<>();
    private final AtomicReference<ReferenceChain> currentChain = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper stepsDone =
            new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper device =
            new ReadOnlyStringWrapper("");
    private final Timeline poll;
    private volatile List<LaneState> lanes = List.of();
    private volatile boolean stopRequested;
    private long tick;

    /** Creates the service; call on the FX thread. */
    public TrainingService() {
        poll = new Timeline(new KeyFrame(POLL, e -> drain()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /**
     * Starts training the lanes (and an HMC reference chain measuring {@code reference}, when
     * the first lane's target supports HMC), unless a run is going.
     *
     * @param newLanes the runs
     * @param reference what the reference chain measures (empty for no chain)
     * @return false if a run was already going
     */
    public boolean start(List<Lane> newLanes, List<Observable> reference) {
        checkFxThread();
        if (running.get()) {
            return false;
        }
        running.set(true);
        paused.set(false);
        stopRequested = false;
        pendingReference.set(null);
        List<LaneState> previous = lanes;
        List<LaneState> states = new ArrayList<>();
        for (Lane l : newLanes) {
            states.add(new LaneState(l));
        }
        lanes = List.copyOf(states);
        RunSpec first = newLanes.get(0).spec();
        Target target = first.theoryKind().create(first.theorySettings());
        if (!reference.isEmpty() && target instanceof HmcSystem system) {
            startReferenceChain(system, reference, first.training().seed());
        }
        trainerThread.submit(() -> {
            closeAll(previous);
            train(states);
        });
        return true;
    }

    private void startReferenceChain(HmcSystem system, List<Observable> observables, long seed) {
        ReferenceChain chain =
                new ReferenceChain(system, observables, ReferenceChain.Config.WINDOW, seed + 1000, pendingReference::set);
        ReferenceChain previous = currentChain.getAndSet(chain);
        if (previous != null) {
            previous.cancel();
        }
        mcmcThread.submit(chain);
    }

    private static void closeAll(List<LaneState> states) {
        for (LaneState s : states) {
            Experiment e = s.experiment;
            s.experiment = null;
            if (e != null) {
                e.close();
            }
        }
    }

    private void train(List<LaneState> states) {
        List<TrainingRun> runs = new ArrayList<>();
        for (LaneState s : states) {
            try {
                Lane lane = s.lane;
                Experiment e = lane.resume() == null ? lane.spec().open() : RunStore.open(lane.resume(), lane.spec());
                s.experiment = e;
                TrainingRun run = new TrainingRun(e.trainer(), lane.spec().describe(), e.deviceName(), 120, 64);
                run.addListener(listener(s, e));
                s.run = run;
                if (stopRequested) {
                    run.stop();
                }
                runs.add(run);
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, "could not start training", e);
                s.ended.set(new Ended("could not start training: " + e.getMessage(), true));
            }
        }
        if (!runs.isEmpty()) {
            try {
                TrainingRun.runTogether(runs);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "training failed", e);
            }
        }
        ReferenceChain chain = currentChain.get();
        if (chain != null) {
            chain.cancel();
        }
        for (LaneState s : states) {
            if (s.ended.get() == null) {
                s.ended.set(new Ended("ended", false));
            }
        }
    }

    private TrainingListener listener(LaneState s, Experiment e) {
        return new TrainingListener() {
            @Override
            public void preparing(String task, long done, long total) {
                s.preparing.set(new Preparing(task, done, total));
            }

            @Override
            public void started(String description, long parameterCount, String device) {
                s.started.set(new Started(description, parameterCount, device));
            }

            @Override
            public void step(TrainingStep step) {
                s.steps.add(step);
                Function<Experiment, Object> probe = s.lane.probe();
                long now = System.nanoTime();
                if (probe != null && now >= s.nextProbe) {
                    try {
                        s.probe.set(probe.apply(e));
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "probe failed", ex);
                    }
                    // about once a second, but never more than a fifth of the training time
                    // (a continuous flow's density on a grid costs many steps' worth)
                    long cost = System.nanoTime() - now;
                    s.nextProbe = now + Math.max(PROBE_NANOS, PROBE_COST_FACTOR * cost);
                }
            }

            @Override
            public void snapshot(SampleSnapshot snapshot) {
                s.samples.set(snapshot);
            }

            @Override
            public void finished(int steps, boolean stopped) {
                s.ended.set(new Ended(stopped ? "stopped after " + steps + " steps" : "finished " + steps + " steps", false));
            }

            @Override
            public void failed(String message) {
                s.ended.set(new Ended(message, true));
            }
        };
    }

    private void drain() {
        List<LaneState> current = lanes;
        // curves and pictures take turns, so that one pulse never redraws everything: each
        // still redraws more than ten times a second (at the end of a run, both at once)
        tick++;
        boolean finishing = !current.isEmpty() && current.stream().allMatch(s -> s.ended.get() != null);
        boolean curvesTurn = finishing || (tick & 1) == 0;
        boolean picturesTurn = finishing || (tick & 1) == 1;
        ReferenceChain.Snapshot reference = picturesTurn ? pendingReference.getAndSet(null) : null;
        boolean allEnded = !current.isEmpty();
        for (LaneState s : current) {
            boolean first = s == current.get(0);
            Sink sink = s.lane.sink();
            Preparing prep = s.preparing.getAndSet(null);
            if (prep != null) {
                sink.preparing(prep.task(), prep.done(), prep.total());
            }
            Started start = s.started.getAndSet(null);
            if (start != null) {
                sink.started(start.description(), start.parameters(), start.device());
                if (first) {
                    device.set(start.device());
                }
            }
            if (curvesTurn && !s.steps.isEmpty()) {
                List<TrainingStep> batch = new ArrayList<>();
                TrainingStep st;
                while ((st = s.steps.poll()) != null) {
                    batch.add(st);
                }
                sink.steps(batch);
                if (first) {
                    stepsDone.set(batch.get(batch.size() - 1).step() + 1);
                }
            }
            SampleSnapshot samples = picturesTurn ? s.samples.getAndSet(null) : null;
            if (samples != null) {
                sink.modelSamples(samples);
            }
            Object probe = picturesTurn ? s.probe.getAndSet(null) : null;
            if (probe != null) {
                sink.probe(probe);
            }
            if (reference != null) {
                sink.referenceSamples(reference);
            }
            if (!finishing) {
                // end the run only after a last full drain
                allEnded = false;
            }
        }
        if (allEnded && running.get()) {
            running.set(false);
            paused.set(false);
            for (LaneState s : current) {
                Ended end = s.ended.get();
                s.lane.sink().ended(end.message(), end.failed());
            }
        }
    }

    /**
     * Steps completed by the first lane, updated with the redraws.
     *
     * @return the property
     */
    public ReadOnlyIntegerProperty stepsDoneProperty() {
        return stepsDone.getReadOnlyProperty();
    }

    /**
     * The compute device of the first lane's run ("" before one starts).
     *
     * @return the property
     */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** Pauses every lane after its current step. */
    public void pause() {
        checkFxThread();
        if (running.get()) {
            forEachRun(TrainingRun::pause);
            paused.set(true);
        }
    }

    /** Resumes. */
    public void resume() {
        checkFxThread();
        forEachRun(TrainingRun::resume);
        paused.set(false);
    }

    /** Stops every lane after its current step. */
    public void stop() {
        stopRequested = true;
        forEachRun(TrainingRun::stop);
        ReferenceChain chain = currentChain.get();
        if (chain != null) {
            chain.cancel();
        }
    }

    private void forEachRun(Consumer<TrainingRun> action) {
        for (LaneState s : lanes) {
            TrainingRun r = s.run;
            if (r != null) {
                action.accept(r);
            }
        }
    }

    /**
     * Runs a job with a lane's live experiment on the training thread (between steps while a
     * run is going, or at once when none is) and hands the outcome to the FX thread.
     *
     * @param laneIndex which lane (0 in the lab)
     * @param job the job; its return value (or its exception's message) goes to {@code done}
     * @param done receives "" on success or an error message, on the FX thread
     * @param <T> unused result type
     * @return false when there is no experiment to work on
     */
    public <T> boolean withExperiment(int laneIndex, ExperimentJob job, Consumer<String> done) {
        List<LaneState> current = lanes;
        if (laneIndex >= current.size()) {
            return false;
        }
        LaneState s = current.get(laneIndex);
        Runnable task = () -> {
            Experiment e = s.experiment;
            String outcome;
            if (e == null) {
                outcome = "there is no trained flow to work with";
            } else {
                try {
                    job.run(e);
                    outcome = "";
                } catch (Exception ex) {
                    LOG.log(Level.WARNING, "job failed", ex);
                    outcome = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                }
            }
            String result = outcome;
            Platform.runLater(() -> done.accept(result));
        };
        TrainingRun run = s.run;
        if (running.get() && run != null) {
            run.submit(task);
        } else {
            trainerThread.submit(task);
        }
        return true;
    }

    /** Work on a live experiment, on the training thread. */
    @FunctionalInterface
    public interface ExperimentJob {
        /**
         * Does the work.
         *
         * @param experiment the lane's experiment
         * @throws Exception reported to the user as a one-line message
         */
        void run(Experiment experiment) throws Exception;
    }

    /**
     * Whether a run is going (set at start, cleared when all lanes' ends reach the FX thread).
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
     * Whether lane 0 has an experiment (trained or being trained) that can be saved or exported.
     *
     * @return true if so
     */
    public boolean hasExperiment() {
        List<LaneState> current = lanes;
        return !current.isEmpty() && current.get(0).experiment != null;
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("call from the FX application thread");
        }
    }

    /** Stops any run, frees the experiments and shuts the worker threads down. */
    @Override
    public void close() {
        stop();
        poll.stop();
        List<LaneState> current = lanes;
        trainerThread.submit(() -> closeAll(current));
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
