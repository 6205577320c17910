package org.flowlab.model.scan;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.spec.Experiment;

/**
 * One point of the U(1) freezing comparison by either sampler: HMC (plain Java, any thread) or
 * flow MCMC with a trained flow (tensor work: the caller's engine thread).
 */
public final class FreezingScan {

    /** Flow proposals per forward pass. */
    public static final int FLOW_BATCH = 500;

    private FreezingScan() {}

    /**
     * HMC at one coupling (hot start, {@link U1Chains#STEP_SIZE} x {@link U1Chains#LEAPFROG}
     * with random lengths).
     *
     * @param size L
     * @param beta the coupling
     * @param n measured trajectories
     * @param thermalisation discarded trajectories
     * @param seed the seed
     * @param cancelled polled between trajectories (may be null)
     * @return the point
     */
    public static FreezingPoint hmc(
            int size, double beta, int n, int thermalisation, long seed, BooleanSupplier cancelled) {
        U1GaugeTheory theory = new U1GaugeTheory(size, beta);
        return FreezingPoint.of(
                beta,
                "hmc",
                U1Chains.hmc(theory, n, thermalisation, seed, null, cancelled),
                U1Exact.onLattice(size, beta));
    }

    /**
     * Flow MCMC with an open U(1) experiment.
     *
     * @param e the experiment (its target must be U(1))
     * @param n proposals
     * @param seed the seed
     * @param cancelled polled between batches (may be null)
     * @return the point
     */
    public static FreezingPoint flow(Experiment e, int n, long seed, BooleanSupplier cancelled) {
        if (!(e.target() instanceof U1GaugeTheory theory)) {
            throw new IllegalArgumentException("flow MCMC for the freezing scan needs a U(1) run, not "
                    + e.spec().theory());
        }
        try (NDManager manager = Compute.newManager(e.flow().parameters().device())) {
            return FreezingPoint.of(
                    theory.beta(),
                    "flow",
                    U1Chains.flow(e.flow(), theory, n, FLOW_BATCH, manager, seed, cancelled),
                    U1Exact.onLattice(theory.size(), theory.beta()));
        }
    }

    /**
     * Flow MCMC with a shipped pre-trained flow.
     *
     * @param flow the shipped flow
     * @param n proposals
     * @param seed the seed
     * @param cancelled polled between batches (may be null)
     * @return the point
     * @throws IOException when the flow's files cannot be read
     */
    public static FreezingPoint shipped(GaugeFlows.Shipped flow, int n, long seed, BooleanSupplier cancelled)
            throws IOException {
        try (Experiment e = GaugeFlows.open(flow, DeviceChoice.AUTO)) {
            return flow(e, n, seed, cancelled);
        }
    }
}
