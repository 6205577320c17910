package org.flowlab.app.lecture;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowlab.model.spec.RunLink;

/**
 * Checks the links addressed to the lecture viewer itself: {@code flowlab:lectures?pane=<file
 * name>} (another pane) and {@code flowlab:lectures?tool=<name>&...} (a course tool).
 */
public final class LectureLinks {

    private LectureLinks() {}

    /**
     * Checks a lectures link's parameters.
     *
     * @param parameters the link's parameters
     * @param paneNames the file names (without {@code .md}) of the panes
     * @param tools the tools
     * @throws IllegalArgumentException with a one-line message naming a bad key or value
     */
    public static void check(Map<String, String> parameters, Collection<String> paneNames, LectureTools tools) {
        if (parameters.containsKey("pane") == parameters.containsKey("tool")) {
            throw new IllegalArgumentException("a lectures link needs exactly one of pane=<file name> and tool=<name>");
        }
        if (parameters.containsKey("pane")) {
            if (parameters.size() > 1) {
                throw new IllegalArgumentException("a pane link takes no other keys than 'pane'");
            }
            if (!paneNames.contains(parameters.get("pane"))) {
                throw new IllegalArgumentException("no lecture pane named '" + parameters.get("pane") + "'");
            }
            return;
        }
        String tool = parameters.get("tool");
        if (!tools.names().contains(tool)) {
            throw new IllegalArgumentException(
                    "unknown tool '" + tool + "'; tools: " + String.join(", ", tools.names()));
        }
        tools.check(tool, toolParameters(parameters));
    }

    /**
     * A tool link's parameters without the {@code tool} key.
     *
     * @param parameters the link's parameters
     * @return the rest
     */
    public static Map<String, String> toolParameters(Map<String, String> parameters) {
        Map<String, String> rest = new LinkedHashMap<>(parameters);
        rest.remove("tool");
        return rest;
    }

    /**
     * Whether a link target is addressed to the lecture viewer.
     *
     * @param target the link target
     * @return true for {@code flowlab:lectures...}
     */
    public static boolean isLecturesLink(String target) {
        return target.startsWith(RunLink.SCHEME + "lectures");
    }
}
