package org.flowlab.model.bench;

import java.util.List;

/**
 * The standard workloads of {@code flowlab bench}, in report order:
 *
 * <ol>
 *   <li>{@link Phi4RealNvpTraining}: the tutorial RealNVP reverse-KL training step;
 *   <li>the U(1) gauge-equivariant flow at the tutorial size (absent until it exists);
 *   <li>{@link Phi4Hmc}: phi^4 HMC trajectories;
 *   <li>one continuous-flow training step (absent until it exists).
 * </ol>
 *
 * <p>To add a workload, implement {@link Workload} and replace its placeholder here.
 */
public final class Benchmarks {

    private Benchmarks() {}

    /**
     * The standard workloads.
     *
     * @return the list, in report order
     */
    public static List<Workload> standard() {
        return List.of(
                new Phi4RealNvpTraining(),
                Workload.absent(
                        "u1_gauge_flow",
                        "U(1) gauge-equivariant flow training step at the tutorial size",
                        "the U(1) gauge-equivariant flow is not implemented yet"),
                new Phi4Hmc(),
                Workload.absent(
                        "continuous_flow",
                        "one continuous-flow (neural ODE) training step",
                        "continuous flows are not implemented yet"));
    }
}
