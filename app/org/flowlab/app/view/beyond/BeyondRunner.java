package org.flowlab.app.view.beyond;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.util.Duration;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.model.anneal.ReferenceSamples;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * Runs the tab's jobs: chains, comparisons and volume scans on the application's one training
 * thread ({@link AppTrainer}: claim, submit, release when the end reaches the FX thread), and
 * independent HMC reference samples on a thread of its own (pure Java, no tensors). Workers only
 * append events to a queue; a {@link Timeline} drains it on the FX thread ten times a second.
 */
final class BeyondRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BeyondRunner.class.getName());

    /** Work for the training thread: it posts events and polls the stop flag. */
    @FunctionalInterface
    interface Job {
        /**
         * Runs the job.
         *
         * @param events where to post results (any thread)
         * @param cancelled the stop flag
         */
        void run(Consumer<Object> events, BooleanSupplier cancelled);
    }

    /**
     * The end of a job, posted last.
     *
     * @param message why it ended, in words
     * @param failed whether it failed
     */
    record Ended(String message, boolean failed) {}

    /**
     * Reference samples for one target.
     *
     * @param key the target's settings in words
     * @param samples the samples' measurements
     */
    record Reference(String key, ReferenceSamples samples) {}

    /** Samples per reference target. */
    static final int REFERENCE_SAMPLES = 2000;

    private final AppTrainer trainer;
    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final Timeline poll;
    private final ExecutorService referenceThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "beyond-hmc");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final Map<String, ReferenceSamples> references = new ConcurrentHashMap<>();
    private final Map<String, Boolean> requested = new ConcurrentHashMap<>();
    private volatile AtomicBoolean cancel = new AtomicBoolean();
    private volatile boolean closed;
    private Consumer<Object> sink = e -> {};

    /**
     * Creates the runner.
     *
     * @param trainer the application's training thread
     */
    BeyondRunner(AppTrainer trainer) {
        this.trainer = trainer;
        poll = new Timeline(new KeyFrame(Duration.millis(100), e -> drain()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /**
     * Where drained events go (on the FX thread).
     *
     * @param sink the receiver
     */
    void setSink(Consumer<Object> sink) {
        this.sink = sink;
    }

    /**
     * Whether a job holds the trainer.
     *
     * @return the property
     */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * Claims the trainer and submits a job; on the FX thread.
     *
     * @param description what runs, in words
     * @param job the job
     * @return null when started, else why not (the trainer is busy)
     */
    String start(String description, Job job) {
        if (busy.get()) {
            return "a run of this tab is still going; stop it first";
        }
        if (!trainer.claim(this, description, this::stop)) {
            AppTrainer.Claim other = trainer.activeProperty().get();
            return "the trainer is busy" + (other == null ? "" : " with " + other.description())
                    + "; stop that run first";
        }
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        busy.set(true);
        trainer.submit(() -> {
            Ended end;
            try {
                job.run(events::add, flag::get);
                end = new Ended(flag.get() ? "stopped" : "finished", false);
            } catch (CancellationException e) {
                end = new Ended("stopped", false);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "job failed", e);
                end = new Ended(e.getMessage() == null ? e.toString() : e.getMessage(), true);
            }
            events.add(end);
        });
        return null;
    }

    /** Asks the running job to stop after its current step. */
    void stop() {
        cancel.set(true);
    }

    /**
     * Starts drawing reference samples of a target unless they exist or are on their way; the
     * result arrives as a {@link Reference} event.
     *
     * @param theory the theory
     * @param settings the target's settings
     * @param seed random seed
     */
    void requestReference(TheoryKind theory, Settings settings, long seed) {
        String key = theory.id() + " " + settings;
        ReferenceSamples known = references.get(key);
        if (known != null) {
            events.add(new Reference(key, known));
            return;
        }
        if (requested.putIfAbsent(key, Boolean.TRUE) != null || closed) {
            return;
        }
        referenceThread.submit(() -> {
            try {
                ReferenceSamples r = ReferenceSamples.draw(theory, settings, REFERENCE_SAMPLES, seed, () -> closed);
                references.put(key, r);
                events.add(new Reference(key, r));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "reference samples stopped", e);
                requested.remove(key);
            }
        });
    }

    /**
     * The key of a target in {@link Reference} events.
     *
     * @param theory the theory
     * @param settings its settings
     * @return the key
     */
    static String key(TheoryKind theory, Settings settings) {
        return theory.id() + " " + settings;
    }

    private void drain() {
        Object e;
        while ((e = events.poll()) != null) {
            if (e instanceof Ended) {
                trainer.release(this);
                busy.set(false);
            }
            sink.accept(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        stop();
        poll.stop();
        referenceThread.shutdownNow();
        if (busy.get()) {
            trainer.release(this);
            busy.set(false);
        }
    }
}
