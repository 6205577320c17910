package org.flowlab.model.anneal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * Everything that defines a chain of flows: the theory and the coupling that changes along the
 * chain, the flow family trained at every stage (or none, for annealed importance sampling with
 * Monte Carlo moves only), the loss, where the chain starts, the Monte Carlo updates between the
 * flows, and the optimisation of each stage.
 *
 * @param theory theory id ({@code phi4}, {@code u1} or {@code mixture2d})
 * @param theorySettings the theory's settings, with the annealed key at the schedule's first value
 * @param schedule the annealed coupling and its values p_0 ... p_K
 * @param flow flow id, or {@link #NO_FLOW} for Monte Carlo moves only
 * @param flowSettings the flow's settings (empty for {@link #NO_FLOW})
 * @param loss {@code rkl} or {@code pathgrad}
 * @param base where the chain starts
 * @param stepsPerStage training steps of each stage's flow
 * @param batch batch size
 * @param learningRate Adam's learning rate
 * @param seed seed of every random number of the chain
 * @param hmcBetween Monte Carlo updates (HMC trajectories, or Metropolis sweeps where the target
 *     has no HMC) of every sample at each intermediate target; 0 for a plain chain of flows
 * @param warmStart whether each stage's flow starts from the previous stage's parameters
 * @param samples evaluation samples pushed along the chain (the estimates use these only)
 * @param pool training samples pushed along the chain (each stage trains on these)
 * @param device cpu, gpu or auto
 * @param precision float32 or float64
 */
public record ChainSpec(
        String theory,
        Settings theorySettings,
        Schedule schedule,
        String flow,
        Settings flowSettings,
        String loss,
        Base base,
        int stepsPerStage,
        int batch,
        double learningRate,
        long seed,
        int hmcBetween,
        boolean warmStart,
        int samples,
        int pool,
        DeviceChoice device,
        Precision precision) {

    /** The flow id of a chain without flows: annealed importance sampling with Monte Carlo moves. */
    public static final String NO_FLOW = "none";

    /** Where a chain starts. */
    public enum Base {
        /** Samples of the first target, by HMC (or an exact sampler where the target has one). */
        HMC,
        /** The flow's prior (normalised), so that log Z is absolute at every stage. */
        PRIOR;

        /**
         * Parses {@code hmc} or {@code prior}.
         *
         * @param text the text
         * @return the base
         */
        public static Base parse(String text) {
            for (Base b : values()) {
                if (b.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return b;
                }
            }
            throw new IllegalArgumentException("base must be hmc or prior, got '" + text + "'");
        }

        /**
         * The lower-case name used on the command line and in links.
         *
         * @return {@code hmc} or {@code prior}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The couplings a chain may anneal, per theory. */
    public static final Map<String, List<String>> ANNEALABLE = Map.of(
            "phi4", List.of("m2", "lambda"),
            "u1", List.of("beta"),
            "mixture2d", List.of("mu"));

    /** The losses a stage may train with. */
    public static final List<String> LOSSES = List.of("rkl", "pathgrad");

    /**
     * Validates raw values and builds the spec.
     *
     * @param theory theory id
     * @param theoryValues raw theory values; exactly one of them (or {@code schedule}) is annealed
     * @param schedule the annealed coupling
     * @param flow flow id or {@link #NO_FLOW}
     * @param flowValues raw flow values
     * @param loss rkl or pathgrad
     * @param base where the chain starts
     * @param stepsPerStage training steps per stage
     * @param batch batch size
     * @param learningRate learning rate
     * @param seed seed
     * @param hmcBetween Monte Carlo updates per sample at each intermediate target
     * @param warmStart start each stage from the previous stage's parameters
     * @param samples evaluation samples
     * @param pool training samples
     * @param device device
     * @param precision precision
     * @return the spec
     * @throws IllegalArgumentException with a one-line message naming the problem
     */
    public static ChainSpec create(
            String theory,
            Map<String, String> theoryValues,
            Schedule schedule,
            String flow,
            Map<String, String> flowValues,
            String loss,
            Base base,
            int stepsPerStage,
            int batch,
            double learningRate,
            long seed,
            int hmcBetween,
            boolean warmStart,
            int samples,
            int pool,
            DeviceChoice device,
            Precision precision) {
        TheoryKind t = Catalog.theory(theory);
        List<String> keys = ANNEALABLE.get(t.id());
        if (keys == null) {
            throw new IllegalArgumentException(
                    "chains of flows anneal phi4 (m2 or lambda), u1 (beta) or mixture2d (mu), not " + t.id());
        }
        if (!keys.contains(schedule.key())) {
            throw new IllegalArgumentException(
                    "for " + t.id() + " a chain anneals " + String.join(" or ", keys) + ", not " + schedule.key());
        }
        Map<String, String> raw = new LinkedHashMap<>(theoryValues);
        raw.put(schedule.key(), Schedule.format(schedule.value(0)));
        Settings ts = t.settings(raw);
        if ("mixture2d".equals(t.id()) && !"pair".equals(ts.text("mixture"))) {
            throw new IllegalArgumentException(
                    "mixture2d anneals the separation mu of the pair mixture; set mixture=pair");
        }
        if (!LOSSES.contains(loss)) {
            throw new IllegalArgumentException("a stage trains with loss rkl or pathgrad, not " + loss);
        }
        if (base == Base.HMC && schedule.size() < 2) {
            throw new IllegalArgumentException(schedule.key()
                    + ": a chain from HMC samples needs at least two values, e.g. " + schedule.key() + "=0:-0.5:6");
        }
        check(hmcBetween >= 0 && hmcBetween <= 10_000, "hmcBetween must be between 0 and 10000, got " + hmcBetween);
        check(batch >= 2 && batch <= 65_536, "batch must be between 2 and 65536, got " + batch);
        check(
                learningRate > 0 && Double.isFinite(learningRate),
                "the learning rate must be a positive number, got " + learningRate);
        check(samples >= 64 && samples <= 1_000_000, "samples must be between 64 and 1000000, got " + samples);
        check(pool >= 2 && pool <= 1_000_000, "pool must be between 2 and 1000000, got " + pool);
        String flowId;
        Settings fs;
        if (NO_FLOW.equalsIgnoreCase(flow)) {
            flowId = NO_FLOW;
            if (!flowValues.isEmpty()) {
                throw new IllegalArgumentException("flow none takes no flow parameters, got " + flowValues.keySet());
            }
            fs = Settings.of(List.of(), Map.of(), "no flow");
        } else {
            check(
                    stepsPerStage >= 1 && stepsPerStage <= 10_000_000,
                    "stepsPerStage must be between 1 and 10000000, got " + stepsPerStage);
            FlowKind f = Catalog.flow(flow);
            if (!f.supports(t.id())) {
                throw new IllegalArgumentException("flow " + f.id() + " cannot model theory " + t.id() + "; for "
                        + t.id()
                        + " choose "
                        + Catalog.flowsFor(t.id()).stream().map(Kind::id).collect(Collectors.joining(", "))
                        + " or " + NO_FLOW);
            }
            flowId = f.id();
            fs = f.settings(flowValues);
            Target first = t.create(ts);
            fs = f.resolve(first, fs);
        }
        ChainSpec spec = new ChainSpec(
                t.id(),
                ts,
                schedule,
                flowId,
                fs,
                loss,
                base,
                stepsPerStage,
                batch,
                learningRate,
                seed,
                hmcBetween,
                warmStart,
                samples,
                pool,
                device,
                precision);
        for (int k = 0; k < schedule.size(); k++) {
            Target target;
            try {
                target = spec.target(k);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        schedule.key() + "=" + Schedule.format(schedule.value(k)) + ": " + e.getMessage(), e);
            }
            if (spec.hasFlows()) {
                spec.flowKind().check(target, fs);
            }
        }
        return spec;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Whether the chain trains flows (false for Monte Carlo moves only).
     *
     * @return true with a flow family
     */
    public boolean hasFlows() {
        return !NO_FLOW.equals(flow);
    }

    /**
     * The theory kind.
     *
     * @return the kind
     */
    public TheoryKind theoryKind() {
        return Catalog.theory(theory);
    }

    /**
     * The flow kind.
     *
     * @return the kind
     * @throws IllegalStateException for a chain without flows
     */
    public FlowKind flowKind() {
        if (!hasFlows()) {
            throw new IllegalStateException("this chain has no flows");
        }
        return Catalog.flow(flow);
    }

    /**
     * The settings of target k.
     *
     * @param k the index in the schedule
     * @return the theory settings with the annealed key at value k
     */
    public Settings targetSettings(int k) {
        TheoryKind t = theoryKind();
        return theorySettings.with(t.params(), schedule.key(), Schedule.format(schedule.value(k)), t.title());
    }

    /**
     * Target k of the schedule.
     *
     * @param k the index
     * @return the target
     */
    public Target target(int k) {
        return theoryKind().create(targetSettings(k));
    }

    /**
     * The number of flows the chain trains (or the number of annealing steps without flows):
     * K from the first target's samples, K + 1 from the prior.
     *
     * @return the number of stages that move the samples
     */
    public int moves() {
        return base == Base.HMC ? schedule.size() - 1 : schedule.size();
    }

    /**
     * The total number of training steps.
     *
     * @return moves times steps per stage (0 without flows)
     */
    public long trainingSteps() {
        return hasFlows() ? (long) moves() * stepsPerStage : 0;
    }

    /**
     * A copy with another start, schedule, flow and Monte Carlo updates (for comparisons).
     *
     * @param newBase the start
     * @param newSchedule the schedule
     * @param newFlow a flow id (its settings are kept if it is this chain's flow) or {@link #NO_FLOW}
     * @param newSteps steps per stage
     * @param newHmcBetween Monte Carlo updates between the flows
     * @return the copy
     */
    public ChainSpec variant(Base newBase, Schedule newSchedule, String newFlow, int newSteps, int newHmcBetween) {
        Settings fs = NO_FLOW.equals(newFlow) ? Settings.of(List.of(), Map.of(), "no flow") : flowSettings;
        if (!NO_FLOW.equals(newFlow) && !newFlow.equals(flow)) {
            throw new IllegalArgumentException("a variant keeps the chain's flow or drops it");
        }
        Settings ts = theorySettings.with(
                theoryKind().params(),
                newSchedule.key(),
                Schedule.format(newSchedule.value(0)),
                theoryKind().title());
        return new ChainSpec(
                theory,
                ts,
                newSchedule,
                newFlow,
                fs,
                loss,
                newBase,
                newSteps,
                batch,
                learningRate,
                seed,
                newHmcBetween,
                warmStart,
                samples,
                pool,
                device,
                precision);
    }

    /**
     * One line describing the chain.
     *
     * @return the description
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(theoryKind().describe(theorySettings) + ", " + schedule.key() + " = " + schedule.text());
        parts.add(
                hasFlows()
                        ? flowKind().describe(flowSettings) + ", " + loss + ", " + stepsPerStage + " steps per stage"
                        : "no flows (annealed importance sampling)");
        parts.add(hmcBetween > 0 ? hmcBetween + " Monte Carlo updates between stages" : "no updates between stages");
        parts.add("from " + (base == Base.HMC ? "HMC samples of the first target" : "the prior"));
        parts.add(samples + " samples, seed " + seed);
        return String.join(" | ", parts);
    }
}
