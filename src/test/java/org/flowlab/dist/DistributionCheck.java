package org.flowlab.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The build check of {@code mvn -Pdist package}: opens each platform's zip and verifies that it
 * runs offline on that platform with a Java 17 runtime alone.
 *
 * <p>For every zip: the launchers ({@code bin/flowlab} executable), {@code INSTALL.txt},
 * {@code lib/flowlab.jar} with every file of {@code lectures/} and {@code assets/}; every
 * platform-independent library; the four JavaFX jars with this platform's classifier and its
 * native libraries inside, and no other platform's; exactly one {@code pytorch-native-cpu} jar,
 * whose {@code native/lib/pytorch.properties} names this platform and the libtorch version the
 * engine expects and whose every listed library is in the jar (else DJL would download
 * libtorch at run time); and the PyTorch JNI bridge for this platform's CPU flavour in
 * {@code pytorch-jni}. It prints the native libraries found in each zip.
 *
 * <p>Arguments: the build folder ({@code target}), the project version, and the project folder.
 */
public final class DistributionCheck {

    /**
     * A platform the zips are built for.
     *
     * @param name DJL's platform name and the zip's suffix
     * @param fxClassifier the JavaFX jars' classifier
     * @param fxNatives native libraries the JavaFX graphics jar must carry
     * @param jni the file name of DJL's JNI bridge
     * @param nativeSuffix the native library suffix of the platform
     */
    public record Platform(String name, String fxClassifier, List<String> fxNatives, String jni, String nativeSuffix) {}

    /** The three platforms of issue 18. */
    public static final List<Platform> PLATFORMS = List.of(
            new Platform(
                    "linux-x86_64",
                    "linux",
                    List.of("libglass.so", "libglassgtk3.so", "libprism_sw.so", "libprism_es2.so", "libjavafx_font.so"),
                    "libdjl_torch.so",
                    ".so"),
            new Platform(
                    "osx-aarch64",
                    "mac-aarch64",
                    List.of("libglass.dylib", "libprism_sw.dylib", "libprism_es2.dylib", "libjavafx_font.dylib"),
                    "libdjl_torch.dylib",
                    ".dylib"),
            new Platform(
                    "win-x86_64",
                    "win",
                    List.of("glass.dll", "prism_sw.dll", "prism_d3d.dll", "javafx_font.dll"),
                    "djl_torch.dll",
                    ".dll"));

    /** The JavaFX modules FlowLab uses. */
    static final List<String> FX_MODULES = List.of("base", "controls", "graphics", "swing");

    /**
     * What one zip holds and what is wrong with it.
     *
     * @param problems one line each; empty when the zip is good
     * @param natives the native libraries found, as {@code jar!/path}
     */
    public record Result(List<String> problems, List<String> natives) {}

    private DistributionCheck() {}

    /**
     * Checks all zips and fails when one is wrong.
     *
     * @param args the build folder, the project version and the project folder
     * @throws IOException when a zip cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DistributionCheck <target> <version> <project folder>");
        }
        Path target = Path.of(args[0]);
        String version = args[1];
        Path project = Path.of(args[2]);
        List<String> common = jarNames(target.resolve("dist/common"));
        Set<String> resources = new TreeSet<>();
        resources.addAll(files(project, "lectures"));
        resources.addAll(files(project, "assets"));
        List<String> all = new ArrayList<>();
        for (Platform p : PLATFORMS) {
            Path zip = target.resolve("flowlab-" + version + "-" + p.name() + ".zip");
            Result r = check(zip, p, version, common, resources);
            System.out.printf(
                    Locale.ROOT,
                    "[dist] %s: %d MB, %d native libraries%n",
                    zip.getFileName(),
                    Files.exists(zip) ? Files.size(zip) >> 20 : 0,
                    r.natives().size());
            r.natives().forEach(n -> System.out.println("[dist]     " + n));
            r.problems().forEach(m -> all.add(zip.getFileName() + ": " + m));
        }
        if (!all.isEmpty()) {
            throw new IllegalStateException("the distribution zips are incomplete:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), all));
        }
        System.out.println("[dist] all " + PLATFORMS.size() + " zips carry their native libraries and run offline");
    }

    /**
     * Checks one zip.
     *
     * @param zip the zip
     * @param p its platform
     * @param version the project version (the zip's folder is {@code flowlab-<version>-<platform>})
     * @param commonJars the platform-independent jars every zip must carry
     * @param resources files (relative paths such as {@code lectures/index.txt}) flowlab.jar must carry
     * @return the problems and the native libraries found
     * @throws IOException when the zip cannot be read
     */
    public static Result check(Path zip, Platform p, String version, List<String> commonJars, Set<String> resources)
            throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> natives = new ArrayList<>();
        if (!Files.isRegularFile(zip)) {
            return new Result(List.of("missing"), natives);
        }
        String base = "flowlab-" + version + "-" + p.name() + "/";
        Path tmp = Files.createTempDirectory("flowlab-dist-check");
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry launcher = z.getEntry(base + "bin/flowlab");
            if (launcher == null) {
                problems.add("no " + base + "bin/flowlab");
            } else if ((launcher.getUnixMode() & 0111) == 0) {
                problems.add(
                        "bin/flowlab is not executable (mode " + Integer.toOctalString(launcher.getUnixMode()) + ")");
            }
            for (String f : List.of("bin/flowlab.bat", "INSTALL.txt", "lib/flowlab.jar", "lib/flowlab.classlist")) {
                if (z.getEntry(base + f) == null) {
                    problems.add("no " + base + f);
                }
            }
            Set<String> libs = new TreeSet<>();
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                if (!e.getName().startsWith(base)) {
                    problems.add("entry outside " + base + ": " + e.getName());
                } else if (e.getName().startsWith(base + "lib/") && e.getName().endsWith(".jar")) {
                    libs.add(e.getName().substring((base + "lib/").length()));
                }
            }
            for (String jar : commonJars) {
                if (!libs.contains(jar)) {
                    problems.add("no lib/" + jar);
                }
            }
            checkJavaFx(z, base, p, libs, tmp, problems, natives);
            checkPyTorch(z, base, p, libs, tmp, problems, natives);
            if (z.getEntry(base + "lib/flowlab.jar") != null) {
                checkFlowLabJar(extract(z, base + "lib/flowlab.jar", tmp), resources, problems);
            }
        } finally {
            AppImageBuilder.deleteTree(tmp);
        }
        return new Result(problems, natives);
    }

    private static void checkJavaFx(
            ZipFile z, String base, Platform p, Set<String> libs, Path tmp, List<String> problems, List<String> natives)
            throws IOException {
        for (String jar : libs) {
            if (jar.startsWith("javafx-") && !jar.endsWith("-" + p.fxClassifier() + ".jar")) {
                problems.add("lib/" + jar + " is not the " + p.fxClassifier() + " build of JavaFX");
            }
        }
        for (String module : FX_MODULES) {
            String prefix = "javafx-" + module + "-";
            List<String> found = libs.stream()
                    .filter(j -> j.startsWith(prefix) && j.endsWith("-" + p.fxClassifier() + ".jar"))
                    .collect(Collectors.toList());
            if (found.size() != 1) {
                problems.add("expected one " + prefix + "*-" + p.fxClassifier() + ".jar, found " + found);
            }
        }
        String graphics = libs.stream()
                .filter(j -> j.startsWith("javafx-graphics-"))
                .findFirst()
                .orElse(null);
        if (graphics != null) {
            Path jar = extract(z, base + "lib/" + graphics, tmp);
            Set<String> inside = nativeLibraries(jar, p.nativeSuffix());
            inside.forEach(n -> natives.add(graphics + "!/" + n));
            for (String lib : p.fxNatives()) {
                if (!inside.contains(lib)) {
                    problems.add(graphics + " lacks the native library " + lib);
                }
            }
        }
    }

    private static void checkPyTorch(
            ZipFile z, String base, Platform p, Set<String> libs, Path tmp, List<String> problems, List<String> natives)
            throws IOException {
        List<String> nativeJars =
                libs.stream().filter(j -> j.startsWith("pytorch-native-")).collect(Collectors.toList());
        String expected = "-" + p.name() + ".jar";
        if (nativeJars.size() != 1
                || !nativeJars.get(0).startsWith("pytorch-native-cpu-")
                || !nativeJars.get(0).endsWith(expected)) {
            problems.add("expected one pytorch-native-cpu-*" + expected + ", found " + nativeJars);
            return;
        }
        String engineJar = libs.stream()
                .filter(j -> j.startsWith("pytorch-engine-"))
                .findFirst()
                .orElse(null);
        String jniJar = libs.stream()
                .filter(j -> j.startsWith("pytorch-jni-"))
                .findFirst()
                .orElse(null);
        if (engineJar == null || jniJar == null) {
            problems.add("no pytorch-engine or pytorch-jni jar");
            return;
        }
        Properties engine = properties(extract(z, base + "lib/" + engineJar, tmp), "pytorch-engine.properties");
        String torchVersion = engine.getProperty("pytorch_version", "");
        String djlVersion = engine.getProperty("djl_version", "");
        String nativeJar = nativeJars.get(0);
        Path natJar = extract(z, base + "lib/" + nativeJar, tmp);
        Properties nat = properties(natJar, "native/lib/pytorch.properties");
        if (!p.name().equals(nat.getProperty("classifier"))) {
            problems.add(nativeJar + " is for " + nat.getProperty("classifier") + ", not " + p.name());
        }
        if (!"cpu".equals(nat.getProperty("flavor"))) {
            problems.add(nativeJar + " has flavor " + nat.getProperty("flavor") + ", not cpu");
        }
        if (torchVersion.isEmpty() || !nat.getProperty("version", "").startsWith(torchVersion)) {
            problems.add(nativeJar + " holds libtorch " + nat.getProperty("version") + " but the engine expects "
                    + torchVersion + " (DJL would download)");
        }
        Set<String> entries = entryNames(natJar);
        String dir = "pytorch/cpu/" + p.name() + "/";
        for (String lib : nat.getProperty("libraries", "").split(",")) {
            if (lib.isBlank() || !entries.contains(dir + lib)) {
                problems.add(nativeJar + " lacks " + dir + lib);
            } else {
                natives.add(nativeJar + "!/" + dir + lib);
            }
        }
        Path jni = extract(z, base + "lib/" + jniJar, tmp);
        String jniPath = "jnilib/" + p.name() + "/cpu/" + p.jni();
        if (!entryNames(jni).contains(jniPath)) {
            problems.add(jniJar + " lacks " + jniPath);
        } else {
            natives.add(jniJar + "!/" + jniPath);
        }
        String jniVersion = properties(jni, "jnilib/pytorch.properties").getProperty("jni_version", "");
        if (!jniVersion.startsWith(torchVersion + "-" + djlVersion)) {
            problems.add(jniJar + " is JNI " + jniVersion + ", the engine needs " + torchVersion + "-" + djlVersion
                    + " (DJL would download)");
        }
    }

    private static void checkFlowLabJar(Path jar, Set<String> resources, List<String> problems) throws IOException {
        Set<String> entries = entryNames(jar);
        for (String r : resources) {
            if (!entries.contains(r)) {
                problems.add("lib/flowlab.jar lacks " + r);
            }
        }
        if (!entries.contains("org/flowlab/app/Launcher.class")) {
            problems.add("lib/flowlab.jar lacks the launcher class");
        }
        try (ZipFile z = ZipFile.builder().setPath(jar).get()) {
            ZipArchiveEntry m = z.getEntry("META-INF/MANIFEST.MF");
            String version = null;
            if (m != null) {
                try (InputStream in = z.getInputStream(m)) {
                    version = new Manifest(in).getMainAttributes().getValue("Implementation-Version");
                }
            }
            if (version == null) {
                problems.add("lib/flowlab.jar has no Implementation-Version (flowlab --version needs it)");
            }
        }
    }

    private static Path extract(ZipFile z, String name, Path tmp) throws IOException {
        ZipArchiveEntry e = z.getEntry(name);
        Path out = tmp.resolve(name.substring(name.lastIndexOf('/') + 1));
        try (InputStream in = z.getInputStream(e)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    private static Set<String> entryNames(Path jar) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(jar).get()) {
            return Collections.list(z.getEntries()).stream()
                    .map(ZipArchiveEntry::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> nativeLibraries(Path jar, String suffix) throws IOException {
        return entryNames(jar).stream()
                .filter(n -> n.endsWith(suffix))
                .map(n -> n.substring(n.lastIndexOf('/') + 1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Properties properties(Path jar, String name) throws IOException {
        Properties p = new Properties();
        try (ZipFile z = ZipFile.builder().setPath(jar).get()) {
            ZipArchiveEntry e = z.getEntry(name);
            if (e != null) {
                try (InputStream in = z.getInputStream(e)) {
                    p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return p;
    }

    private static List<String> jarNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: run mvn -Pdist package");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".jar"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<String> files(Path project, String folder) throws IOException {
        Path root = project.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(f -> folder + "/" + root.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
