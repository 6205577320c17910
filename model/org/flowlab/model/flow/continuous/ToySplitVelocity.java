package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.flowlab.model.compute.Tensors;

/**
 * The hand-made velocity of Lecture 1 that splits one Gaussian into two peaks: it pushes points
 * away from the line x_0 = 0 (most strongly near it) and contracts x_1,
 *
 * <pre>
 * b(x) = (2 x_0 exp(-x_0^2 / 2), -x_1),     div b = 2 (1 - x_0^2) exp(-x_0^2 / 2) - 1
 * </pre>
 *
 * It has no parameters and does not depend on time. Pushed through it for t in [0, 1], a
 * standard normal becomes a two-peaked density; x_1 shrinks by e^{-t}. States have shape
 * [batch, 2].
 */
public final class ToySplitVelocity implements Velocity {

    private static final NDIndex FIRST = new NDIndex(":, 0:1");
    private static final NDIndex SECOND = new NDIndex(":, 1:2");

    @Override
    public Evaluation evaluate(NDArray x, double t) {
        NDArray x0 = x.get(FIRST);
        NDArray x1 = x.get(SECOND);
        NDArray bump = Tensors.scale(x0.square(), -0.5).exp();
        NDArray velocity = Tensors.scale(x0.mul(bump), 2).concat(x1.neg(), 1);
        NDArray divergence =
                Tensors.scale(x0.square().neg().add(1).mul(bump), 2).sub(1).reshape(-1);
        return new Evaluation(velocity, divergence);
    }
}
