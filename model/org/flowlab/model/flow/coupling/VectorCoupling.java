package org.flowlab.model.flow.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.flow.nn.Mlp;

/**
 * Affine coupling for vectors (RealNVP, arXiv:1605.08803) with a fixed binary mask m and an MLP
 * conditioner:
 *
 * <pre>
 * x' = m x + (1 - m)(x e^{s(m x)} + t(m x)),   s = c tanh(s_raw / c),   log|det J| = sum (1 - m) s
 * </pre>
 *
 * The soft clamp c (3 here) keeps a single layer from stretching by more than e^3, which keeps
 * early training stable. Inputs have shape [batch, d].
 */
public final class VectorCoupling implements Bijection {

    private static final double CLAMP = 3.0;

    private final NDArray frozenMask;
    private final NDArray activeMask;
    private final Mlp net;
    private final int dimension;

    /**
     * Creates the layer.
     *
     * @param params the parameter set
     * @param name layer name
     * @param mask 1 for frozen coordinates, 0 for updated ones (length d)
     * @param hidden hidden widths of the conditioner
     * @param rng initial weights
     */
    public VectorCoupling(ParameterSet params, String name, double[] mask, int[] hidden, RandomGenerator rng) {
        this.dimension = mask.length;
        double[] active = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            active[i] = 1 - mask[i];
        }
        frozenMask = params.addBuffer(name + ".mask", new Shape(1, dimension), mask);
        activeMask = params.addBuffer(name + ".active", new Shape(1, dimension), active);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = dimension;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 2 * dimension;
        net = new Mlp(params, name + ".net", sizes, rng);
    }

    private NDArray[] scaleAndShift(NDArray frozen) {
        NDArray out = net.apply(frozen);
        NDArray raw = out.get(new NDIndex().addAllDim().addSliceDim(0, dimension));
        NDArray t = out.get(new NDIndex().addAllDim().addSliceDim(dimension, 2L * dimension));
        NDArray s = Tensors.scale(Tensors.scale(raw, 1.0 / CLAMP).tanh(), CLAMP);
        return new NDArray[] {s, t};
    }

    @Override
    public Transformed forward(NDArray x) {
        NDArray frozen = x.mul(frozenMask);
        NDArray[] st = scaleAndShift(frozen);
        NDArray updated = x.mul(st[0].exp()).add(st[1]).mul(activeMask);
        return new Transformed(frozen.add(updated), Tensors.sumPerSample(st[0].mul(activeMask)));
    }

    @Override
    public Transformed inverse(NDArray y) {
        NDArray frozen = y.mul(frozenMask);
        NDArray[] st = scaleAndShift(frozen);
        NDArray restored = y.sub(st[1]).mul(st[0].neg().exp()).mul(activeMask);
        return new Transformed(
                frozen.add(restored),
                Tensors.sumPerSample(st[0].mul(activeMask)).neg());
    }
}
