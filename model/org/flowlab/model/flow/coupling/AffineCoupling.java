package org.flowlab.model.flow.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.flow.nn.ConvNet;

/**
 * Affine coupling layer (RealNVP, Dinh et al. arXiv:1605.08803) with a fixed mask m:
 *
 * <pre>
 * x' = m x + (1 - m) (x e^{s(m x)} + t(m x)),     log|det J| = sum (1 - m) s(m x)
 * </pre>
 *
 * <p>s and t are the two output channels of a {@link ConvNet} fed with the frozen sites; the
 * inverse is exact: x = m x' + (1 - m) (x' - t) e^{-s}. Inputs have shape [batch, 1, L, L].
 * Internally s and t are zeroed on the frozen sites first, which makes both directions one
 * multiply-add (the same numbers, bit for bit, with two operations fewer per layer).
 */
public final class AffineCoupling implements Bijection {

    private final NDArray frozenMask;
    private final NDArray activeMask;
    private final ConvNet net;
    private final int parity;

    /**
     * Creates the layer and registers its network's parameters.
     *
     * @param params the parameter set
     * @param name layer name, such as {@code coupling3}
     * @param size lattice size L (even)
     * @param parity which checkerboard colour is frozen (0 or 1)
     * @param hidden hidden channel counts of the network, e.g. {8, 8}
     * @param kernel odd kernel size
     * @param tanh whether the network output passes through tanh
     * @param rng initial weights
     */
    public AffineCoupling(
            ParameterSet params,
            String name,
            int size,
            int parity,
            int[] hidden,
            int kernel,
            boolean tanh,
            RandomGenerator rng) {
        this.parity = parity;
        double[] mask = Masks.checkerboard(size, parity);
        double[] active = new double[mask.length];
        for (int i = 0; i < mask.length; i++) {
            active[i] = 1 - mask[i];
        }
        Shape shape = new Shape(1, 1, size, size);
        this.frozenMask = params.addBuffer(name + ".mask", shape, mask);
        this.activeMask = params.addBuffer(name + ".active", shape, active);
        int[] channels = new int[hidden.length + 2];
        channels[0] = 1;
        System.arraycopy(hidden, 0, channels, 1, hidden.length);
        channels[channels.length - 1] = 2;
        this.net = new ConvNet(params, name + ".net", size, channels, kernel, tanh, rng);
    }

    /**
     * Which checkerboard colour the layer freezes: the sites with (t + x + parity) even keep
     * their values, the others are updated.
     *
     * @return 0 or 1
     */
    public int parity() {
        return parity;
    }

    /**
     * The network's s and t, set to zero on the frozen sites: s_a = (1 - m) s, t_a = (1 - m) t.
     *
     * <p>With them the coupling needs no further masking, x' = x e^{s_a} + t_a and
     * log|det J| = sum s_a: on the frozen sites e^0 = 1 and + 0 leave x unchanged exactly.
     */
    private NDArray[] maskedScaleAndShift(NDArray frozen) {
        Shape shape = frozen.getShape();
        // one channel: [batch, 1, L, L] and [1, batch, L, L] hold the same numbers in the same order
        NDArray st = net.apply(frozen.reshape(1, shape.get(0), shape.get(2), shape.get(3)))
                .mul(activeMask);
        return new NDArray[] {
            Tensors.narrow(st, 0, 0, 1).reshape(shape),
            Tensors.narrow(st, 0, 1, 2).reshape(shape)
        };
    }

    @Override
    public Transformed forward(NDArray x) {
        NDArray[] st = maskedScaleAndShift(x.mul(frozenMask));
        NDArray s = st[0];
        NDArray t = st[1];
        return new Transformed(x.mul(s.exp()).add(t), Tensors.sumPerSample(s));
    }

    @Override
    public Transformed inverse(NDArray y) {
        NDArray[] st = maskedScaleAndShift(y.mul(frozenMask));
        NDArray s = st[0];
        NDArray t = st[1];
        return new Transformed(
                y.sub(t).mul(s.neg().exp()), Tensors.sumPerSample(s).neg());
    }
}
