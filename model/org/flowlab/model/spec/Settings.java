package org.flowlab.model.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checked parameter values of one theory, flow or loss: every key of its definitions present,
 * every value in canonical text form. Immutable.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Validates raw values against definitions, filling in defaults.
     *
     * @param defs the parameter definitions
     * @param raw key to text; keys not among the definitions are an error
     * @param owner what the parameters belong to, for messages (e.g. "theory phi4")
     * @return the settings
     * @throws IllegalArgumentException with a one-line message on the first bad value
     */
    public static Settings of(List<ParamDef> defs, Map<String, String> raw, String owner) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (defs.stream().noneMatch(d -> d.key().equals(key))) {
                throw new IllegalArgumentException("'" + key + "' is not a parameter of " + owner);
            }
        }
        for (ParamDef d : defs) {
            String text = raw.containsKey(d.key()) ? raw.get(d.key()) : d.defaultValue();
            out.put(d.key(), d.canonical(text));
        }
        return new Settings(out);
    }

    /**
     * The defaults of a list of definitions.
     *
     * @param defs the definitions
     * @return settings with every default
     */
    public static Settings defaults(List<ParamDef> defs) {
        return of(defs, Map.of(), "defaults");
    }

    /**
     * The values as key to text.
     *
     * @return an unmodifiable map in definition order
     */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * A value as text.
     *
     * @param key the key
     * @return its text
     */
    public String text(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no setting '" + key + "'");
        }
        return v;
    }

    /**
     * A whole-number value.
     *
     * @param key the key
     * @return the value
     */
    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    /**
     * A real value.
     *
     * @param key the key
     * @return the value
     */
    public double real(String key) {
        return Double.parseDouble(text(key));
    }

    /**
     * A boolean value.
     *
     * @param key the key
     * @return the value
     */
    public boolean flag(String key) {
        return Boolean.parseBoolean(text(key));
    }

    /**
     * Returns new settings with one value replaced (re-validated).
     *
     * @param defs the definitions
     * @param key the key
     * @param text the new text
     * @param owner for messages
     * @return the new settings
     */
    public Settings with(List<ParamDef> defs, String key, String text, String owner) {
        Map<String, String> raw = new LinkedHashMap<>(values);
        raw.put(key, text);
        return of(defs, raw, owner);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) ->
                b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }
}
