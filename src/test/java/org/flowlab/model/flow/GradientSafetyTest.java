package org.flowlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.circle.CircleFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.gauge.GaugeEquivariantFlow;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.testing.DirectMemory;
import org.junit.jupiter.api.Test;

/**
 * Gradients of the compact flows and their targets must not depend on what happens to freed
 * Java memory between the forward and the backward pass (a multiplication by a plain number
 * in DJL's PyTorch engine leaves autograd pointing into a released direct buffer; see
 * {@link Tensors#constant}).
 */
class GradientSafetyTest {

    /** The gradient of every parameter, flattened; optionally with freed memory overwritten before backward. */
    private static double[] gradient(
            FlowModel flow, Function<NDManager, NDArray> loss, NDManager manager, boolean overwrite) {
        try (NDManager step = manager.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            gc.zeroGradients();
            NDArray l = loss.apply(step);
            List<ByteBuffer> keep = overwrite ? DirectMemory.collectAndOverwrite() : List.of();
            gc.backward(l);
            // the overwriting buffers must stay allocated until the backward pass has run
            Reference.reachabilityFence(keep);
            List<Double> out = new ArrayList<>();
            for (NDArray p : flow.parameters().parameters().values()) {
                NDArray g = p.getGradient();
                g.attach(step);
                for (double v : Tensors.toDoubles(g)) {
                    out.add(v);
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static void assertSameGradient(FlowModel flow, Target target, NDArray data) {
        try (NDManager manager = Compute.newManager(Device.cpu())) {
            NDArray z = flow.prior().sample(manager, 32, new SplittableRandom(1), DataType.FLOAT64);
            // reverse KL through the forward map and the action, forward KL through the inverse
            Function<NDManager, NDArray> loss = step -> {
                FlowSample s = flow.push(z);
                return s.logQ()
                        .add(target.action(s.x()))
                        .mean()
                        .sub(flow.logQ(data).mean());
            };
            // given
            double[] clean = gradient(flow, loss, manager, false);
            for (int round = 0; round < 3; round++) {
                // when
                double[] afterReuse = gradient(flow, loss, manager, true);
                // then
                double norm = 0;
                for (int i = 0; i < clean.length; i++) {
                    assertEquals(
                            clean[i],
                            afterReuse[i],
                            1e-9 * (1 + Math.abs(clean[i])),
                            "gradient entry " + i + " in round " + round);
                    norm += clean[i] * clean[i];
                }
                assertTrue(norm > 0);
            }
        }
    }

    @Test
    void gaugeFlowGradientsDoNotReadFreedMemory() {
        // given: a 4-layer gauge flow and the U(1) action on the 4 x 4 torus
        U1GaugeTheory theory = new U1GaugeTheory(4, 2);
        try (FlowModel flow = GaugeEquivariantFlow.model(
                        4, new GaugeEquivariantFlow.Config(4, 4, 1, 3, 4), Device.cpu(), DataType.FLOAT64, 3);
                NDManager data = Compute.newManager(Device.cpu())) {
            NDArray x = flow.prior().sample(data, 16, new SplittableRandom(2), DataType.FLOAT64);
            assertSameGradient(flow, theory, x);
        }
    }

    @Test
    void circleFlowGradientsDoNotReadFreedMemory() {
        // given: the circle flow and the von Mises action
        VonMises target = new VonMises(2, 0.5);
        try (FlowModel flow =
                        CircleFlow.model(new Shape(1), new CircleFlow.Config(2, 6), Device.cpu(), DataType.FLOAT64, 3);
                NDManager data = Compute.newManager(Device.cpu())) {
            NDArray x = data.create(target.sample(64, new SplittableRandom(2)), new Shape(64, 1));
            assertSameGradient(flow, target, x);
        }
    }
}
