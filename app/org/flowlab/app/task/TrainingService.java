package org.flowlab.app.task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
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
import org.flowlab.model.compute.Compute;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingRun;
import org.flowlab.model.train.TrainingStep;

/**
 * Trains the flows of one page on the application's {@link AppTrainer} and hands their results
 * to the FX thread in batches, at most 25 times a second. It owns no thread.
 *
 * <p>A start trains one or more lanes (compare mode trains two, alternating their steps on the
 * one training thread) and, for theories with HMC, a reference chain on the trainer's
 * background thread. Workers never touch JavaFX objects: each lane's {@link RunMailbox} holds
 * what they produce, and a {@link Timeline} on the FX thread drains it into the lane's
 * {@link RunSink}. The experiments stay open after a run ends, so they can be saved, exported or
 * continued, until the next start or {@link #close()}.
 */
public final class TrainingService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrainingService.class.getName());
    private static final Duration POLL = Duration.millis(40);
    /** Polls between redraws of the curves, and of the pictures (80 ms later): 5 a second each. */
    private static final int REDRAW_POLLS = 5;
    /** Fresh configurations for the pictures are drawn once per picture redraw, none unseen. */
    private static final long SNAPSHOT_MILLIS = Math.round(POLL.toMillis() * REDRAW_POLLS);

    private static final int SHOW_CONFIGURATIONS = 64;

    private final AppTrainer trainer;
    private final Object owner;
    private final String ownerTitle;
    private final ReferenceChainRunner reference;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper stepsDone = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final Timeline poll;
    private volatile List<RunMailbox<?>> lanes = List.of();
    private List<RunMailbox<?>> queued = List.of();
    private volatile boolean stopRequested;
    private boolean closed;
    private boolean launched;
    private long tick;

    /**
     * Creates the service; call on the FX thread.
     *
     * @param trainer the application's trainer
     * @param owner the page that trains (the owner of its claims)
     * @param ownerTitle the page's title, for the question another page asks ("Lab is training …")
     */
    public TrainingService(AppTrainer trainer, Object owner, String ownerTitle) {
        this.trainer = trainer;
        this.owner = owner;
        this.ownerTitle = ownerTitle;
        this.reference = new ReferenceChainRunner(trainer);
        poll = new Timeline(new KeyFrame(POLL, e -> drain()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /**
     * Starts training the lanes (and an HMC reference chain measuring {@code observables} when
     * the first lane's target supports HMC). When another page trains, the trainer's conflict
     * policy decides: the run then starts once the other has stopped ({@link
     * #waitingProperty()} meanwhile), or not at all.
     *
     * @param newLanes the runs
     * @param observables what the reference chain measures (empty for no chain)
     * @return false if nothing will start (a run of this page is going, or the user declined)
     */
    public boolean start(List<? extends RunLane<?>> newLanes, List<Observable> observables) {
        checkFxThread();
        if (running.get() || closed || newLanes.isEmpty()) {
            return false;
        }
        List<RunMailbox<?>> states = new ArrayList<>();
        for (RunLane<?> l : newLanes) {
            states.add(new RunMailbox<>(l));
        }
        RunSpec first = newLanes.get(0).spec();
        String description = ownerTitle + ": " + first.theoryKind().describe(first.theorySettings()) + ", "
                + first.flowKind().title() + ", " + first.lossKind().title();
        running.set(true);
        paused.set(false);
        launched = false;
        queued = List.copyOf(states);
        boolean accepted = trainer.start(owner, description, this::stop, () -> launch(states, observables));
        if (!accepted) {
            running.set(false);
        } else if (!launched) {
            waiting.set(true);
        }
        return accepted;
    }

    private void launch(List<RunMailbox<?>> states, List<Observable> observables) {
        launched = true;
        waiting.set(false);
        queued = List.of();
        stopRequested = false;
        stepsDone.set(0);
        List<RunMailbox<?>> previous = lanes;
        lanes = List.copyOf(states);
        RunSpec first = states.get(0).lane.spec();
        if (!observables.isEmpty()) {
            try {
                Target target = first.theoryKind().create(first.theorySettings());
                if (target instanceof HmcSystem system) {
                    reference.start(system, observables, first.training().seed());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "no reference chain", e);
            }
        }
        trainer.setWaker(() -> forEachRun(r -> r.submit(trainer::runInterleaved)));
        trainer.submit(() -> {
            closeAll(previous);
            train(states);
        });
    }

    private static void closeAll(List<RunMailbox<?>> states) {
        for (RunMailbox<?> s : states) {
            s.closeExperiment();
        }
    }

    /**
     * Switches the recording of operations for back-propagation off on the training thread:
     * PyTorch keeps it per thread, on by default, and a gradient collector restores whatever it
     * found; with it on, loading saved parameters in place fails ("a leaf Variable that requires
     * grad is being used in an in-place operation"), and sampling records graphs for nothing.
     */
    private static void recordingOff() {
        Compute.setGradientRecording(false);
    }

    private void train(List<RunMailbox<?>> states) {
        recordingOff();
        List<TrainingRun> runs = new ArrayList<>();
        ProbeSchedule schedule = new ProbeSchedule(states.size());
        for (RunMailbox<?> s : states) {
            RunLane<?> lane = s.lane;
            try {
                Experiment e = lane.opener().open(lane.spec(), lane.resume());
                s.experiment = e;
                TrainingRun run = new TrainingRun(
                        e.trainer(), lane.spec().describe(), e.deviceName(), SNAPSHOT_MILLIS, SHOW_CONFIGURATIONS);
                run.addListener(s.listener(e, schedule));
                s.run = run;
                if (stopRequested) {
                    run.stop();
                }
                runs.add(run);
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, "could not start training", e);
                s.end("could not start training: " + reason(e), true);
            }
        }
        if (!runs.isEmpty()) {
            try {
                TrainingRun.runTogether(runs);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "training failed", e);
                for (RunMailbox<?> s : states) {
                    s.end("training failed: " + reason(e), true);
                }
            }
        }
        reference.cancel();
        for (RunMailbox<?> s : states) {
            s.end(stopRequested ? "stopped" : "ended", false);
        }
    }

    /**
     * A one-line reason for a failure: the exception's message, or its type when it has none.
     *
     * @param e the failure
     * @return the reason
     */
    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank()
                ? e.getClass().getSimpleName()
                : m.lines().findFirst().orElse(m);
    }

    /**
     * Opens a saved run without training it, and shows it: its samples and its probe go to the
     * sink as during training. Save, export and Train (continue) then work on it.
     *
     * @param lane the saved run (its {@code resume}) and where its pictures go
     * @param done receives "" once shown, or the reason it could not be opened (FX thread)
     * @param <P> the probe's result type
     * @return false when a run of this page is going
     */
    public <P> boolean show(RunLane<P> lane, Consumer<String> done) {
        checkFxThread();
        if (running.get() || closed) {
            return false;
        }
        RunMailbox<P> state = new RunMailbox<>(lane);
        List<RunMailbox<?>> previous = lanes;
        lanes = List.of(state);
        trainer.interleave(() -> {
            closeAll(previous);
            String outcome = "";
            try {
                recordingOff();
                Experiment e = lane.opener().open(lane.spec(), lane.resume());
                state.experiment = e;
                state.postSamples(e.trainer().freshSnapshot(SHOW_CONFIGURATIONS));
                state.probeNow(e);
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, "could not open the run", e);
                outcome = reason(e);
            }
            String result = outcome;
            Platform.runLater(() -> done.accept(result));
        });
        return true;
    }

    private void drain() {
        List<RunMailbox<?>> current = lanes;
        // curves and pictures take turns (both at a run's end); 12.5 redraws a second each cost a
        // quarter of the training speed on two cores (lectures/reference/performance.md)
        tick++;
        boolean finishing = running.get()
                && launched
                && !current.isEmpty()
                && current.stream().allMatch(s -> s.ended() != null);
        long phase = tick % REDRAW_POLLS;
        boolean curvesTurn = finishing || phase == 0;
        boolean picturesTurn = finishing || phase == REDRAW_POLLS / 2;
        ReferenceChain.Snapshot chain = picturesTurn ? reference.take() : null;
        for (RunMailbox<?> s : current) {
            TrainingStep last = s.drain(curvesTurn, picturesTurn);
            if (s == current.get(0)) {
                if (last != null) {
                    stepsDone.set(last.step());
                }
                if (s.device != null) {
                    device.set(s.device);
                }
            }
            if (chain != null) {
                s.lane.sink().referenceSamples(chain);
            }
        }
        if (finishing) {
            // the run ends only after a last full drain; the sinks hear of the end before
            // anybody sees the service stopped
            for (RunMailbox<?> s : current) {
                RunMailbox.Ended end = s.ended();
                s.lane.sink().ended(end.message(), end.failed());
            }
            running.set(false);
            paused.set(false);
            trainer.setWaker(null);
            trainer.release(owner);
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
        if (running.get() && !waiting.get()) {
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

    /**
     * Stops every lane after its current step; a start that still waits for another page's
     * run is cancelled.
     */
    public void stop() {
        if (Platform.isFxApplicationThread() && waiting.get() && trainer.cancelPending(owner)) {
            waiting.set(false);
            running.set(false);
            for (RunMailbox<?> s : queued) {
                s.lane.sink().ended("cancelled before it started", false);
            }
            return;
        }
        stopRequested = true;
        forEachRun(TrainingRun::stop);
        reference.cancel();
    }

    private void forEachRun(Consumer<TrainingRun> action) {
        for (RunMailbox<?> s : lanes) {
            TrainingRun r = s.run;
            if (r != null) {
                action.accept(r);
            }
        }
    }

    /**
     * Runs a job with a lane's live experiment on the training thread, between two steps of
     * whatever run holds it (or at once when none does), and hands the outcome to the FX
     * thread.
     *
     * @param laneIndex which lane (0 in the lab)
     * @param job the job
     * @param done receives "" on success or a one-line error message, on the FX thread
     * @return false when there is no such lane
     */
    public boolean withExperiment(int laneIndex, ExperimentJob job, Consumer<String> done) {
        List<RunMailbox<?>> current = lanes;
        if (laneIndex >= current.size()) {
            return false;
        }
        RunMailbox<?> s = current.get(laneIndex);
        trainer.interleave(() -> {
            Experiment e = s.experiment;
            String outcome;
            if (e == null) {
                outcome = "there is no trained flow to work with";
            } else {
                try {
                    recordingOff();
                    job.run(e);
                    outcome = "";
                } catch (Exception | Error ex) {
                    LOG.log(Level.WARNING, "job failed", ex);
                    outcome = reason(ex);
                }
            }
            String result = outcome;
            Platform.runLater(() -> done.accept(result));
        });
        return true;
    }

    /**
     * Whether a run is going or waiting to start (set at start, cleared when all lanes' ends
     * reach the FX thread).
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
     * Whether a start waits for another page's run to stop.
     *
     * @return the property
     */
    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /**
     * Whether lane 0 has an experiment (trained, being trained or opened) that can be saved or
     * exported.
     *
     * @return true if so
     */
    public boolean hasExperiment() {
        List<RunMailbox<?>> current = lanes;
        return !current.isEmpty() && current.get(0).experiment != null;
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("call from the FX application thread");
        }
    }

    /**
     * Stops any run and frees the experiments (on the training thread, after the run has
     * stopped). Safe to call more than once; the trainer itself is closed by the application.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Platform.isFxApplicationThread()) {
            trainer.cancelPending(owner);
        }
        stop();
        poll.stop();
        List<RunMailbox<?>> current = lanes;
        trainer.submit(() -> closeAll(current));
    }
}
