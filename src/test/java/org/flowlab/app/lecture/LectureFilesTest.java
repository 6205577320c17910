package org.flowlab.app.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LectureFilesTest {

    @Test
    void listsTheMarkdownFilesOfADirectoryOnDisk() {
        List<String> panes = LectureFiles.markdownIn("lectures");
        assertTrue(panes.contains("lectures/02c-reverse-kl.md"), panes.toString());
        assertTrue(panes.stream().allMatch(p -> p.endsWith(".md")));
        assertEquals(List.of(), LectureFiles.markdownIn("no/such/dir"));
    }

    @Test
    void listsTheMarkdownFilesOfADirectoryInsideAJar(@TempDir Path tmp) throws Exception {
        // given: a jar as the application is shipped, with two reference pages and another file
        Path jar = tmp.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            for (String name : List.of(
                    "lectures/reference/",
                    "lectures/reference/b-cli.md",
                    "lectures/reference/a-physics.md",
                    "lectures/reference/notes.txt")) {
                j.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    j.write("# T\n".getBytes(StandardCharsets.UTF_8));
                }
                j.closeEntry();
            }
        }
        // when
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // then
            assertEquals(
                    List.of("lectures/reference/a-physics.md", "lectures/reference/b-cli.md"),
                    LectureFiles.markdownIn(LectureFiles.REFERENCE, loader));
        }
    }

    @Test
    void theIndexSkipsCommentsAndBlankLines() {
        List<String> course = LectureFiles.indexed(LectureFiles.INDEX);
        assertTrue(course.get(0).startsWith("lectures/0"), course.toString());
        assertTrue(course.stream().noneMatch(p -> p.contains("#")));
    }
}
