package org.flowlab.model.bench;

import java.util.List;
import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingConfig;

/**
 * The standard workloads of {@code flowlab bench}, in report order:
 *
 * <ol>
 *   <li>{@link Phi4RealNvpTraining}: the tutorial RealNVP reverse-KL training step;
 *   <li>the U(1) gauge-equivariant flow at the tutorial size;
 *   <li>{@link Phi4Hmc}: phi^4 HMC trajectories;
 *   <li>one continuous-flow training step (phi^4 L = 8, RK4 with 10 steps).
 * </ol>
 *
 * <p>{@code bench --L} runs all of them on a larger lattice, with the same networks. To add a
 * workload, implement {@link Workload} and list it here.
 */
public final class Benchmarks {

    /** The lattice size L of the standard workloads (the tutorial's). */
    public static final int STANDARD_LATTICE = 8;

    private Benchmarks() {}

    /**
     * The standard workloads on an L x L lattice.
     *
     * @param lattice L
     * @return the list, in report order
     */
    public static List<Workload> standard(int lattice) {
        List<TrainingWorkload> training = training(lattice);
        return List.of(training.get(0), training.get(1), new Phi4Hmc(lattice), training.get(2));
    }

    /**
     * The training workloads (those that {@code bench --memory} checks), in report order.
     *
     * @param lattice L
     * @return phi^4 RealNVP, U(1) gauge flow, continuous flow
     */
    public static List<TrainingWorkload> training(int lattice) {
        String l = Integer.toString(lattice);
        return List.of(
                Phi4RealNvpTraining.workload(lattice),
                new TrainingWorkload(
                        "u1_gauge_flow",
                        "U(1) L=" + l + " beta=2 gauge-equivariant flow, 16 couplings, CNN 2-8-8-24 k3, 8-bin circular "
                                + "splines, reverse KL, batch 64, Adam 1e-3, float32, CPU",
                        steps -> spec("u1", Map.of("L", l, "beta", "2"), "gauge", Map.of(), steps),
                        10,
                        60),
                new TrainingWorkload(
                        "continuous_flow",
                        "phi^4 L=" + l
                                + " (m^2=-0.5, lambda=4.5) continuous flow, equivariant velocity with 4 features, "
                                + "RK4 with 10 steps, back-propagation, reverse KL, batch 64, Adam 1e-3, float32, CPU",
                        steps -> spec(
                                "phi4",
                                Map.of("L", l, "m2", "-0.5", "lambda", "4.5"),
                                "cnf",
                                Map.of(
                                        "velocity",
                                        "equivariant",
                                        "integrator",
                                        "rk4",
                                        "odeSteps",
                                        "10",
                                        "grad",
                                        "backprop",
                                        "features",
                                        "4"),
                                steps),
                        10,
                        60));
    }

    private static RunSpec spec(
            String theory, Map<String, String> theoryValues, String flow, Map<String, String> flowValues, int steps) {
        return RunSpec.create(
                theory,
                theoryValues,
                flow,
                flowValues,
                "rkl",
                Map.of(),
                new TrainingConfig(steps, 64, 1e-3, 1),
                DeviceChoice.CPU,
                Precision.FLOAT32);
    }
}
