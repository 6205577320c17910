package org.flowlab.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build check of the platform zips, on small zips made here. */
class DistributionCheckTest {

    private static final String VERSION = "1.2.3";
    private static final DistributionCheck.Platform LINUX = DistributionCheck.PLATFORMS.get(0);
    private static final String BASE = "flowlab-" + VERSION + "-linux-x86_64/";

    @TempDir
    Path dir;

    /** The zip's files: path below the base folder → content; "bin/flowlab" gets mode 0755 when executable. */
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private boolean executable = true;

    private static byte[] jar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private void goodZip() throws IOException {
        files.put("bin/flowlab", "#!/bin/sh".getBytes(StandardCharsets.UTF_8));
        files.put("bin/flowlab.bat", "@echo off".getBytes(StandardCharsets.UTF_8));
        files.put("INSTALL.txt", "install".getBytes(StandardCharsets.UTF_8));
        files.put("lib/flowlab.classlist", "org/flowlab/app/FlowLabApp".getBytes(StandardCharsets.UTF_8));
        files.put(
                "lib/flowlab.jar",
                jar(Map.of(
                        "META-INF/MANIFEST.MF",
                        "Manifest-Version: 1.0\nImplementation-Version: 1.2.3\n",
                        "org/flowlab/app/Launcher.class",
                        "x",
                        "lectures/index.txt",
                        "01.md")));
        files.put("lib/picocli-4.7.7.jar", jar(Map.of("a", "b")));
        for (String m : DistributionCheck.FX_MODULES) {
            Map<String, String> entries = new LinkedHashMap<>(Map.of("x", "y"));
            if ("graphics".equals(m)) {
                LINUX.fxNatives().forEach(n -> entries.put(n, "elf"));
            }
            files.put("lib/javafx-" + m + "-21.0.11-linux.jar", jar(entries));
        }
        files.put(
                "lib/pytorch-engine-0.36.0.jar",
                jar(Map.of("pytorch-engine.properties", "djl_version=0.36.0\npytorch_version=2.7.1\n")));
        files.put(
                "lib/pytorch-jni-2.7.1-0.36.0.jar",
                jar(Map.of(
                        "jnilib/pytorch.properties",
                        "jni_version=2.7.1-0.36.0",
                        "jnilib/linux-x86_64/cpu/libdjl_torch.so",
                        "elf")));
        files.put(
                "lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
                jar(Map.of(
                        "native/lib/pytorch.properties",
                        "version=2.7.1-20250812\nflavor=cpu\nclassifier=linux-x86_64\n"
                                + "libraries=libc10.so,libtorch.so,libtorch_cpu.so\n",
                        "pytorch/cpu/linux-x86_64/libc10.so",
                        "elf",
                        "pytorch/cpu/linux-x86_64/libtorch.so",
                        "elf",
                        "pytorch/cpu/linux-x86_64/libtorch_cpu.so",
                        "elf")));
    }

    private DistributionCheck.Result check() throws IOException {
        Path zip = dir.resolve("flowlab-" + VERSION + "-linux-x86_64.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(BASE + f.getKey());
                e.setUnixMode("bin/flowlab".equals(f.getKey()) && executable ? 0100755 : 0100644);
                out.putArchiveEntry(e);
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        return DistributionCheck.check(zip, LINUX, VERSION, List.of("picocli-4.7.7.jar"), Set.of("lectures/index.txt"));
    }

    @Test
    void aCompleteZipPassesAndItsNativeLibrariesAreListed() throws IOException {
        goodZip();
        DistributionCheck.Result r = check();
        assertEquals(List.of(), r.problems());
        assertTrue(
                r.natives()
                        .contains(
                                "pytorch-native-cpu-2.7.1-linux-x86_64.jar!/pytorch/cpu/linux-x86_64/libtorch_cpu.so"),
                r.natives().toString());
        assertTrue(r.natives().contains("pytorch-jni-2.7.1-0.36.0.jar!/jnilib/linux-x86_64/cpu/libdjl_torch.so"));
        assertTrue(r.natives().contains("javafx-graphics-21.0.11-linux.jar!/libglass.so"));
    }

    @Test
    void aNativeLibraryMissingFromTheTorchJarIsReported() throws IOException {
        goodZip();
        files.put(
                "lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
                jar(Map.of(
                        "native/lib/pytorch.properties",
                        "version=2.7.1-20250812\nflavor=cpu\nclassifier=linux-x86_64\n"
                                + "libraries=libc10.so,libtorch.so,libtorch_cpu.so\n",
                        "pytorch/cpu/linux-x86_64/libtorch.so",
                        "elf")));
        List<String> problems = check().problems();
        assertTrue(
                problems.contains(
                        "pytorch-native-cpu-2.7.1-linux-x86_64.jar lacks pytorch/cpu/linux-x86_64/libtorch_cpu.so"),
                problems.toString());
    }

    @Test
    void anotherPlatformsJarsAreReported() throws IOException {
        goodZip();
        files.remove("lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar");
        files.put("lib/pytorch-native-cpu-2.7.1-win-x86_64.jar", jar(Map.of("a", "b")));
        files.put("lib/javafx-base-21.0.11-win.jar", jar(Map.of("a", "b")));
        List<String> problems = check().problems();
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("expected one pytorch-native-cpu-*-linux-x86_64.jar")),
                problems.toString());
        assertTrue(
                problems.contains("lib/javafx-base-21.0.11-win.jar is not the linux build of JavaFX"),
                problems.toString());
    }

    @Test
    void aMismatchedJniBridgeAndALostLectureAreReported() throws IOException {
        goodZip();
        files.put(
                "lib/pytorch-jni-2.7.1-0.36.0.jar",
                jar(Map.of("jnilib/pytorch.properties", "jni_version=2.5.1-0.36.0")));
        files.put("lib/flowlab.jar", jar(Map.of("org/flowlab/app/Launcher.class", "x")));
        executable = false;
        List<String> problems = check().problems();
        assertTrue(
                problems.contains("pytorch-jni-2.7.1-0.36.0.jar lacks jnilib/linux-x86_64/cpu/libdjl_torch.so"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("is JNI 2.5.1-0.36.0")), problems.toString());
        assertTrue(problems.contains("lib/flowlab.jar lacks lectures/index.txt"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("bin/flowlab is not executable")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("no Implementation-Version")), problems.toString());
    }
}
