package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A chain of bijections f = f_n o ... o f_1: the log-determinants add, and the inverse runs the
 * inverses in reverse order.
 */
public final class Composite implements Bijection {

    private final List<Bijection> layers;

    /**
     * Creates the chain; {@code layers.get(0)} is applied first.
     *
     * @param layers the layers, at least one
     */
    public Composite(List<? extends Bijection> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a composite bijection needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    /**
     * The layers in application order.
     *
     * @return an unmodifiable list
     */
    public List<Bijection> layers() {
        return layers;
    }

    @Override
    public Transformed forward(NDArray z) {
        NDArray x = z;
        NDArray logDet = null;
        for (Bijection layer : layers) {
            Transformed t = layer.forward(x);
            x = t.value();
            logDet = logDet == null ? t.logDet() : logDet.add(t.logDet());
        }
        return new Transformed(x, logDet);
    }

    @Override
    public Transformed inverse(NDArray x) {
        NDArray z = x;
        NDArray logDet = null;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Transformed t = layers.get(i).inverse(z);
            z = t.value();
            logDet = logDet == null ? t.logDet() : logDet.add(t.logDet());
        }
        return new Transformed(z, logDet);
    }
}
