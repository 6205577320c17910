package org.flowlab.model.anneal;

import java.util.List;
import org.flowlab.model.lattice.HmcSystem;

/**
 * The four ways to reach the last target of a chain that the lectures compare at equal cost: one
 * flow from the prior, the chain of flows, the chain with Monte Carlo updates in between (a
 * stochastic normalizing flow), and annealing with the updates alone. All four start from the
 * normalised prior, so that each estimates the absolute log Z of the last target; the flows get
 * the same number of training steps in all, and every method pushes the same number of samples.
 */
public final class EqualCost {

    /** Monte Carlo updates between stages when the chain itself has none. */
    public static final int DEFAULT_UPDATES = 3;

    /**
     * One of the compared methods.
     *
     * @param id a stable identifier ({@code single}, {@code chain}, {@code snf}, {@code ais})
     * @param title its name in words
     * @param spec the chain that realises it
     */
    public record Method(String id, String title, ChainSpec spec) {}

    private EqualCost() {}

    /**
     * The four methods for a chain with flows.
     *
     * @param chain the chain (its schedule, flow, loss and optimisation)
     * @return one flow from the prior, the chain of flows, the chain with updates, updates only
     * @throws IllegalArgumentException for a chain without flows
     */
    public static List<Method> methods(ChainSpec chain) {
        if (!chain.hasFlows()) {
            throw new IllegalArgumentException("the comparison needs a flow family; choose one instead of none");
        }
        Schedule schedule = chain.schedule();
        int stages = schedule.size();
        long total = (long) chain.stepsPerStage() * stages;
        int updates = chain.hmcBetween() > 0 ? chain.hmcBetween() : DEFAULT_UPDATES;
        Schedule last = new Schedule(schedule.key(), new double[] {schedule.last()});
        int single = (int) Math.min(Integer.MAX_VALUE, total);
        String moves = chain.target(0) instanceof HmcSystem ? "HMC" : "Metropolis";
        return List.of(
                new Method(
                        "single",
                        "One flow from the prior",
                        chain.variant(ChainSpec.Base.PRIOR, last, chain.flow(), single, 0)),
                new Method(
                        "chain",
                        "Chain of flows",
                        chain.variant(ChainSpec.Base.PRIOR, schedule, chain.flow(), chain.stepsPerStage(), 0)),
                new Method(
                        "snf",
                        "Chain + " + updates + " " + moves + " updates",
                        chain.variant(ChainSpec.Base.PRIOR, schedule, chain.flow(), chain.stepsPerStage(), updates)),
                new Method(
                        "ais",
                        "Annealing with " + moves + " only",
                        chain.variant(ChainSpec.Base.PRIOR, schedule, ChainSpec.NO_FLOW, 0, updates)));
    }
}
