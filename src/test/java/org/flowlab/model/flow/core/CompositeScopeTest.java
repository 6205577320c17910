package org.flowlab.model.flow.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.coupling.RealNvp;
import org.junit.jupiter.api.Test;

/**
 * Without gradient recording a chain of layers keeps only its results: each layer's temporaries
 * are freed after the layer, and the numbers are those of the recorded pass.
 */
class CompositeScopeTest {

    private static final int L = 6;

    @Test
    void unrecordedPassKeepsOnlyItsResultsAndGivesTheRecordedNumbers() {
        RealNvp.Config config = new RealNvp.Config(8, 8, 2, 3, true);
        try (FlowModel flow = RealNvp.model(L, config, Device.cpu(), DataType.FLOAT64, 3);
                NDManager base = Compute.newManager(Device.cpu())) {
            double[] z0 = new double[16 * L * L];
            SplittableRandom rng = new SplittableRandom(5);
            for (int i = 0; i < z0.length; i++) {
                z0[i] = rng.nextGaussian();
            }
            // given: the same latent batch, pushed once with recording and once without
            double[] recordedX;
            double[] recordedLogDet;
            boolean before = Compute.isGradientRecording();
            Compute.setGradientRecording(true);
            try (NDManager scope = base.newSubManager()) {
                Transformed t = flow.transform().forward(scope.create(z0, new Shape(16, L, L)));
                recordedX = Tensors.toDoubles(t.value());
                recordedLogDet = Tensors.toDoubles(t.logDet());
            } finally {
                Compute.setGradientRecording(before);
            }
            Compute.setGradientRecording(false);
            try (NDManager scope = base.newSubManager()) {
                NDArray z = scope.create(z0, new Shape(16, L, L));
                Transformed t = flow.transform().forward(z);
                Transformed back = flow.transform().inverse(t.value());
                // then: the same numbers
                assertArrayEquals(recordedX, Tensors.toDoubles(t.value()), 1e-12);
                assertArrayEquals(recordedLogDet, Tensors.toDoubles(t.logDet()), 1e-12);
                assertArrayEquals(z0, Tensors.toDoubles(back.value()), 1e-9);
                // and: the input, the results and the running log-det sums stay (three arrays
                // per layer); every layer's network temporaries (dozens each) are gone
                int held = scope.getManagedArrays().size();
                int layers = config.layers();
                assertTrue(held <= 8 * layers, "arrays still held after two passes: " + held);
            } finally {
                Compute.setGradientRecording(before);
            }
        }
    }
}
