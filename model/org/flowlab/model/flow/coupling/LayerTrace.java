package org.flowlab.model.flow.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.lattice.Target;

/**
 * One prior sample followed through a RealNVP flow layer by layer: the field after each
 * affine coupling, each layer's log-determinant log J_i = sum over the updated sites of s_i, and
 * their running sum, which ends at the flow's log|det J|, so that
 *
 * <pre>
 * log q(x) = log r(z) - sum_i log J_i,     x = f_n(... f_1(z))
 * </pre>
 *
 * @param size lattice size L
 * @param prior the prior sample z, row-major, L * L values
 * @param fields the field after each layer (fields.get(i) after layer i + 1)
 * @param parities the checkerboard colour each layer freezes (see {@link Masks#checkerboard})
 * @param logDets log J of each layer
 * @param logR log r(z), the prior density of the sample
 * @param logQ log q(x) computed by the whole flow at once (for comparison)
 * @param action S(x) of the final field
 */
public record LayerTrace(
        int size,
        double[] prior,
        List<double[]> fields,
        int[] parities,
        double[] logDets,
        double logR,
        double logQ,
        double action) {

    /**
     * The running log-determinant after each layer.
     *
     * @return running sums, one per layer
     */
    public double[] runningLogDet() {
        double[] out = new double[logDets.length];
        double sum = 0;
        for (int i = 0; i < logDets.length; i++) {
            sum += logDets[i];
            out[i] = sum;
        }
        return out;
    }

    /**
     * log r(z) minus the running log-determinant: the model log density after all layers, as
     * built up layer by layer (equals {@link #logQ()} up to rounding).
     *
     * @return log r - sum log J
     */
    public double logQFromLayers() {
        double[] running = runningLogDet();
        return logR - (running.length == 0 ? 0 : running[running.length - 1]);
    }

    /**
     * Follows a prior sample through a RealNVP flow. Draws no gradients; call outside a gradient
     * collector (on the training thread when the flow is being trained).
     *
     * @param flow a flow whose transform is a {@link RealNvp}
     * @param target the target (for the action of the final field)
     * @param seed seed of the prior sample
     * @return the trace
     * @throws IllegalArgumentException when the flow is not a RealNVP
     */
    public static LayerTrace of(FlowModel flow, Target target, long seed) {
        if (!(flow.transform() instanceof RealNvp nvp)) {
            throw new IllegalArgumentException("the layer-by-layer view needs a RealNVP flow");
        }
        int size = nvp.size();
        try (NDManager scope = Compute.newManager(flow.parameters().device())) {
            NDArray z = flow.prior()
                    .sample(
                            scope,
                            1,
                            new SplittableRandom(seed),
                            flow.parameters().dataType());
            FlowSample whole = flow.push(z);
            NDArray x = z.reshape(new Shape(1, 1, size, size));
            List<double[]> fields = new ArrayList<>();
            List<Bijection> layers = nvp.layers();
            double[] logDets = new double[layers.size()];
            int[] parities = new int[layers.size()];
            for (int i = 0; i < layers.size(); i++) {
                Bijection layer = layers.get(i);
                Transformed t = layer.forward(x);
                x = t.value();
                fields.add(Tensors.toDoubles(x));
                logDets[i] = Tensors.toDoubles(t.logDet())[0];
                parities[i] = layer instanceof AffineCoupling a ? a.parity() : i % 2;
            }
            double logR = Tensors.toDoubles(flow.prior().logProb(z))[0];
            double logQ = Tensors.toDoubles(whole.logQ())[0];
            double action = Tensors.toDoubles(target.action(whole.x()))[0];
            return new LayerTrace(
                    size, Tensors.toDoubles(z), List.copyOf(fields), parities, logDets, logR, logQ, action);
        }
    }
}
