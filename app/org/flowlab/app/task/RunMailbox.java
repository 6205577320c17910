package org.flowlab.app.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingListener;
import org.flowlab.model.train.TrainingRun;
import org.flowlab.model.train.TrainingStep;

/**
 * One lane's mailbox between the training thread and the FX thread: the training thread
 * appends steps and replaces the latest samples, probe result and state; the FX thread drains
 * them into the lane's {@link RunSink}. Nothing here touches JavaFX objects from
 * the training thread.
 *
 * @param <P> the type of the lane's probe result
 */
final class RunMailbox<P> {

    private record Started(String description, long parameters, String device) {}

    /** How a run ended. */
    record Ended(String message, boolean failed) {}

    private record Preparing(String task, long done, long total) {}

    private static final Logger LOG = Logger.getLogger(RunMailbox.class.getName());

    final RunLane<P> lane;
    private final ConcurrentLinkedQueue<TrainingStep> steps = new ConcurrentLinkedQueue<>();
    private final AtomicReference<SampleSnapshot> samples = new AtomicReference<>();
    private final AtomicReference<P> probe = new AtomicReference<>();
    private final AtomicReference<Started> started = new AtomicReference<>();
    private final AtomicReference<Preparing> preparing = new AtomicReference<>();
    private final AtomicReference<Ended> ended = new AtomicReference<>();
    volatile Experiment experiment;
    volatile TrainingRun run;
    private int probedRound;
    /** The device in words once the start has reached the FX thread (FX thread only). */
    String device;

    RunMailbox(RunLane<P> lane) {
        this.lane = lane;
    }

    /**
     * Records the end of the run (the first report wins, so a failure is never overwritten by
     * the normal end that follows it).
     *
     * @param message why
     * @param failed whether it failed
     */
    void end(String message, boolean failed) {
        ended.compareAndSet(null, new Ended(message, failed));
    }

    /**
     * The run's end, once reported.
     *
     * @return it, or null while it runs
     */
    Ended ended() {
        return ended.get();
    }

    /**
     * Computes the lane's probe now (training thread) and posts its result.
     *
     * @param e the live experiment
     * @return how long it took, in nanoseconds
     */
    long probeNow(Experiment e) {
        Function<Experiment, P> f = lane.probe();
        if (f == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        try {
            P result = f.apply(e);
            if (result != null) {
                probe.set(result);
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "probe failed", ex);
        }
        return System.nanoTime() - t0;
    }

    /**
     * Posts a sample snapshot (training thread).
     *
     * @param s the samples
     */
    void postSamples(SampleSnapshot s) {
        samples.set(s);
    }

    /**
     * A listener that fills this mailbox, probing when the shared schedule says so.
     *
     * @param e the experiment being trained
     * @param schedule when the lanes of one start probe
     * @return the listener
     */
    TrainingListener listener(Experiment e, ProbeSchedule schedule) {
        return new TrainingListener() {
            @Override
            public void preparing(String task, long done, long total) {
                preparing.set(new Preparing(task, done, total));
            }

            @Override
            public void started(String description, long parameterCount, String device) {
                started.set(new Started(description, parameterCount, device));
            }

            @Override
            public void step(TrainingStep step) {
                steps.add(step);
                int round = schedule.roundFor(probedRound);
                if (round > probedRound) {
                    probedRound = round;
                    long cost = 0;
                    try {
                        cost = probeNow(e);
                    } finally {
                        schedule.probed(cost);
                    }
                }
            }

            @Override
            public void snapshot(SampleSnapshot snapshot) {
                samples.set(snapshot);
            }

            @Override
            public void finished(int stepsDone, boolean stopped) {
                end(stopped ? "stopped after " + stepsDone + " steps" : "finished " + stepsDone + " steps", false);
            }

            @Override
            public void failed(String message) {
                end(message, true);
            }
        };
    }

    /**
     * Hands what arrived to the sink (FX thread).
     *
     * @param curves whether to hand over steps this time
     * @param pictures whether to hand over samples and the probe this time
     * @return the latest step handed over, or null
     */
    TrainingStep drain(boolean curves, boolean pictures) {
        RunSink<P> sink = lane.sink();
        Preparing prep = preparing.getAndSet(null);
        if (prep != null) {
            sink.preparing(prep.task(), prep.done(), prep.total());
        }
        Started start = started.getAndSet(null);
        if (start != null) {
            device = start.device();
            sink.started(start.description(), start.parameters(), start.device());
        }
        TrainingStep last = null;
        if (curves && !steps.isEmpty()) {
            List<TrainingStep> batch = new ArrayList<>();
            TrainingStep st;
            while ((st = steps.poll()) != null) {
                batch.add(st);
            }
            sink.steps(batch);
            last = batch.get(batch.size() - 1);
        }
        if (pictures) {
            SampleSnapshot s = samples.getAndSet(null);
            if (s != null) {
                sink.modelSamples(s);
            }
            P p = probe.getAndSet(null);
            if (p != null) {
                sink.probe(p);
            }
        }
        return last;
    }

    /** Frees the experiment (training thread). */
    void closeExperiment() {
        Experiment e = experiment;
        experiment = null;
        if (e != null) {
            e.close();
        }
    }
}
