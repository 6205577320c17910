package org.flowlab.app.lecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flowlab.app.Resources;

/** Finds the lecture files: the panes of an index file, and every page of a directory. */
public final class LectureFiles {

    /** The index of the course panes, one file name per line. */
    public static final String INDEX = "lectures/index.txt";

    /** The directory of the reference pages. */
    public static final String REFERENCE = "lectures/reference";

    private LectureFiles() {}

    /**
     * The class-path paths listed in an index file (blank lines and {@code #} comments skipped).
     *
     * @param index e.g. {@link #INDEX}
     * @return paths such as {@code lectures/02c-reverse-kl.md}
     */
    public static List<String> indexed(String index) {
        String dir = index.substring(0, index.lastIndexOf('/') + 1);
        List<String> out = new ArrayList<>();
        for (String line : Resources.text(index).split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                out.add(dir + name);
            }
        }
        return out;
    }

    /**
     * The Markdown files of a class-path directory, sorted by name; empty when the directory is
     * not bundled. Works for directories on disk and inside the application jar.
     *
     * @param dir e.g. {@link #REFERENCE}
     * @return class-path paths such as {@code lectures/reference/cli.md}
     */
    public static List<String> markdownIn(String dir) {
        return markdownIn(dir, LectureFiles.class.getClassLoader());
    }

    /**
     * The Markdown files of a directory as a class loader sees it.
     *
     * @param dir the directory's class-path path
     * @param loader the class loader
     * @return class-path paths, sorted by name
     */
    static List<String> markdownIn(String dir, ClassLoader loader) {
        URL url = loader.getResource(dir);
        if (url == null) {
            return List.of();
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(url.toURI());
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(url.toURI(), Map.of());
                }
                return list(fs.getPath(dir), dir);
            }
            return list(Path.of(url.toURI()), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> list(Path directory, String dir) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .sorted()
                    .map(n -> dir + "/" + n)
                    .toList();
        }
    }
}
