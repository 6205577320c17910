package org.flowlab.model.flow.gauge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.junit.jupiter.api.Test;

class GaugeCheckTest {

    @Test
    void logQIsUnchangedWhileEveryLinkMoves() {
        // given: a float64 gauge-equivariant flow with random weights
        U1GaugeTheory theory = new U1GaugeTheory(4, 2);
        try (FlowModel flow = GaugeEquivariantFlow.model(
                4, new GaugeEquivariantFlow.Config(4, 4, 1, 3, 4), Device.cpu(), DataType.FLOAT64, 3)) {
            for (long seed = 1; seed <= 3; seed++) {
                // when
                GaugeCheck c = GaugeCheck.run(flow, theory, seed);
                // then
                assertEquals(c.logQ(), c.logQTransformed(), 1e-9, "log q, seed " + seed);
                assertEquals(c.action(), c.actionTransformed(), 1e-9);
                assertEquals(c.topCharge(), c.topChargeTransformed());
                assertTrue(c.maxPlaquetteChange() < 1e-9, "plaquettes " + c.maxPlaquetteChange());
                assertTrue(c.maxLinkChange() > 1, "links " + c.maxLinkChange());
            }
        }
    }

    @Test
    void theCheckCanFailForADensityThatIsNotInvariant() {
        // given: the same configurations, with log q replaced by a non-invariant function of
        // the links (the sum of cos of the first link direction)
        U1GaugeTheory theory = new U1GaugeTheory(4, 2);
        try (FlowModel flow = GaugeEquivariantFlow.model(
                4, new GaugeEquivariantFlow.Config(2, 4, 1, 3, 4), Device.cpu(), DataType.FLOAT64, 3)) {
            GaugeCheck c = GaugeCheck.run(flow, theory, 1);
            double before = 0;
            double after = 0;
            for (int i = 0; i < 16; i++) {
                before += Math.cos(c.linksBefore()[i]);
                after += Math.cos(c.linksAfter()[i]);
            }
            // then: the random transformation is large enough to show the difference
            assertTrue(Math.abs(before - after) > 0.1, before + " vs " + after);
        }
    }
}
