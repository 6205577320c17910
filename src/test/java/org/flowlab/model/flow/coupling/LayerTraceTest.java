package org.flowlab.model.flow.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Phi4Theory;
import org.junit.jupiter.api.Test;

class LayerTraceTest {

    @Test
    void theLayersAddUpToTheFlowAndUpdateOneColourEach() {
        // given: a float64 RealNVP with random weights (no tanh, so the scales are not small)
        Phi4Theory theory = new Phi4Theory(4, -0.5, 1.5);
        try (FlowModel flow =
                RealNvp.model(4, new RealNvp.Config(4, 4, 1, 3, false), Device.cpu(), DataType.FLOAT64, 7)) {
            // when
            LayerTrace t = LayerTrace.of(flow, theory, 3);
            // then: one field per layer, log q rebuilt from the layers, and the action of the last field
            assertEquals(4, t.fields().size());
            assertEquals(t.logQ(), t.logQFromLayers(), 1e-10);
            assertEquals(theory.action(t.fields().get(3)), t.action(), 1e-10);
            assertArrayEquals(new int[] {0, 1, 0, 1}, t.parities());
            double[] before = t.prior();
            for (int layer = 0; layer < 4; layer++) {
                double[] frozen = Masks.checkerboard(4, t.parities()[layer]);
                double[] after = t.fields().get(layer);
                for (int site = 0; site < 16; site++) {
                    if (frozen[site] == 1) {
                        assertEquals(before[site], after[site], 0.0, "frozen site " + site + " of layer " + layer);
                    }
                }
                before = after;
            }
            // and the same seed gives the same sample
            assertArrayEquals(t.prior(), LayerTrace.of(flow, theory, 3).prior(), 0.0);
        }
    }

    @Test
    void onlyRealNvpFlowsCanBeTraced() {
        try (FlowModel flow = Affine2d.model(Device.cpu(), DataType.FLOAT64, 1)) {
            assertThrows(IllegalArgumentException.class, () -> LayerTrace.of(flow, new Phi4Theory(4, 1, 0), 1));
        }
    }
}
