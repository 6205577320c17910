package org.flowlab.model.train;

import java.util.SplittableRandom;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/**
 * How a batch is cut for {@link BatchShards}: into shards that run at the same time, and each
 * shard into passes that run one after the other. Piece (i, r) is pass r of shard i; the pieces'
 * samples follow each other shard by shard, pass by pass.
 *
 * <p>Random sources: one shard draws from the caller's source itself (exactly as an uncut
 * batch); with more, each shard draws from a generator split off it in shard order. Likewise one
 * pass draws from its shard's source, and several from generators split off it in pass order.
 * So a run stays reproducible for a given cut.
 */
final class BatchPieces {

    private final int[][] sizes;
    private final SplittableRandom[][] rngs;
    private final int[][] starts;

    private BatchPieces(int[][] sizes, SplittableRandom[][] rngs, int[][] starts) {
        this.sizes = sizes;
        this.rngs = rngs;
        this.starts = starts;
    }

    /**
     * Cuts a batch.
     *
     * @param batch the number of samples
     * @param shards the number of shards (at most {@code batch})
     * @param passSites most lattice sites per pass, or {@code Long.MAX_VALUE} for one pass
     * @param target the target, whose geometry gives the sites per sample
     * @param rng the caller's random source
     * @return the pieces; every shard has as many passes as the largest needs (a smaller one may
     *     then have an empty last pass)
     */
    static BatchPieces cut(int batch, int shards, long passSites, Target target, SplittableRandom rng) {
        int[] shardSizes = sizes(batch, shards);
        SplittableRandom[] shardRngs = shards == 1 ? new SplittableRandom[] {rng} : split(rng, shards);
        int passes = passes(target, shardSizes[0], passSites);
        int[][] sizes = new int[shards][];
        SplittableRandom[][] rngs = new SplittableRandom[shards][];
        int[][] starts = new int[shards][passes];
        int at = 0;
        for (int i = 0; i < shards; i++) {
            sizes[i] = sizes(shardSizes[i], passes);
            rngs[i] = passes == 1 ? new SplittableRandom[] {shardRngs[i]} : split(shardRngs[i], passes);
            for (int r = 0; r < passes; r++) {
                starts[i][r] = at;
                at += sizes[i][r];
            }
        }
        return new BatchPieces(sizes, rngs, starts);
    }

    int shards() {
        return sizes.length;
    }

    int passes() {
        return sizes[0].length;
    }

    /** The number of samples of piece (i, r). */
    int size(int shard, int pass) {
        return sizes[shard][pass];
    }

    /** The random source of piece (i, r). */
    SplittableRandom rng(int shard, int pass) {
        return rngs[shard][pass];
    }

    /** How many of piece (i, r)'s samples are among the batch's first {@code keepSamples}. */
    int kept(int shard, int pass, int keepSamples) {
        return Math.max(0, Math.min(sizes[shard][pass], keepSamples - starts[shard][pass]));
    }

    /** The pieces' sizes in sample order (shard by shard, pass by pass). */
    int[] flatSizes() {
        int[] flat = new int[shards() * passes()];
        int k = 0;
        for (int[] shard : sizes) {
            for (int size : shard) {
                flat[k++] = size;
            }
        }
        return flat;
    }

    /**
     * How many passes {@code n} samples take: one unless they hold more than {@code passSites}
     * lattice sites, then as few as keep every pass at or below it (at most one per sample).
     */
    static int passes(Target target, int n, long passSites) {
        FieldGeometry geometry = target.geometry();
        if (passSites == Long.MAX_VALUE
                || (geometry != FieldGeometry.LATTICE_FIELD && geometry != FieldGeometry.U1_LINKS)) {
            return 1;
        }
        long size = geometry.latticeSize(target.eventShape());
        long sites = (long) n * size * size;
        return (int) Math.min(n, (sites + passSites - 1) / passSites);
    }

    /** {@code n} split into {@code parts} as evenly as possible, the larger parts first. */
    private static int[] sizes(int n, int parts) {
        int[] sizes = new int[parts];
        for (int i = 0; i < parts; i++) {
            sizes[i] = n / parts + (i < n % parts ? 1 : 0);
        }
        return sizes;
    }

    /** Random sources split off {@code rng} in order. */
    private static SplittableRandom[] split(SplittableRandom rng, int parts) {
        SplittableRandom[] rngs = new SplittableRandom[parts];
        for (int i = 0; i < parts; i++) {
            rngs[i] = rng.split();
        }
        return rngs;
    }
}
