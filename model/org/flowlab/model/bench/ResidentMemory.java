package org.flowlab.model.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of this process as the Linux kernel reports it in {@code /proc/self/status}:
 * {@code VmRSS} (now) and {@code VmHWM} (the peak). Elsewhere the readings are empty.
 */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /**
     * Whether readings are available on this system.
     *
     * @return true on Linux with a readable /proc
     */
    public static boolean available() {
        return current().isPresent();
    }

    /**
     * The resident set size now.
     *
     * @return bytes, or empty where /proc is not available
     */
    public static OptionalLong current() {
        return field("VmRSS:");
    }

    /**
     * The peak resident set size of the process so far.
     *
     * @return bytes, or empty where /proc is not available
     */
    public static OptionalLong peak() {
        return field("VmHWM:");
    }

    private static OptionalLong field(String key) {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(key)) {
                    return OptionalLong.of(parseKilobytes(line.substring(key.length())) * 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * Parses the value part of a {@code /proc/self/status} line such as {@code "  123456 kB"}.
     *
     * @param value the text after the key
     * @return the number of kilobytes
     */
    static long parseKilobytes(String value) {
        String v = value.trim();
        if (v.endsWith("kB")) {
            v = v.substring(0, v.length() - 2).trim();
        }
        return Long.parseLong(v);
    }
}
