package org.flowlab.model.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.spec.Experiment;
import org.junit.jupiter.api.Test;

/** The pre-trained U(1) flows shipped under assets/pretrained load and reach their stated acceptance. */
class PretrainedFlowsTest {

    @Test
    void theLadderCoversBetaOneToSixOnEightByEight() {
        List<GaugeFlows.Shipped> flows = GaugeFlows.shipped();
        assertEquals(6, flows.size(), flows.toString());
        for (int i = 0; i < flows.size(); i++) {
            assertEquals(8, flows.get(i).size());
            assertEquals(i + 1, flows.get(i).beta());
        }
    }

    @Test
    void eachFlowLoadsAndReachesItsStatedAcceptance() throws Exception {
        for (GaugeFlows.Shipped f : GaugeFlows.shipped()) {
            try (Experiment e = GaugeFlows.open(f, DeviceChoice.CPU)) {
                // the shipped recipe, so that the README's command reproduces it
                assertEquals(GaugeFlows.FLOW_SETTINGS, e.spec().flowSettings().asMap(), f.directory());
                assertEquals(GaugeFlows.BATCH, e.spec().training().batch(), f.directory());
                // 1024 proposals: the acceptance scatters by about 0.02 around the value stated for 4096
                FreezingPoint p = FreezingScan.flow(e, 1024, f.seed(), null);
                assertEquals(f.acceptance(), p.acceptance(), 0.06, f.directory());
                assertTrue(p.acceptance() > 0.02, f.directory() + ": " + p.acceptance());
            }
        }
    }
}
