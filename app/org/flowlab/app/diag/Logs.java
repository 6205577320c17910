package org.flowlab.app.diag;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.flowlab.model.io.FlowLabHome;

/**
 * FlowLab's log: {@code logs/flowlab.0.log} under the FlowLab home folder, rotated at 1 MB into
 * {@code flowlab.1.log} ... {@code flowlab.4.log} (java.util.logging's {@link FileHandler}).
 *
 * <p>Everything logged at INFO or above goes there, with time stamps and full stack traces, in
 * addition to the console, which keeps its short one-line format. Uncaught exceptions of any
 * thread (the FX thread included) are logged too. The command line's failures, which the
 * terminal shows as one line, reach the file with their stack trace through
 * {@link #recordFailure(String, Throwable)}.
 */
public final class Logs {

    /** Size at which the log rotates. */
    static final int LIMIT_BYTES = 1_000_000;

    /** Number of log files kept. */
    static final int FILES = 5;

    private static final String FILE_ONLY = "org.flowlab.failures";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** Failures for the file only; held here so that its settings are not garbage-collected. */
    private static final Logger FAILURES = fileOnlyLogger();

    private static Handler file;

    private static Logger fileOnlyLogger() {
        Logger failures = Logger.getLogger(FILE_ONLY);
        failures.setUseParentHandlers(false);
        return failures;
    }

    private Logs() {}

    /** One line per record: time, level, logger, message, then the stack trace if any. */
    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis())))
                    .append(' ')
                    .append(r.getLevel().getName())
                    .append(' ')
                    .append(r.getLoggerName() == null ? "" : r.getLoggerName())
                    .append(" [")
                    .append(Thread.currentThread().getName())
                    .append("]: ")
                    .append(formatMessage(r))
                    .append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }
    }

    /**
     * The folder of the log files.
     *
     * @return {@code <FlowLab home>/logs}
     */
    public static Path folder() {
        return FlowLabHome.path().resolve("logs");
    }

    /**
     * The file being written now: {@code flowlab.0.log}, or, while another FlowLab holds that
     * one, the {@code flowlab.0.log.N} written last (java.util.logging's names for a second
     * process).
     *
     * @return the file (not necessarily existing yet)
     */
    public static Path currentFile() {
        Path first = folder().resolve("flowlab.0.log");
        Path latest = first;
        for (int n = 1; n < 10; n++) {
            Path other = folder().resolve("flowlab.0.log." + n);
            if (Files.isRegularFile(other) && modified(other) > modified(latest)) {
                latest = other;
            }
        }
        return latest;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Starts writing the log file (once per process; later calls do nothing). When the folder
     * cannot be written, says so on the console and carries on without a file.
     *
     * @return whether the file log is on
     */
    public static synchronized boolean install() {
        if (file != null) {
            return true;
        }
        try {
            Files.createDirectories(folder());
            FileHandler handler =
                    new FileHandler(folder().resolve("flowlab.%g.log").toString(), LIMIT_BYTES, FILES, true);
            handler.setEncoding(StandardCharsets.UTF_8.name());
            handler.setFormatter(new LineFormatter());
            handler.setLevel(Level.INFO);
            Logger.getLogger("").addHandler(handler);
            FAILURES.addHandler(handler);
            file = handler;
        } catch (IOException | RuntimeException e) {
            Logger.getLogger(Logs.class.getName()).warning("no log file in " + folder() + ": " + e.getMessage());
            return false;
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            Logger.getLogger(Logs.class.getName()).log(Level.SEVERE, "uncaught in thread " + thread.getName(), error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            }
        });
        Logger.getLogger(Logs.class.getName()).fine("log file " + currentFile());
        return true;
    }

    /**
     * Writes a failure with its stack trace to the log file only (the console has shown its
     * one-line message already); does nothing before {@link #install()}.
     *
     * @param context what was being done, such as the command line
     * @param error the failure
     */
    public static void recordFailure(String context, Throwable error) {
        FAILURES.log(Level.SEVERE, context, error);
    }

    /**
     * The last lines of the current log file.
     *
     * @param lines how many lines at most
     * @return the lines, oldest first (empty when there is no log file yet)
     */
    public static List<String> tail(int lines) {
        return tail(currentFile(), lines);
    }

    /**
     * The last lines of a text file, reading at most its last 256 kB.
     *
     * @param path the file
     * @param lines how many lines at most
     * @return the lines, oldest first (empty when the file does not exist)
     */
    static List<String> tail(Path path, int lines) {
        if (lines <= 0 || !Files.isRegularFile(path)) {
            return List.of();
        }
        Handler h = file;
        if (h != null) {
            h.flush();
        }
        try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, 256 * 1024);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
            if (size < length && !all.isEmpty()) {
                all.remove(0); // a partial first line
            }
            while (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all.remove(all.size() - 1);
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(could not read " + path + ": " + e.getMessage() + ")");
        }
    }
}
