package org.flowlab.app.lecture;

import java.util.Map;
import java.util.Set;

/**
 * The interactive tools a lecture pane can open with a {@code flowlab:lectures?tool=<name>&...}
 * link (the layer-by-layer view of a RealNVP, the gauge-invariance check, ...).
 */
public interface LectureTools {

    /**
     * The tool names links may use.
     *
     * @return the names
     */
    Set<String> names();

    /**
     * Checks a tool's parameters without opening anything.
     *
     * @param name the tool
     * @param parameters the link's parameters other than {@code tool}
     * @throws IllegalArgumentException with a one-line message naming a bad key or value
     */
    void check(String name, Map<String, String> parameters);

    /**
     * Opens a tool (on the FX thread).
     *
     * @param name the tool
     * @param parameters the link's parameters other than {@code tool}
     * @throws IllegalArgumentException with a one-line message naming a bad key or value
     */
    void open(String name, Map<String, String> parameters);
}
