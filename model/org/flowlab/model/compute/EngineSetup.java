package org.flowlab.model.compute;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks, before the PyTorch engine starts, that a libtorch chosen through DJL's variables can
 * be loaded offline, and explains in one line what is missing.
 *
 * <p>FlowLab carries the CPU build of libtorch 2.7.1 inside {@code pytorch-native-cpu} and the
 * JNI bridge for the flavours {@code cpu} and {@code cu128} inside {@code pytorch-jni
 * 2.7.1-0.36.0}. A CUDA build is used by pointing DJL's variables at it (environment variable,
 * or system property of the same name): {@code PYTORCH_LIBRARY_PATH} (the folder with
 * {@code libtorch.so} / {@code torch.dll}), {@code PYTORCH_FLAVOR=cu128} (which JNI bridge to
 * take) and optionally {@code PYTORCH_VERSION=2.7.1}. DJL silently falls back to the bundled CPU
 * library when {@code PYTORCH_LIBRARY_PATH} names no libtorch, and tries to download when the
 * version or flavour does not match; both are turned into a one-line error here instead. See
 * {@code lectures/reference/gpu.md}.
 */
public final class EngineSetup {

    /** The libtorch version this build's JNI bridge is compiled against. */
    public static final String LIBTORCH_VERSION = "2.7.1";

    /** The JNI flavour of CUDA builds in {@code pytorch-jni 2.7.1-0.36.0}. */
    public static final String CUDA_FLAVOR = "cu128";

    /** DJL's variable naming the folder of a libtorch to load instead of the bundled one. */
    public static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";

    /** DJL's variable naming the JNI flavour (cpu, cu128). */
    public static final String FLAVOR = "PYTORCH_FLAVOR";

    /** DJL's variable naming the libtorch version. */
    public static final String VERSION = "PYTORCH_VERSION";

    /** Where the reference page explains the GPU set-up. */
    static final String SEE = " (see lectures/reference/gpu.md)";

    private final Function<String, String> variables;
    private final Predicate<String> jniResource;
    private final String osClassifier;
    private final String libraryFile;

    /**
     * A check against explicit surroundings (for tests).
     *
     * @param variables looks up a variable by name, null when unset (environment first, then
     *     system properties, as DJL does)
     * @param jniResource whether a class-path resource exists
     * @param osClassifier DJL's platform name, such as {@code linux-x86_64}
     * @param libraryFile the file name of libtorch on this system ({@code libtorch.so})
     */
    public EngineSetup(
            Function<String, String> variables,
            Predicate<String> jniResource,
            String osClassifier,
            String libraryFile) {
        this.variables = variables;
        this.jniResource = jniResource;
        this.osClassifier = osClassifier;
        this.libraryFile = libraryFile;
    }

    /**
     * The check for this process: environment variables and system properties, the class path,
     * and the operating system.
     *
     * @return the check
     */
    public static EngineSetup ofThisProcess() {
        return new EngineSetup(
                EngineSetup::variable,
                path -> EngineSetup.class.getClassLoader().getResource(path) != null,
                osClassifier(System.getProperty("os.name", ""), System.getProperty("os.arch", "")),
                System.mapLibraryName("torch"));
    }

    /**
     * A variable as DJL reads it: the environment first, then the system property.
     *
     * @param name the name
     * @return the value, or null when unset or blank
     */
    public static String variable(String name) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * DJL's platform name for an operating system and architecture.
     *
     * @param osName the {@code os.name} property
     * @param osArch the {@code os.arch} property
     * @return such as {@code linux-x86_64}, {@code osx-aarch64} or {@code win-x86_64}
     */
    public static String osClassifier(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String prefix =
                os.startsWith("mac") || os.startsWith("darwin") ? "osx" : os.startsWith("win") ? "win" : "linux";
        String arch = osArch.toLowerCase(Locale.ROOT);
        String cpu = "amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : "arm64".equals(arch) ? "aarch64" : arch;
        return prefix + "-" + cpu;
    }

    /**
     * Whether the variables ask for a libtorch other than the bundled CPU one.
     *
     * @return true when {@code PYTORCH_LIBRARY_PATH} is set
     */
    public boolean overridden() {
        return variables.apply(LIBRARY_PATH) != null;
    }

    /**
     * The problem that would keep the engine from starting offline with the chosen libtorch.
     *
     * @return one line naming the missing file or variable, or empty when all is in place (also
     *     when no libtorch is chosen, so the bundled one is used)
     */
    public Optional<String> problem() {
        String path = variables.apply(LIBRARY_PATH);
        String version = variables.apply(VERSION);
        if (path == null) {
            if (version != null && !version.startsWith(LIBTORCH_VERSION)) {
                return Optional.of(VERSION + "=" + version + " but this FlowLab carries libtorch " + LIBTORCH_VERSION
                        + " only; unset " + VERSION + SEE);
            }
            return Optional.empty();
        }
        if (libraryFolder(path) == null) {
            return Optional.of(LIBRARY_PATH + "=" + path + " contains no " + libraryFile
                    + "; point it at the lib folder of a libtorch " + LIBTORCH_VERSION + " download" + SEE);
        }
        String flavor = variables.apply(FLAVOR);
        if (flavor == null) {
            return Optional.of(FLAVOR + " is not set; with " + LIBRARY_PATH + " set it must name the build: "
                    + CUDA_FLAVOR + " for CUDA 12.8, cpu for a CPU build" + SEE);
        }
        String jni = "jnilib/" + osClassifier + "/" + flavor + "/" + System.mapLibraryName("djl_torch");
        if (!jniResource.test(jni)) {
            return Optional.of(FLAVOR + "=" + flavor + " has no PyTorch JNI bridge for " + osClassifier
                    + " in this FlowLab (missing " + jni + "); use " + CUDA_FLAVOR + " or cpu" + SEE);
        }
        if (version != null && !version.startsWith(LIBTORCH_VERSION)) {
            return Optional.of(VERSION + "=" + version + " does not match the JNI bridge, which needs libtorch "
                    + LIBTORCH_VERSION + SEE);
        }
        return Optional.empty();
    }

    /**
     * Explains why a GPU was asked for but the engine reports none.
     *
     * @return one line naming what is missing
     */
    public String noGpuReason() {
        String path = variables.apply(LIBRARY_PATH);
        if (path == null) {
            return "device gpu: this FlowLab runs the bundled CPU build of libtorch; set " + LIBRARY_PATH
                    + " to a CUDA build of libtorch " + LIBTORCH_VERSION + " and " + FLAVOR + "=" + CUDA_FLAVOR + SEE;
        }
        String flavor = variables.apply(FLAVOR);
        if (flavor != null && !flavor.startsWith("cu")) {
            return "device gpu: " + FLAVOR + "=" + flavor + " is a CPU flavour; a CUDA build of libtorch needs "
                    + FLAVOR + "=" + CUDA_FLAVOR + SEE;
        }
        return "device gpu: the libtorch in " + libraryFolder(path) + " reports no CUDA device"
                + " (a CPU build, or no NVIDIA driver: check nvidia-smi)" + SEE;
    }

    /**
     * The first folder of a path list that holds libtorch, or null.
     *
     * @param pathList folders (or the library file itself) separated by the path separator
     * @return the folder
     */
    private Path libraryFolder(String pathList) {
        for (String entry : pathList.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry.trim());
            if (Files.isRegularFile(p) && p.getFileName().toString().equals(libraryFile)) {
                return p.getParent();
            }
            if (Files.isRegularFile(p.resolve(libraryFile))) {
                return p;
            }
        }
        return null;
    }
}
