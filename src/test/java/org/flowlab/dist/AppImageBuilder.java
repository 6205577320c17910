package org.flowlab.dist;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the {@code jpackage} application image of the host operating system (profile
 * {@code app-image}): a runtime trimmed with {@code jlink}, FlowLab's jars, and an application
 * class-data-sharing archive ({@code flowlab.jsa}) so that the window starts faster.
 *
 * <p>Steps: (1) {@code jlink} the Java modules FlowLab uses into a runtime (not compressed: the
 * classes outside the archive load faster); (2) {@code jpackage --type app-image} with FlowLab's
 * jar and libraries; (3) record the classes a start of the window loads
 * ({@link ClassListRecorder}, with the image's own Java) into {@code $APPDIR/flowlab.classlist};
 * (4) dump them into a static CDS archive {@code $APPDIR/flowlab.jsa} against exactly the class
 * path of the image's launcher; (5) check that the archive maps and that the launcher prints the
 * version. Java 17 accepts the archive only at the folder it was made for: when the image is
 * unpacked elsewhere, the first start rebuilds it there from the class list in the background
 * ({@code org.flowlab.app.diag.CdsArchive}) and later starts use it. The image is packed as a
 * tar.gz (zip on Windows), which keeps the jars' file times that the archive checks.
 *
 * <p>Arguments: the build folder ({@code target}), the project version, and whether to pack the
 * image into an archive ({@code true}/{@code false}).
 */
public final class AppImageBuilder {

    /** The Java modules the runtime carries (from jdeps over FlowLab and its libraries). */
    static final List<String> MODULES = List.of(
            "java.base",
            "java.desktop",
            "java.logging",
            "java.management",
            "java.naming",
            "java.prefs",
            "java.sql",
            "java.xml",
            "jdk.jfr",
            "jdk.management",
            "jdk.unsupported",
            "jdk.unsupported.desktop",
            "jdk.zipfs");

    /**
     * JVM options of the image's launcher: the class-data archive (rebuilt by the app for its
     * folder when the image has moved, see {@code CdsArchive}) and no network for DJL.
     */
    static final List<String> JAVA_OPTIONS = List.of(
            "-XX:SharedArchiveFile=$APPDIR/flowlab.jsa",
            "-Xshare:auto",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off",
            "-Dflowlab.cds.archive=$APPDIR/flowlab.jsa",
            "-Dflowlab.cds.classlist=$APPDIR/flowlab.classlist",
            "-Dai.djl.offline=true");

    private static final String MAIN_CLASS = "org.flowlab.app.Launcher";

    private final Path target;
    private final String version;
    private final Os os;

    /** Where jpackage puts things on each operating system. */
    enum Os {
        /** Linux: name/bin/name, name/lib/app, name/lib/runtime. */
        LINUX("flowlab", "bin/flowlab", "lib/app", "lib/runtime/bin/java", ""),
        /** macOS: Name.app/Contents/MacOS/Name, Contents/app, Contents/runtime/Contents/Home. */
        MAC("FlowLab", "Contents/MacOS/FlowLab", "Contents/app", "Contents/runtime/Contents/Home/bin/java", ".app"),
        /** Windows: Name/Name.exe, Name/app, Name/runtime. */
        WINDOWS("FlowLab", "FlowLab.exe", "app", "runtime/bin/java.exe", "");

        final String name;
        final String launcher;
        final String appDir;
        final String java;
        final String suffix;

        Os(String name, String launcher, String appDir, String java, String suffix) {
            this.name = name;
            this.launcher = launcher;
            this.appDir = appDir;
            this.java = java;
            this.suffix = suffix;
        }

        static Os current() {
            String n = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return n.startsWith("mac") ? MAC : n.startsWith("win") ? WINDOWS : LINUX;
        }
    }

    AppImageBuilder(Path target, String version, Os os) {
        this.target = target;
        this.version = version;
        this.os = os;
    }

    /**
     * Builds the image.
     *
     * @param args the build folder, the project version, and true/false for packing an archive
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: AppImageBuilder <target> <version> <archive: true|false>");
        }
        AppImageBuilder b = new AppImageBuilder(Path.of(args[0]).toAbsolutePath(), args[1], Os.current());
        Path image = b.build();
        if (Boolean.parseBoolean(args[2])) {
            Path archive = b.pack(image);
            System.out.println("[app-image] archive " + archive + " (" + Files.size(archive) / (1 << 20) + " MB)");
        }
    }

    /**
     * Runs steps 1 to 5.
     *
     * @return the image folder
     * @throws Exception when a step fails
     */
    Path build() throws Exception {
        Path work = target.resolve("app-image");
        deleteTree(work);
        Files.createDirectories(work);
        long t0 = System.nanoTime();

        Path runtime = work.resolve("runtime");
        tool(
                "jlink",
                "--add-modules",
                String.join(",", MODULES),
                "--output",
                runtime.toString(),
                "--strip-java-debug-attributes",
                "--no-header-files",
                "--no-man-pages");
        log(t0, "jlink runtime of " + MODULES.size() + " modules");

        Path input = work.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(target.resolve("flowlab.jar"), input.resolve("flowlab.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).collect(Collectors.toList())) {
                Files.copy(jar, input.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path dest = work.resolve("image");
        List<String> jpackage = new ArrayList<>(List.of(
                "--type",
                "app-image",
                "--name",
                os.name,
                "--dest",
                dest.toString(),
                "--input",
                input.toString(),
                "--main-jar",
                "flowlab.jar",
                "--main-class",
                MAIN_CLASS,
                "--runtime-image",
                runtime.toString(),
                "--app-version",
                numericVersion(version),
                "--description",
                "FlowLab: normalizing flows for lattice field theory",
                "--vendor",
                "FlowLab"));
        for (String option : JAVA_OPTIONS) {
            jpackage.add("--java-options");
            jpackage.add(option);
        }
        tool("jpackage", jpackage.toArray(String[]::new));
        Path image = dest.resolve(os.name + os.suffix);
        log(t0, "jpackage app image " + image);

        Path appDir = image.resolve(os.appDir);
        Path java = image.resolve(os.java);
        List<String> classPath = classPath(appDir.resolve(os.name + ".cfg"), appDir);
        Path classList = appDir.resolve("flowlab.classlist");
        ClassListRecorder.record(java, classPath, classList, work);
        log(t0, "recorded " + lineCount(classList) + " classes of a window start");

        Path archive = appDir.resolve("flowlab.jsa");
        run(
                List.of(
                        java.toString(),
                        "-Xshare:dump",
                        "-XX:SharedClassListFile=" + classList,
                        "-XX:SharedArchiveFile=" + archive,
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off",
                        "-cp",
                        String.join(File.pathSeparator, classPath)),
                work.resolve("cds-dump.log"),
                null);
        log(t0, "CDS archive " + archive + " (" + Files.size(archive) / (1 << 20) + " MB)");

        // the archive must map with the launcher's class path, else -Xshare:on refuses to start
        run(
                List.of(
                        java.toString(),
                        "-Xshare:on",
                        "-XX:SharedArchiveFile=" + archive,
                        "-cp",
                        String.join(File.pathSeparator, classPath),
                        MAIN_CLASS,
                        "--version"),
                work.resolve("cds-check.log"),
                null);
        String launcherVersion = run(
                List.of(image.resolve(os.launcher).toString(), "--version"), work.resolve("launcher-check.log"), null);
        log(t0, "the launcher says: " + launcherVersion.strip());
        return image;
    }

    /**
     * The launcher's class path from jpackage's configuration file, with {@code $APPDIR}
     * replaced: {@code app.classpath=} lines, in order.
     *
     * @param cfg the configuration file
     * @param appDir the folder that {@code $APPDIR} stands for
     * @return the entries
     * @throws IOException when the file cannot be read
     */
    static List<String> classPath(Path cfg, Path appDir) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
            if (line.startsWith("app.classpath=")) {
                for (String e : line.substring("app.classpath=".length()).split(File.pathSeparator)) {
                    if (!e.isBlank()) {
                        entries.add(e.replace("$APPDIR", appDir.toString()));
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("no app.classpath in " + cfg);
        }
        return entries;
    }

    /** Packs the image: tar.gz on Linux and macOS (keeps the file times and modes), zip on Windows. */
    Path pack(Path image) throws Exception {
        String base = "flowlab-" + version + "-" + platformName() + "-app-image";
        if (os == Os.WINDOWS) {
            Path zip = target.resolve(base + ".zip");
            Files.deleteIfExists(zip);
            run(
                    List.of(
                            "tar",
                            "-a",
                            "-c",
                            "-f",
                            zip.toString(),
                            "-C",
                            image.getParent().toString(),
                            image.getFileName().toString()),
                    target.resolve("app-image/pack.log"),
                    null);
            return zip;
        }
        Path tgz = target.resolve(base + ".tar.gz");
        Files.deleteIfExists(tgz);
        run(
                List.of(
                        "tar",
                        "-czf",
                        tgz.toString(),
                        "-C",
                        image.getParent().toString(),
                        image.getFileName().toString()),
                target.resolve("app-image/pack.log"),
                null);
        return tgz;
    }

    private String platformName() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = "amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : "arm64".equals(arch) ? "aarch64" : arch;
        return (os == Os.MAC ? "osx" : os == Os.WINDOWS ? "win" : "linux") + "-" + cpu;
    }

    /**
     * jpackage wants a version of one to three numbers.
     *
     * @param version such as {@code 0.1.0-SNAPSHOT}
     * @return such as {@code 0.1.0}
     */
    static String numericVersion(String version) {
        String numeric = version.replaceAll("[^0-9.].*$", "");
        return numeric.isEmpty() ? "1.0" : numeric.replaceAll("\\.$", "");
    }

    private static void tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException(name + " not found: build with a JDK 17 (not a JRE)"));
        PrintWriter out = new PrintWriter(System.out, true);
        int rc = tool.run(out, new PrintWriter(System.err, true), args);
        if (rc != 0) {
            throw new IllegalStateException(name + " failed with exit code " + rc + ": " + String.join(" ", args));
        }
    }

    /**
     * Runs a command, its output going to a log file, and fails when it exits non-zero.
     *
     * @return its output
     */
    private static String run(List<String> cmd, Path logFile, String probeVariable) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        if (probeVariable != null) {
            pb.environment().put(probeVariable, "1");
        }
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        String out = Files.readString(logFile, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "exit code " + p.exitValue() + " from " + String.join(" ", cmd) + System.lineSeparator() + out);
        }
        return out;
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static void log(long t0, String what) {
        System.out.printf(Locale.ROOT, "[app-image] %5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
