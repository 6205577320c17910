package org.flowlab.app.view.course;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.app.task.TrainingService;
import org.flowlab.model.spec.Experiment;

/**
 * Where a course tool gets its flow, and the thread its tensor work runs on: the Lab's live
 * run (between training steps, on the Lab's training thread), or a flow of the tool's own (on
 * the application's {@link AppTrainer}, claimed for each job).
 */
public abstract class FlowSource {

    private static final Logger LOG = Logger.getLogger(FlowSource.class.getName());

    private final String description;

    private FlowSource(String description) {
        this.description = description;
    }

    /**
     * What the flow is, in words.
     *
     * @return e.g. "the pre-trained φ⁴ flow (L = 8, ...)"
     */
    public String description() {
        return description;
    }

    /**
     * Runs a job with the experiment off the FX thread; the outcome comes back on the FX thread.
     *
     * @param job the work (no gradient collector is open)
     * @param done receives the job's result
     * @param failed receives a one-line message when the job could not run or threw
     * @param <T> the result type
     */
    public abstract <T> void run(Function<Experiment, T> job, Consumer<T> done, Consumer<String> failed);

    /** Frees what the source holds (its own flow); the Lab's run stays. */
    public abstract void close();

    /**
     * The Lab's current run.
     *
     * @param service the Lab's training service
     * @return the source
     */
    public static FlowSource lab(TrainingService service) {
        return new FlowSource("the Lab's current run") {
            @Override
            public <T> void run(Function<Experiment, T> job, Consumer<T> done, Consumer<String> failed) {
                AtomicReference<T> result = new AtomicReference<>();
                boolean started = service.withExperiment(0, e -> result.set(job.apply(e)), problem -> {
                    if (problem.isEmpty()) {
                        done.accept(result.get());
                    } else {
                        failed.accept(problem);
                    }
                });
                if (!started) {
                    failed.accept("the Lab has no run yet: train a flow in the Lab first");
                }
            }

            @Override
            public void close() {
                // the run belongs to the Lab
            }
        };
    }

    /**
     * A flow of the tool's own, built on first use on the application's trainer.
     *
     * @param trainer the application's training thread
     * @param description what the flow is, in words
     * @param opener builds the experiment (on the training thread)
     * @return the source
     */
    public static FlowSource own(AppTrainer trainer, String description, Supplier<Experiment> opener) {
        return new FlowSource(description) {
            private Experiment experiment;
            private boolean closed;

            @Override
            public <T> void run(Function<Experiment, T> job, Consumer<T> done, Consumer<String> failed) {
                if (closed) {
                    failed.accept("this tool was closed");
                    return;
                }
                if (!trainer.claim(this, "Course tool: " + description, () -> {})) {
                    AppTrainer.Claim busy = trainer.activeProperty().get();
                    failed.accept("the trainer is busy (" + (busy == null ? "another page" : busy.description())
                            + "): stop that run or wait for it to end, then try again");
                    return;
                }
                trainer.submit(() -> {
                    try {
                        if (experiment == null) {
                            experiment = opener.get();
                        }
                        T result = job.apply(experiment);
                        Platform.runLater(() -> {
                            trainer.release(this);
                            done.accept(result);
                        });
                    } catch (RuntimeException | Error e) {
                        LOG.log(Level.WARNING, "course tool job failed", e);
                        String message = e.getMessage() == null ? e.toString() : e.getMessage();
                        Platform.runLater(() -> {
                            trainer.release(this);
                            failed.accept(message);
                        });
                    }
                });
            }

            @Override
            public void close() {
                closed = true;
                trainer.submit(() -> {
                    if (experiment != null) {
                        experiment.close();
                        experiment = null;
                    }
                });
            }
        };
    }
}
