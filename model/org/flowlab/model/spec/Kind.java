package org.flowlab.model.spec;

import java.util.List;
import java.util.Map;

/** Something the user picks by name and configures with parameters: a theory, flow or loss. */
public interface Kind {

    /**
     * The identifier used on the command line and in run files, such as {@code phi4}.
     *
     * @return the id
     */
    String id();

    /**
     * A short title for menus, such as "φ⁴ theory".
     *
     * @return the title
     */
    String title();

    /**
     * One or two sentences for tooltips and help.
     *
     * @return the description
     */
    String description();

    /**
     * The parameters, in display order.
     *
     * @return the definitions
     */
    List<ParamDef> params();

    /**
     * Validates raw values, filling in defaults.
     *
     * @param raw key to text
     * @return checked settings
     * @throws IllegalArgumentException with a one-line message
     */
    default Settings settings(Map<String, String> raw) {
        return Settings.of(params(), raw, title());
    }

    /**
     * The default settings.
     *
     * @return settings with every default
     */
    default Settings defaults() {
        return Settings.defaults(params());
    }
}
