package org.flowlab.app.view.beyond;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.flowlab.model.anneal.AnnealedChain;
import org.flowlab.model.anneal.ChainResult;
import org.flowlab.model.anneal.ChainSpec;
import org.flowlab.model.anneal.EqualCost;
import org.flowlab.model.anneal.StageResult;
import org.flowlab.model.anneal.VolumeScan;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.train.TrainingStep;

/**
 * The tab's three jobs for the training thread and the events they post: a chain stage by stage,
 * the four methods at equal cost, and a volume scan of one trained flow.
 */
final class Jobs {

    /** What a job does. */
    enum Kind {
        /** A chain of flows, stage by stage. */
        CHAIN("Chain of flows"),
        /** The four methods at equal cost. */
        COMPARE("Comparison at equal cost"),
        /** ESS against L for one trained flow. */
        VOLUME("ESS against volume");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }
    }

    /** Training steps between progress events. */
    private static final int STEP_EVENTS = 5;

    /** Samples per lattice size of a volume scan. */
    static final int VOLUME_SAMPLES = 1024;

    record StageStarted(int stage) {}

    record Step(int stage, TrainingStep step) {}

    record MethodProgress(int method, String text) {}

    record MethodStage(int method, StageResult stage) {}

    record MethodDone(int method, ChainResult result) {}

    record VolumeProgress(String text) {}

    record VolumeDone(List<VolumeScan.Point> points, int samples) {}

    private Jobs() {}

    /**
     * The comparison's methods for a chain.
     *
     * @param spec the chain
     * @return the four methods
     */
    static List<EqualCost.Method> methods(ChainSpec spec) {
        return EqualCost.methods(spec);
    }

    /**
     * Builds a job, checking on the FX thread what can be checked before it runs.
     *
     * @param kind the job
     * @param spec the chain from the form
     * @return the job
     * @throws IllegalArgumentException when the job does not fit the chain
     */
    static BeyondRunner.Job create(Kind kind, ChainSpec spec) {
        switch (kind) {
            case CHAIN:
                return (events, cancelled) -> chain(spec, events, cancelled);
            case COMPARE: {
                List<EqualCost.Method> methods = EqualCost.methods(spec);
                return (events, cancelled) -> compare(methods, events, cancelled);
            }
            default: {
                if (!spec.theorySettings().asMap().containsKey("L")) {
                    throw new IllegalArgumentException("ESS against volume needs a lattice theory (phi4 or u1)");
                }
                if (!spec.hasFlows()) {
                    throw new IllegalArgumentException(
                            "ESS against volume needs a flow family; choose one instead of none");
                }
                int[] sizes = sizes(spec);
                ChainSpec single = EqualCost.methods(spec).get(0).spec();
                return (events, cancelled) -> volume(single, sizes, events, cancelled);
            }
        }
    }

    private static void chain(ChainSpec spec, Consumer<Object> events, BooleanSupplier cancelled) {
        AnnealedChain.run(
                spec,
                new AnnealedChain.Listener() {
                    @Override
                    public void stageStarted(int stage, double value) {
                        events.accept(new StageStarted(stage));
                    }

                    @Override
                    public void step(int stage, TrainingStep step) {
                        if (step.step() % STEP_EVENTS == 0 || step.step() == spec.stepsPerStage()) {
                            events.accept(new Step(stage, step));
                        }
                    }

                    @Override
                    public void stageFinished(StageResult result) {
                        events.accept(result);
                    }
                },
                cancelled);
    }

    private static void compare(List<EqualCost.Method> methods, Consumer<Object> events, BooleanSupplier cancelled) {
        for (int i = 0; i < methods.size(); i++) {
            final int method = i;
            ChainSpec spec = methods.get(i).spec();
            events.accept(new MethodProgress(method, "running…"));
            ChainResult result = AnnealedChain.run(
                    spec,
                    new AnnealedChain.Listener() {
                        private int stage;

                        @Override
                        public void stageStarted(int index, double value) {
                            stage = index + 1;
                        }

                        @Override
                        public void step(int index, TrainingStep step) {
                            if (step.step() % (STEP_EVENTS * 4) == 0) {
                                events.accept(new MethodProgress(
                                        method,
                                        String.format(
                                                Locale.ROOT,
                                                "stage %d of %d: step %d / %d",
                                                stage,
                                                spec.moves(),
                                                step.step(),
                                                spec.stepsPerStage())));
                            }
                        }

                        @Override
                        public void stageFinished(StageResult result) {
                            events.accept(new MethodStage(method, result));
                        }
                    },
                    cancelled);
            events.accept(new MethodDone(method, result));
        }
    }

    private static void volume(ChainSpec single, int[] sizes, Consumer<Object> events, BooleanSupplier cancelled) {
        events.accept(new VolumeProgress(String.format(
                Locale.ROOT,
                "training one flow from the prior at L = %d for %d steps…",
                sizes[0],
                single.stepsPerStage())));
        ChainResult trained = AnnealedChain.run(
                single,
                new AnnealedChain.Listener() {
                    @Override
                    public void step(int stage, TrainingStep step) {
                        if (step.step() % (STEP_EVENTS * 10) == 0) {
                            events.accept(new VolumeProgress(String.format(
                                    Locale.ROOT,
                                    "training one flow from the prior at L = %d: step %d / %d, ESS %.3f",
                                    sizes[0],
                                    step.step(),
                                    single.stepsPerStage(),
                                    step.ess())));
                        }
                    }
                },
                cancelled);
        events.accept(new VolumeProgress("measuring the ESS at L = " + java.util.Arrays.toString(sizes) + "…"));
        int samples = Math.min(VOLUME_SAMPLES, single.samples());
        List<VolumeScan.Point> points = VolumeScan.scan(
                single.theoryKind(),
                single.targetSettings(0),
                single.flowKind(),
                single.flowSettings(),
                trained.parameters().get(0),
                sizes,
                samples,
                single.seed(),
                single.device(),
                single.precision(),
                cancelled);
        events.accept(new VolumeDone(points, samples));
    }

    /**
     * The lattice sizes of a volume scan: the chain's L and larger sizes up to 4 L that the flow's
     * masks allow.
     *
     * @param spec the chain
     * @return the sizes, the training size first
     */
    static int[] sizes(ChainSpec spec) {
        int size = spec.theorySettings().integer("L");
        TreeSet<Integer> candidates =
                new TreeSet<>(List.of(size, size + 1, size + 2, size + 4, 2 * size, 3 * size, 4 * size));
        List<Integer> fits = new ArrayList<>();
        for (int l : candidates) {
            if (l > 64) {
                continue;
            }
            try {
                Settings at = spec.theorySettings()
                        .with(
                                spec.theoryKind().params(),
                                "L",
                                Integer.toString(l),
                                spec.theoryKind().title());
                Target target = spec.theoryKind().create(at);
                spec.flowKind().check(target, spec.flowSettings());
                fits.add(l);
            } catch (IllegalArgumentException e) {
                // this size does not fit the flow's masks: skip it
            }
        }
        return fits.stream().mapToInt(Integer::intValue).toArray();
    }
}
