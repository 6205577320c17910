package org.flowlab.model.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * Constant factors in differentiated expressions must survive until the backward pass. With
 * DJL's {@code x.mul(3.0)} in place of {@link Tensors#scale} this test fails at random: after a
 * garbage collection the gradient read back is whatever the freed buffer holds (values such as
 * 7e-310 were seen on this machine).
 */
class TensorsScaleTest {

    @Test
    void scaledGradientSurvivesOtherAllocationsAndGarbageCollection() {
        try (NDManager manager = Compute.newManager(Device.cpu())) {
            for (int repeat = 0; repeat < 20; repeat++) {
                try (NDManager step = manager.newSubManager();
                        GradientCollector gc = Compute.engine().newGradientCollector()) {
                    // given
                    NDArray x = step.create(new double[] {1.0, -2.0, 0.5}, new Shape(3));
                    x.setRequiresGradient(true);
                    NDArray y = Tensors.scale(x, 3.0).sum();
                    // when: other constants come and go, and the collector runs
                    for (int i = 0; i < 200; i++) {
                        try (NDArray other = step.create(7.0 + i)) {
                            other.add(1);
                        }
                    }
                    System.gc();
                    gc.backward(y);
                    // then
                    NDArray g = x.getGradient();
                    g.attach(step);
                    for (double v : Tensors.toDoubles(g)) {
                        assertEquals(3.0, v, 0.0);
                    }
                }
            }
        }
    }
}
