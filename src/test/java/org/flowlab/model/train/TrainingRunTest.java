package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** Driving trainers: events in order, stop, pause, tasks between steps, two runs together, failures. */
class TrainingRunTest {

    private static RunSpec spec(int steps, long seed) {
        return RunSpec.create(
                "vonmises",
                Map.of(),
                "circle",
                Map.of("layers", "1", "bins", "4"),
                "rkl",
                Map.of(),
                new TrainingConfig(steps, 8, 1e-2, seed),
                DeviceChoice.CPU,
                Precision.FLOAT64);
    }

    /** Records every event as a line. */
    private static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();
        final String name;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public void started(String description, long parameterCount, String device) {
            events.add(name + " started");
        }

        @Override
        public void step(TrainingStep step) {
            events.add(name + " step " + step.step());
        }

        @Override
        public void finished(int steps, boolean stopped) {
            events.add(name + " finished " + steps + (stopped ? " stopped" : ""));
        }

        @Override
        public void failed(String message) {
            events.add(name + " failed " + message);
        }
    }

    @Test
    void runsThePlannedStepsAndReportsThemInOrder() {
        try (Experiment e = spec(4, 1).open()) {
            TrainingRun run = new TrainingRun(e.trainer(), "d", "cpu", 0, 0);
            Recorder r = new Recorder("a");
            run.addListener(r);
            // when
            int done = run.run();
            // then
            assertEquals(4, done);
            assertEquals(
                    List.of("a started", "a step 1", "a step 2", "a step 3", "a step 4", "a finished 4"), r.events);
        }
    }

    @Test
    void stopTakesEffectAfterTheCurrentStepAndTasksRunBetweenSteps() {
        try (Experiment e = spec(50, 2).open()) {
            TrainingRun run = new TrainingRun(e.trainer(), "d", "cpu", 0, 0);
            Recorder r = new Recorder("a");
            Thread trainingThread = Thread.currentThread();
            List<String> tasks = new ArrayList<>();
            run.addListener(r);
            run.addListener(new TrainingListener() {
                @Override
                public void step(TrainingStep step) {
                    if (step.step() == 2) {
                        run.submit(
                                () -> tasks.add("task after step " + e.trainer().stepsDone()
                                        + (Thread.currentThread() == trainingThread ? " on the training thread" : "")));
                    }
                    if (step.step() == 3) {
                        run.stop();
                    }
                }
            });
            // when
            int done = run.run();
            // then
            assertEquals(3, done);
            assertEquals("a finished 3 stopped", r.events.get(r.events.size() - 1));
            assertEquals(List.of("task after step 2 on the training thread"), tasks);
        }
    }

    @Test
    void aPausedRunWaitsUntilResumed() throws Exception {
        try (Experiment e = spec(4, 3).open()) {
            TrainingRun run = new TrainingRun(e.trainer(), "d", "cpu", 0, 0);
            CountDownLatch paused = new CountDownLatch(1);
            int[] stepsWhenResumed = {-1};
            run.addListener(new TrainingListener() {
                @Override
                public void step(TrainingStep step) {
                    if (step.step() == 1) {
                        run.pause();
                        paused.countDown();
                    }
                }
            });
            Thread resumer = new Thread(() -> {
                try {
                    assertTrue(paused.await(60, TimeUnit.SECONDS));
                    Thread.sleep(300);
                    stepsWhenResumed[0] = e.trainer().stepsDone();
                    assertTrue(run.isPaused());
                    run.resume();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            resumer.start();
            // when
            int done = run.run();
            resumer.join();
            // then: nothing ran while paused, everything after the resume
            assertEquals(1, stepsWhenResumed[0]);
            assertEquals(4, done);
            assertFalse(run.isPaused());
        }
    }

    @Test
    void runsTogetherAlternateTheirSteps() {
        try (Experiment a = spec(3, 4).open();
                Experiment b = spec(2, 5).open()) {
            TrainingRun runA = new TrainingRun(a.trainer(), "a", "cpu", 0, 0);
            TrainingRun runB = new TrainingRun(b.trainer(), "b", "cpu", 0, 0);
            Recorder ra = new Recorder("a");
            Recorder rb = new Recorder("b");
            List<String> all = new ArrayList<>();
            runA.addListener(ra);
            runB.addListener(rb);
            TrainingListener both = new TrainingListener() {
                @Override
                public void step(TrainingStep step) {
                    all.add(step.step() + "");
                }
            };
            runA.addListener(both);
            runB.addListener(both);
            // when
            TrainingRun.runTogether(List.of(runA, runB));
            // then: a1 b1 a2 b2 a3
            assertEquals(List.of("1", "1", "2", "2", "3"), all);
            assertEquals("a finished 3", ra.events.get(ra.events.size() - 1));
            assertEquals("b finished 2", rb.events.get(rb.events.size() - 1));
        }
    }

    @Test
    void aFailingStepIsReportedOnceAndEndsTheRun() {
        try (Experiment e = spec(10, 6).open()) {
            AtomicBoolean armed = new AtomicBoolean();
            Objective failing = new Objective() {
                @Override
                public String name() {
                    return "failing";
                }

                @Override
                public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
                    if (armed.get()) {
                        throw new IllegalStateException("boom");
                    }
                    return new ReverseKl().evaluateBackprop(flow, target, context);
                }
            };
            try (Trainer trainer =
                    new Trainer(e.flow(), e.target(), failing, e.spec().training())) {
                TrainingRun run = new TrainingRun(trainer, "d", "cpu", 0, 0);
                Recorder r = new Recorder("a");
                run.addListener(r);
                run.addListener(new TrainingListener() {
                    @Override
                    public void step(TrainingStep step) {
                        armed.set(step.step() == 2);
                    }
                });
                // when: the objective throws in the third step
                int done = run.run();
                // then
                assertEquals(2, done);
                String last = r.events.get(r.events.size() - 1);
                assertTrue(last.startsWith("a failed training failed") && last.contains("boom"), last);
                assertNull(r.events.stream()
                        .filter(s -> s.contains("finished"))
                        .findFirst()
                        .orElse(null));
            }
        }
    }
}
