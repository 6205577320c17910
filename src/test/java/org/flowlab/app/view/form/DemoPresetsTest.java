package org.flowlab.app.view.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.RunLink;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.spec.TheoryKind;
import org.flowlab.model.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;

class DemoPresetsTest {

    @Test
    void everyDemoPresetSetsTheWholeRunWhateverTheFormHeldBefore() {
        // a form left in an unusual state: another theory, a cosine rate, other training settings
        RunSpec odd = RunLink.parse(
                        "flowlab:lab?theory=phi4&L=6&batch=32&lr=0.02&schedule=cosine&steps=77&seed=9&device=auto")
                .spec();
        int presets = 0;
        for (TheoryKind theory : Catalog.theories()) {
            for (Map.Entry<String, Map<String, String>> p :
                    DemoPresets.forTheory(theory.id()).entrySet()) {
                presets++;
                RunSpec fromDefaults = SpecLinks.spec(p.getValue(), null);
                // then: it is a valid run of its theory, and the form's earlier state does not leak in
                assertEquals(theory.id(), fromDefaults.theory(), p.getKey());
                assertEquals(fromDefaults, SpecLinks.spec(p.getValue(), odd), p.getKey());
                // and it names every setting of the run (device and precision are the machine's)
                Set<String> named =
                        new HashSet<>(SpecLinks.parameters(fromDefaults).keySet());
                named.removeAll(Set.of("device", "precision"));
                named.removeAll(p.getValue().keySet());
                assertTrue(named.isEmpty(), p.getKey() + " leaves out " + named);
            }
        }
        assertTrue(presets >= 2);
    }

    @Test
    void theFiveMinuteU1PresetUsesTheCosineScheduleOnTheTutorialSizeFlow() {
        RunSpec spec = SpecLinks.spec(DemoPresets.forTheory("u1").get("L = 8 in five minutes (cosine lr)"), null);
        assertEquals(LearningRateSchedule.COSINE, spec.training().schedule());
        assertEquals("8", spec.theorySettings().text("L"));
        assertEquals("16", spec.flowSettings().text("layers"));
        assertFalse(DemoPresets.forTheory("phi4").containsKey("L = 8 in five minutes (cosine lr)"));
    }
}
