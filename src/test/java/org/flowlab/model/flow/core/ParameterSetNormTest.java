package org.flowlab.model.flow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The norm over all parameters that the trainer checks after each update: the Euclidean norm of
 * every scalar together, and not finite as soon as one value is not.
 */
class ParameterSetNormTest {

    @Test
    void normOfAllScalarsTogether() {
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT32);
                NDManager scope = params.manager().newSubManager()) {
            params.add("a", new Shape(2, 2), new double[] {1, -2, 0.5, 3});
            params.add("b", new Shape(3), new double[] {4, 0, -1.5});
            params.addBuffer("mask", new Shape(2), new double[] {100, 100});
            // the buffer is not trained and does not count
            double expected = Math.sqrt(1 + 4 + 0.25 + 9 + 16 + 0 + 2.25);
            assertEquals(expected, params.norm(scope), 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void notFiniteWhenOneValueIsNot(double bad) {
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT32);
                NDManager scope = params.manager().newSubManager()) {
            params.add("a", new Shape(3), new double[] {1, 2, 3});
            params.add("b", new Shape(2), new double[] {4, bad});
            assertFalse(Double.isFinite(params.norm(scope)));
        }
    }

    @Test
    void noParametersHaveNormZero() {
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT64);
                NDManager scope = params.manager().newSubManager()) {
            assertEquals(0.0, params.norm(scope));
        }
    }
}
