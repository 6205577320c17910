package org.flowlab.model.train;

import org.flowlab.model.io.AtomicFiles;
import org.flowlab.model.io.FlowLabHome;
import org.flowlab.model.io.Npy;
import org.flowlab.model.lattice.Target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Training sets for forward KL, generated once per target and kept in memory and on disk
 * ({@code <flowlab home>/datasets/*.npy}), keyed by the theory, its settings, the size, the
 * HMC settings and the data seed. A damaged cache file is regenerated, never trusted.
 */
public final class DatasetCache {

    private static final Logger LOG = Logger.getLogger(DatasetCache.class.getName());
    private static final DatasetCache SHARED = new DatasetCache(FlowLabHome.path().resolve("datasets"));

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
     * Returns the training set, from memory, from disk, or by generating it.
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
        String key = theoryId + "|" + theorySettings + "|n=" + count + "|thin=" + thin + "|therm=" + thermalisation + "|seed=" + seed;
        Dataset cached = memory.get(key);
        if (cached != null) {
            return cached;
        }
        Path file = directory.resolve(theoryId + "-" + hash(key) + ".npy");
        long[] expected = expectedShape(target, count);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                Npy.Array a = Npy.read(in);
                if (java.util.Arrays.equals(a.shape(), expected)) {
                    Dataset d = new Dataset(eventShape(target), a.values());
                    memory.put(key, d);
                    listener.progress("training set (cached)", count, count);
                    return d;
                }
                LOG.warning("ignoring cached training set with the wrong shape: " + file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "ignoring damaged cached training set " + file + ": " + e.getMessage());
            }
        }
        Dataset d = DataGenerator.generate(target, count, thin, thermalisation, seed, listener, cancelled);
        memory.put(key, d);
        try {
            AtomicFiles.write(file, out -> Npy.write(out, expected, d.values()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not cache the training set in " + file + ": " + e.getMessage());
        }
        return d;
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

    private static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
