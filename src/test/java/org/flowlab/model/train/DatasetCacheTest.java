package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-set cache never trusts a file: every kind of damage (even with a checksum that
 * matches it) gives a warning naming the file and the set is generated again, identical to the
 * original.
 */
class DatasetCacheTest {

    private static final int COUNT = 400;
    private static final long SEED = 7;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Dataset load(DatasetCache cache, Target target) {
        Logger log = Logger.getLogger(DatasetCache.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(h);
        try {
            return cache.get("mixture2d", "pair", target, COUNT, 1, 0, SEED, PreparationListener.NONE, () -> false);
        } finally {
            log.removeHandler(h);
        }
    }

    private static byte[] npy(String descr, String shape, byte[] data, int major) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        String text = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(12 + text.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})
                .put((byte) major)
                .put((byte) 0);
        if (major == 1) {
            b.putShort((short) text.length());
        } else {
            b.putInt(text.length());
        }
        b.put(text.getBytes(StandardCharsets.US_ASCII)).put(data);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] doubles(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    /** Replaces the file and writes a checksum that matches the damage, so only the other checks can catch it. */
    private static void replaceWithChecksum(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.writeString(
                file.resolveSibling(file.getFileName() + DatasetCache.CHECKSUM_SUFFIX),
                sha + "  " + file.getFileName() + "\n");
    }

    private interface Damage {
        void apply(Path file, double[] original) throws Exception;
    }

    private static Damage values(UnaryOperator<double[]> change) {
        return (file, original) ->
                replaceWithChecksum(file, npy("<f8", "(" + COUNT + ", 2)", doubles(change.apply(original.clone())), 1));
    }

    private static Damage header(String descr, String shape, int major) {
        return (file, original) -> replaceWithChecksum(file, npy(descr, shape, doubles(original), major));
    }

    @Test
    void everyKindOfDamageIsWarnedAboutAndRegenerated() throws Exception {
        GaussianMixture2D target = GaussianMixture2D.symmetricPair(3, 0);
        double[] original = load(new DatasetCache(dir), target).values();
        Path file = new DatasetCache(dir).file("mixture2d", "pair", COUNT, 1, 0, SEED);
        assertTrue(Files.isRegularFile(file));
        List<Damage> damages = List.of(
                values(v -> new double[v.length]),
                values(v -> {
                    v[17] = 1e6;
                    return v;
                }),
                values(v -> {
                    java.util.Arrays.fill(v, Double.NaN);
                    return v;
                }),
                values(v -> {
                    v[3] = Double.POSITIVE_INFINITY;
                    return v;
                }),
                header("<f8", "('a', 2)", 1),
                header("<f8", "(-400, 2)", 1),
                header("<f8", "(99999999999999999999, 2)", 1),
                header("<f8", "(1000000000000, 1000000000000)", 1),
                header("<f8", "(" + (COUNT + 8) + ", 2)", 1),
                header("<i8", "(" + COUNT + ", 2)", 1),
                header("<f8", "(" + COUNT + ", 2)", 9),
                (f, o) -> {
                    byte[] b = Files.readAllBytes(f);
                    replaceWithChecksum(f, java.util.Arrays.copyOf(b, b.length - 100));
                },
                (f, o) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(Files.readAllBytes(f));
                    out.write(new byte[] {1, 2, 3});
                    replaceWithChecksum(f, out.toByteArray());
                },
                (f, o) -> {
                    byte[] b = Files.readAllBytes(f);
                    b[b.length - 20] ^= 0x10;
                    Files.write(f, b);
                },
                (f, o) -> Files.delete(f.resolveSibling(f.getFileName() + DatasetCache.CHECKSUM_SUFFIX)),
                (f, o) -> replaceWithChecksum(f, new byte[0]),
                (f, o) -> replaceWithChecksum(f, "not numpy at all".getBytes(StandardCharsets.US_ASCII)),
                (f, o) -> {
                    byte[] b = Files.readAllBytes(f);
                    b[8] = (byte) 0xff;
                    b[9] = (byte) 0xff;
                    replaceWithChecksum(f, b);
                },
                (f, o) -> {
                    Files.delete(f);
                    Files.createDirectory(f);
                });
        for (int i = 0; i < damages.size(); i++) {
            // given: a damaged cache file
            damages.get(i).apply(file, original);
            warnings.clear();
            // when: a fresh cache (nothing in memory) asks for the set
            double[] again = load(new DatasetCache(dir), target).values();
            // then: a warning naming the file, and the set regenerated as it was
            assertTrue(!warnings.isEmpty() && warnings.get(0).contains("damaged"), "damage " + i + ": " + warnings);
            assertTrue(warnings.get(0).contains(file.toString()), warnings.get(0));
            assertArrayEquals(original, again, 0.0, "damage " + i);
            if (Files.isDirectory(file)) {
                Files.delete(file);
                load(new DatasetCache(dir), target);
            }
            // and the file is whole again
            warnings.clear();
            load(new DatasetCache(dir), target);
            assertEquals(List.of(), warnings, "damage " + i + " was not repaired");
        }
    }

    @Test
    void plausibleBoundsFollowTheTheory() {
        assertEquals(2 * Math.PI, DatasetCache.plausibleBound(new org.flowlab.model.lattice.VonMises(2, 0)), 1e-6);
        double pair = DatasetCache.plausibleBound(GaussianMixture2D.symmetricPair(3, 0));
        assertTrue(pair > 3 + 30 && pair < 1e3, "bound " + pair);
        // phi^4 in the broken phase: the wells sit at phi^2 = -6 m^2 / lambda
        double broken = DatasetCache.plausibleBound(new Phi4Theory(8, -4, 1));
        assertTrue(broken > Math.sqrt(24) && broken < 1e6 / 10, "bound " + broken);
    }
}
