package org.flowlab.model.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one naming scheme for observable keys in tables, JSON and run files: lower-case
 * snake_case ASCII ({@code [a-z][a-z0-9_]*}), the quantity's name in words where a single letter
 * would be ambiguous ({@code magnetisation}, {@code top_charge}), a trailing {@code 2} for an
 * established squared symbol ({@code phi2}, {@code chi2}, {@code r2}), {@code _squared} for a
 * squared word ({@code top_charge_squared}), an underscore before a subscript or size
 * ({@code chi_t}, {@code wilson_1x2}).
 *
 * <p>Keys renamed when the scheme was introduced are still written next to the new ones by the
 * command line, under their old names, so that scripts reading its JSON keep working:
 * {@code M}, {@code absM}, {@code M2}, {@code topCharge}, {@code Q2} (see
 * {@link #LEGACY_ALIASES}).
 */
public final class ObservableNames {

    /** What every key must look like. */
    public static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Old key for each renamed key, in the order they are written. */
    public static final Map<String, String> LEGACY_ALIASES = Map.of(
            Phi4Observables.M, "M",
            Phi4Observables.ABS_M, "absM",
            Phi4Observables.M2, "M2",
            U1Observables.TOP_CHARGE, "topCharge",
            U1Observables.TOP_CHARGE_SQUARED, "Q2");

    private ObservableNames() {}

    /**
     * A copy of a map keyed by observable names with each renamed key also present under its
     * old name, right after it (same value).
     *
     * @param byName values by observable key, in order
     * @param <V> the value type
     * @return the map with the legacy aliases added
     */
    public static <V> Map<String, V> withLegacyAliases(Map<String, V> byName) {
        Map<String, V> out = new LinkedHashMap<>();
        byName.forEach((key, value) -> {
            out.put(key, value);
            String old = LEGACY_ALIASES.get(key);
            if (old != null && !byName.containsKey(old)) {
                out.put(old, value);
            }
        });
        return out;
    }
}
