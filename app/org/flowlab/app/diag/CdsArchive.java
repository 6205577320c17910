package org.flowlab.app.diag;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application class-data-sharing (AppCDS) archive that makes the window start faster: the
 * classes a start loads, parsed and verified once and mapped from a file afterwards.
 *
 * <p>The launchers (the app image's and the zip's {@code bin/flowlab}) pass
 * {@code -XX:SharedArchiveFile=<archive> -Xshare:auto} together with the system properties
 * {@value #ARCHIVE} (the same path) and {@value #CLASS_LIST} (the list of classes recorded at
 * build time). Java 17 accepts an archive only for the exact class path (absolute paths, jar
 * times) and Java build it was made with, so an unpacked download cannot carry a working one.
 * When this Java runs without it, {@link #refreshIfUnused()} rebuilds it in the background
 * ({@code java -Xshare:dump}, at low priority) for this folder and this Java; the next start uses
 * it. Without the properties (a plain {@code java -jar}, the tests) nothing happens.
 */
public final class CdsArchive {

    /** System property: where the launcher expects the archive. */
    public static final String ARCHIVE = "flowlab.cds.archive";

    /** System property: the class list recorded at build time. */
    public static final String CLASS_LIST = "flowlab.cds.classlist";

    private static final Logger LOG = Logger.getLogger(CdsArchive.class.getName());

    private CdsArchive() {}

    /**
     * Whether this Java maps a class-data-sharing archive (FlowLab's, or the JDK's default one
     * when no launcher chose one).
     *
     * @return the value of {@code UseSharedSpaces}, false when it cannot be read
     */
    public static boolean sharing() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null
                    && Boolean.parseBoolean(vm.getVMOption("UseSharedSpaces").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * A line for the About box.
     *
     * @return such as "on (…/flowlab.jsa)" or "off: being built for the next start"
     */
    public static String status() {
        String archive = System.getProperty(ARCHIVE);
        if (archive == null) {
            return sharing() ? "the JDK's default archive" : "off";
        }
        if (sharing()) {
            return "on (" + archive + ")";
        }
        return Files.exists(failedMarker(Path.of(archive)))
                ? "off (the archive could not be built)"
                : "off this time; built in the background for the next start";
    }

    /**
     * Rebuilds the archive in the background when the launcher asked for one but this Java could
     * not use it, the class list is there and the folder can be written. Call once the start-up
     * work is done.
     *
     * @return the process building it, or empty when nothing needs doing
     */
    public static Optional<Process> refreshIfUnused() {
        String archive = System.getProperty(ARCHIVE);
        String classList = System.getProperty(CLASS_LIST);
        if (archive == null || classList == null || sharing()) {
            return Optional.empty();
        }
        Path target = Path.of(archive).toAbsolutePath();
        Path list = Path.of(classList);
        if (!Files.isRegularFile(list) || !Files.isWritable(target.getParent()) || Files.exists(failedMarker(target))) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        if (!System.getProperty("os.name", "").startsWith("Windows") && Files.isExecutable(Path.of("/usr/bin/nice"))) {
            cmd.addAll(List.of("/usr/bin/nice", "-n", "15"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(
                "-Xshare:dump",
                "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + target,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-cp",
                System.getProperty("java.class.path")));
        try {
            Files.deleteIfExists(target);
            Files.createDirectories(Logs.folder());
            Path logFile = Logs.folder().resolve("class-data-archive.log");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            p.onExit().thenAccept(done -> {
                if (done.exitValue() == 0 && Files.isRegularFile(target)) {
                    LOG.info("class-data archive built for the next start: " + target);
                } else {
                    LOG.warning("class-data archive not built (exit code " + done.exitValue() + "); see " + logFile);
                    try {
                        Files.writeString(
                                failedMarker(target), "exit code " + done.exitValue() + System.lineSeparator());
                    } catch (IOException e) {
                        LOG.log(Level.FINE, "no marker", e);
                    }
                }
            });
            LOG.info("this Java did not use " + target + "; building it in the background");
            return Optional.of(p);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not start building the class-data archive " + target, e);
            return Optional.empty();
        }
    }

    private static Path failedMarker(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".failed");
    }
}
