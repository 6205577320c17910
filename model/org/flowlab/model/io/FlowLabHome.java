package org.flowlab.model.io;

import java.nio.file.Path;

/**
 * FlowLab's own directory for caches and settings: the system property {@code flowlab.home},
 * else {@code ~/.flowlab}.
 */
public final class FlowLabHome {

    private FlowLabHome() {}

    /**
     * The directory (not necessarily existing yet).
     *
     * @return the path
     */
    public static Path path() {
        String configured = System.getProperty("flowlab.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".flowlab");
    }
}
