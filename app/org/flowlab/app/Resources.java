package org.flowlab.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Loads bundled resources (assets/, lectures/) and fails fast when one is missing. */
public final class Resources {

    private Resources() {}

    /**
     * The URL of a bundled resource.
     *
     * @param path a class-path path such as {@code assets/css/flowlab.css}
     * @return its URL
     * @throws IllegalStateException when it is not bundled
     */
    public static URL url(String path) {
        URL url = Resources.class.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException("Resource not found: " + path);
        }
        return url;
    }

    /**
     * The external form of a resource URL, as stylesheets need.
     *
     * @param path the class-path path
     * @return the URL as a string
     */
    public static String external(String path) {
        return url(path).toExternalForm();
    }

    /**
     * Reads a bundled UTF-8 text file.
     *
     * @param path the class-path path
     * @return its text
     */
    public static String text(String path) {
        try (InputStream in = url(path).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
