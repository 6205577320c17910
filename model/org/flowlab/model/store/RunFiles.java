package org.flowlab.model.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowlab.model.io.AtomicFiles;

/**
 * The files of a run directory, written as generations: every save writes its data files into
 * a new directory {@code gen-NNNNNN}, flushes them and that directory to disk, and then commits
 * by atomically replacing {@code run.json}, which names the generation and the SHA-256 and size
 * of each file. Older generations and stray temporaries are removed after the commit (and at
 * the start of the next save, if a kill interrupted the clean-up). Whatever kills the process,
 * {@code run.json} names either the old complete generation or the new complete one.
 */
final class RunFiles {

    static final Pattern GENERATION = Pattern.compile("gen-([0-9]{6,9})");
    private static final Set<String> LEGACY =
            Set.of(RunStore.PARAMS_FILE, RunStore.OPTIMIZER_FILE, RunStore.METRICS_FILE);

    private RunFiles() {}

    /** A new generation being written. */
    static final class Generation {
        private final Path dir;

        private Generation(Path dir) {
            this.dir = dir;
        }

        String name() {
            return dir.getFileName().toString();
        }

        /**
         * Writes one file of the generation, flushed to disk, and returns its checksum.
         *
         * @param name the file name
         * @param writer the content
         * @return the checksum and size
         * @throws IOException when writing fails
         */
        RunStore.FileCheck write(String name, AtomicFiles.Writer writer) throws IOException {
            MessageDigest sha = sha256();
            long[] count = {0};
            try (FileChannel channel =
                    FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream counting = new OutputStream() {
                    private final OutputStream raw = Channels.newOutputStream(channel);

                    @Override
                    public void write(int b) throws IOException {
                        raw.write(b);
                        count[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        raw.write(b, off, len);
                        count[0] += len;
                    }
                };
                BufferedOutputStream out = new BufferedOutputStream(new DigestOutputStream(counting, sha), 1 << 16);
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            return new RunStore.FileCheck(HexFormat.of().formatHex(sha.digest()), count[0]);
        }

        /** Flushes the generation's directory entries to disk. */
        void sync() {
            AtomicFiles.syncDirectory(dir);
        }
    }

    /**
     * Starts a new generation, numbered after every generation present.
     *
     * @param directory the run directory (exists)
     * @return the generation
     * @throws IOException when the directory cannot be listed or written
     */
    static Generation newGeneration(Path directory) throws IOException {
        int highest = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                Matcher m = GENERATION.matcher(p.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        Path dir = directory.resolve(String.format("gen-%06d", highest + 1));
        Files.createDirectory(dir);
        return new Generation(dir);
    }

    /**
     * Commits a generation: atomically replaces run.json and flushes the directory.
     *
     * @param directory the run directory
     * @param runJson the new run.json
     * @throws IOException when the write fails (the old run.json then stays)
     */
    static void commit(Path directory, String runJson) throws IOException {
        AtomicFiles.writeString(directory.resolve(RunStore.RUN_FILE), runJson);
        AtomicFiles.syncDirectory(directory);
    }

    /**
     * Removes everything a save leaves behind that the committed run.json does not use: other
     * generations, temporaries of interrupted writes, and the flat files of the version 1 layout.
     * Other files are left alone.
     *
     * @param directory the run directory
     * @param keep the committed generation, or null to remove temporaries only (before a save:
     *     generations left by an interrupted save are removed once the next one has committed)
     * @throws IOException when an entry cannot be removed
     */
    static void clean(Path directory, String keep) throws IOException {
        List<Path> doomed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean temporary = name.startsWith(".") && name.endsWith(".tmp");
                boolean oldGeneration = keep != null && GENERATION.matcher(name).matches() && !name.equals(keep);
                boolean legacy = keep != null && LEGACY.contains(name);
                if (temporary || oldGeneration || legacy) {
                    doomed.add(p);
                }
            }
        }
        for (Path p : doomed) {
            deleteTree(p);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                for (Path q : entries) {
                    deleteTree(q);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /**
     * Reads a file whole, at most {@code maxBytes} long, and checks it against its checksum.
     *
     * @param file the file
     * @param check its recorded checksum, or null for a version 1 run (none recorded)
     * @param maxBytes the most bytes accepted
     * @return the content
     * @throws IOException naming the file when it is missing, too long or does not match
     */
    static byte[] readChecked(Path file, RunStore.FileCheck check, long maxBytes) throws IOException {
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new IOException(file + " is a directory, not a file");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing");
        }
        if (check != null && size != check.bytes()) {
            throw new IOException(file + " is damaged: it has " + size + " bytes, run.json records " + check.bytes());
        }
        if (size > maxBytes) {
            throw new IOException(
                    file + " is damaged: " + size + " bytes is more than such a file can hold (" + maxBytes + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) size);
        }
        if (check != null) {
            String actual = HexFormat.of().formatHex(sha256().digest(bytes));
            if (!actual.equals(check.sha256())) {
                throw new IOException(file + " is damaged: its SHA-256 checksum does not match the one in run.json");
            }
        }
        return bytes;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
