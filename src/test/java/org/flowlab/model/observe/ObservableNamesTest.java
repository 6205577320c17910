package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;
import org.junit.jupiter.api.Test;

/** Every observable key follows the one naming scheme; renamed keys keep their old names as aliases. */
class ObservableNamesTest {

    @Test
    void everyTheorysObservablesAndExactValuesFollowTheScheme() {
        for (TheoryKind kind : Catalog.theories()) {
            Settings s = kind.defaults();
            for (Observable o : kind.observables(kind.create(s))) {
                assertTrue(ObservableNames.SCHEME.matcher(o.name()).matches(), kind.id() + ": " + o.name());
            }
            for (String key : kind.exact(s).keySet()) {
                assertTrue(ObservableNames.SCHEME.matcher(key).matches(), kind.id() + " exact: " + key);
            }
        }
        assertTrue(ObservableNames.SCHEME.matcher("wilson_1x2").matches());
        assertTrue(!ObservableNames.SCHEME.matcher("topCharge").matches()
                && !ObservableNames.SCHEME.matcher("Q2").matches()
                && !ObservableNames.SCHEME.matcher("_x").matches());
    }

    @Test
    void legacyAliasesFollowTheirKeyWithTheSameValue() {
        Map<String, Integer> in = new LinkedHashMap<>();
        in.put(U1Observables.PLAQUETTE, 1);
        in.put(U1Observables.TOP_CHARGE, 2);
        in.put(U1Observables.TOP_CHARGE_SQUARED, 3);
        Map<String, Integer> out = ObservableNames.withLegacyAliases(in);
        assertEquals(
                List.of("plaquette", "top_charge", "topCharge", "top_charge_squared", "Q2"), List.copyOf(out.keySet()));
        assertEquals(2, out.get("topCharge"));
        assertEquals(3, out.get("Q2"));
        assertEquals("absM", ObservableNames.LEGACY_ALIASES.get(Phi4Observables.ABS_M));
    }
}
