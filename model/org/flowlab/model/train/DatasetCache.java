package org.flowlab.model.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.flowlab.model.io.AtomicFiles;
import org.flowlab.model.io.FlowLabHome;
import org.flowlab.model.io.Npy;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.Target;

/**
 * Training sets for forward KL, generated once per target and kept in memory and on disk
 * ({@code <flowlab home>/datasets/*.npy}, each with a {@code .sha256} file), keyed by the
 * theory, its settings, the size, the HMC settings and the data seed.
 *
 * <p>A cached file is never trusted: its SHA-256 must match, its shape must be the expected
 * one, every value must be finite and of a plausible magnitude for the theory
 * ({@link #plausibleBound}), and not all configurations may be equal. Any failure to read it is
 * damage: a warning naming the file is logged and the set is generated again (and the file
 * replaced).
 */
public final class DatasetCache {

    /** Ending of the checksum file next to each cached set. */
    public static final String CHECKSUM_SUFFIX = ".sha256";

    private static final Logger LOG = Logger.getLogger(DatasetCache.class.getName());
    private static final DatasetCache SHARED =
            new DatasetCache(FlowLabHome.path().resolve("datasets"));

    private final Path directory;
    private final Map<String, Dataset> memory = new ConcurrentHashMap<>();

    /**
     * Creates a cache in a directory.
     *
     * @param directory where .npy files are kept
     */
    public DatasetCache(Path directory) {
        this.directory = directory;
    }

    /**
     * The process-wide cache under the FlowLab home directory.
     *
     * @return the cache
     */
    public static DatasetCache shared() {
        return SHARED;
    }

    /**
     * The file that holds (or will hold) a training set.
     *
     * @param theoryId theory id
     * @param theorySettings its settings in canonical text form
     * @param count configurations
     * @param thin HMC thinning
     * @param thermalisation HMC thermalisation
     * @param seed data seed
     * @return the path of the .npy file
     */
    public Path file(String theoryId, String theorySettings, int count, int thin, int thermalisation, long seed) {
        return directory.resolve(
                theoryId + "-" + hash(key(theoryId, theorySettings, count, thin, thermalisation, seed)) + ".npy");
    }

    private static String key(
            String theoryId, String theorySettings, int count, int thin, int thermalisation, long seed) {
        return theoryId + "|" + theorySettings + "|n=" + count + "|thin=" + thin + "|therm=" + thermalisation + "|seed="
                + seed;
    }

    /**
     * Returns the training set, from memory, from a verified file, or by generating it.
     *
     * @param theoryId theory id
     * @param theorySettings its settings in canonical text form (part of the cache key)
     * @param target the target
     * @param count configurations
     * @param thin HMC thinning
     * @param thermalisation HMC thermalisation
     * @param seed data seed
     * @param listener progress of generation
     * @param cancelled polled during generation
     * @return the data
     */
    public Dataset get(
            String theoryId,
            String theorySettings,
            Target target,
            int count,
            int thin,
            int thermalisation,
            long seed,
            PreparationListener listener,
            BooleanSupplier cancelled) {
        String key = key(theoryId, theorySettings, count, thin, thermalisation, seed);
        Dataset cached = memory.get(key);
        if (cached != null) {
            return cached;
        }
        Path file = file(theoryId, theorySettings, count, thin, thermalisation, seed);
        long[] expected = expectedShape(target, count);
        if (Files.exists(file)) {
            try {
                Dataset d = new Dataset(eventShape(target), readVerified(file, expected, plausibleBound(target)));
                memory.put(key, d);
                listener.progress("training set (cached)", count, count);
                return d;
            } catch (IOException | RuntimeException e) {
                LOG.warning("the cached training set " + file + " is damaged (" + e.getMessage()
                        + "); generating it again");
            }
        }
        Dataset d = DataGenerator.generate(target, count, thin, thermalisation, seed, listener, cancelled);
        memory.put(key, d);
        try {
            MessageDigest sha = sha256();
            AtomicFiles.write(file, out -> {
                DigestOutputStream digesting = new DigestOutputStream(out, sha);
                Npy.write(digesting, expected, d.values());
                digesting.flush();
            });
            AtomicFiles.writeString(
                    checksumFile(file), HexFormat.of().formatHex(sha.digest()) + "  " + file.getFileName() + "\n");
        } catch (IOException e) {
            LOG.warning("could not cache the training set in " + file + ": " + e.getMessage());
        }
        return d;
    }

    private static Path checksumFile(Path file) {
        return file.resolveSibling(file.getFileName() + CHECKSUM_SUFFIX);
    }

    /**
     * Reads a cached set and checks it: checksum, shape, no trailing bytes, finite values within
     * the bound, not all configurations equal.
     */
    static double[] readVerified(Path file, long[] expected, double bound) throws IOException {
        Path sumFile = checksumFile(file);
        if (!Files.isRegularFile(sumFile)) {
            throw new IOException("its checksum file " + sumFile.getFileName() + " is missing");
        }
        String recorded = Files.readString(sumFile, StandardCharsets.US_ASCII).strip();
        int space = recorded.indexOf(' ');
        recorded = space < 0 ? recorded : recorded.substring(0, space);
        long values = 1;
        for (long d : expected) {
            values = Math.multiplyExact(values, d);
        }
        MessageDigest sha = sha256();
        Npy.Array a;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            a = Npy.read(in, values);
            if (in.read() != -1) {
                throw new IOException("it has bytes after the data");
            }
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(recorded)) {
            throw new IOException("its SHA-256 checksum does not match " + sumFile.getFileName());
        }
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IOException("its shape is " + Arrays.toString(a.shape()) + ", not " + Arrays.toString(expected));
        }
        double[] v = a.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i]) || Math.abs(v[i]) > bound) {
                throw new IOException("value " + i + " is " + v[i] + ", outside the plausible range ±" + bound);
            }
        }
        int size = v.length / (int) expected[0];
        boolean allEqual = expected[0] > 1;
        for (int i = size; i < v.length && allEqual; i++) {
            allEqual = v[i] == v[i % size];
        }
        if (allEqual) {
            throw new IOException("all its configurations are identical");
        }
        return v;
    }

    /**
     * The largest magnitude a value of a training set may plausibly have: angles lie in
     * [0, 2 pi); mixture samples within 40 widths of a mean; phi^4 fields within 20 times the
     * scale sqrt(1 + max(0, -6 m^2 / lambda)) of the potential's minimum (sqrt(1 + 1/m^2) in the
     * free case); anything else within 1e6.
     *
     * @param target the target
     * @return the bound
     */
    public static double plausibleBound(Target target) {
        if (target.periodic()) {
            return 2 * Math.PI + 1e-9;
        }
        if (target instanceof GaussianMixture2D g) {
            double b = 0;
            for (int k = 0; k < g.components(); k++) {
                b = Math.max(b, Math.hypot(g.mean(k)[0], g.mean(k)[1]) + 40 * g.width(k));
            }
            return b;
        }
        if (target instanceof Phi4Theory p) {
            double scale2 = p.lambda() > 0 ? 1 + Math.max(0, -6 * p.m2() / p.lambda()) : 1 + 1 / p.m2();
            return 20 * Math.sqrt(scale2);
        }
        return 1e6;
    }

    private static int[] eventShape(Target target) {
        long[] s = target.eventShape().getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (int) s[i];
        }
        return out;
    }

    private static long[] expectedShape(Target target, int count) {
        long[] s = target.eventShape().getShape();
        long[] out = new long[s.length + 1];
        out[0] = count;
        System.arraycopy(s, 0, out, 1, s.length);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String key) {
        return HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
