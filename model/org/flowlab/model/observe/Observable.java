package org.flowlab.model.observe;

import java.util.function.ToDoubleFunction;

/**
 * A named scalar measured on one configuration.
 *
 * @param name the name used in tables and JSON, such as {@code absM}
 * @param function the measurement
 */
public record Observable(String name, ToDoubleFunction<double[]> function) {

    /**
     * Measures the observable.
     *
     * @param x the configuration
     * @return its value
     */
    public double measure(double[] x) {
        return function.applyAsDouble(x);
    }
}
