package org.flowlab.dist;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records the classes a start of the window loads ({@code -XX:DumpLoadedClassList}), for the
 * application class-data-sharing archive: a headless start with Monocle (taken from the test
 * class path) and the start-up probe on, which shows the window, waits until the PyTorch engine
 * has loaded in the background, and exits. The list names classes only, so one list serves every
 * platform and folder; the archive itself is dumped from it where FlowLab runs (see
 * {@code org.flowlab.app.diag.CdsArchive}).
 *
 * <p>As a program (profile {@code dist}, phase prepare-package): argument 1 is the list to write,
 * argument 2 a scratch folder; the window runs on this Java with the test class path.
 */
public final class ClassListRecorder {

    private static final String MAIN_CLASS = "org.flowlab.app.Launcher";

    private ClassListRecorder() {}

    /**
     * Records the list with this Java and the class path this program was started with.
     *
     * @param args the list to write, and a scratch folder
     * @throws Exception when the recording start fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ClassListRecorder <class list> <scratch folder>");
        }
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path list = Path.of(args[0]);
        Files.createDirectories(list.toAbsolutePath().getParent());
        record(java, ownClassPath(), list, work);
        System.out.println(
                "[dist] recorded " + Files.readAllLines(list).size() + " classes of a window start in " + list);
    }

    /**
     * Starts the window headless once and writes the loaded classes.
     *
     * @param java the Java to run
     * @param classPath FlowLab's class path (Monocle is added)
     * @param classList the list to write
     * @param work a scratch folder (FlowLab home of the run, log)
     * @throws Exception when the run does not show the window or load the engine
     */
    static void record(Path java, List<String> classPath, Path classList, Path work) throws Exception {
        List<String> cp = new ArrayList<>(classPath);
        String monocle = monocleJar().toString();
        if (!cp.contains(monocle)) {
            cp.add(monocle);
        }
        Path home = work.resolve("record-home");
        List<String> cmd = List.of(
                java.toString(),
                "-XX:DumpLoadedClassList=" + classList.toAbsolutePath(),
                "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless",
                "-Dprism.order=sw",
                "-Dprism.text=t2k",
                "-Dheadless.geometry=1600x1000-32",
                "-Djava.awt.headless=true",
                "-Dai.djl.offline=true",
                "-Dflowlab.home=" + home.toAbsolutePath(),
                "-Dflowlab.prefs=flowlab-class-list-recording",
                "-cp",
                String.join(File.pathSeparator, cp),
                MAIN_CLASS);
        Path log = work.resolve("class-list-recording.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FLOWLAB_STARTUP_PROBE", "1");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the class-list recording did not finish; see " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !out.contains("first-frame") || !out.contains("engine ready")) {
            throw new IllegalStateException(
                    "the recording start did not show the window and load the engine (exit code " + p.exitValue()
                            + "): " + out);
        }
    }

    private static Path monocleJar() throws ClassNotFoundException, URISyntaxException {
        Class<?> monocle = Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory");
        return Path.of(
                monocle.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The class path of this program: its class loader's URLs under Maven, else java.class.path. */
    private static List<String> ownClassPath() throws URISyntaxException {
        List<String> cp = new ArrayList<>();
        ClassLoader loader = ClassListRecorder.class.getClassLoader();
        if (loader instanceof URLClassLoader) {
            for (URL url : ((URLClassLoader) loader).getURLs()) {
                cp.add(Path.of(url.toURI()).toString());
            }
        }
        if (cp.isEmpty()) {
            cp.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        }
        return cp;
    }
}
