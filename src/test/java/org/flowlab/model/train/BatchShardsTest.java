package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.junit.jupiter.api.Test;

class BatchShardsTest {

    private static final int L = 4;
    private static final int BATCH = 9;

    private static FlowModel flow() {
        return RealNvp.model(L, new RealNvp.Config(2, 4, 2, 3, true), Device.cpu(), DataType.FLOAT64, 3);
    }

    private static List<double[]> gradients(FlowModel flow) {
        List<double[]> out = new ArrayList<>();
        for (NDArray p : flow.parameters().parameters().values()) {
            try (NDArray g = p.getGradient()) {
                out.add(Tensors.toDoubles(g));
                g.subi(g);
            }
        }
        return out;
    }

    /** The two shards' random sources, split off a generator seeded {@code seed} in shard order. */
    private static SplittableRandom[] shardSources(long seed) {
        SplittableRandom parent = new SplittableRandom(seed);
        return new SplittableRandom[] {parent.split(), parent.split()};
    }

    @Test
    void shardedStepGivesTheLossAndGradientOfTheWholeBatch() {
        Phi4Theory theory = Phi4Theory.symmetric(L);
        ReverseKl objective = new ReverseKl();
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(2, false, Long.MAX_VALUE, "test")) {
            // given: the shards' random sources, as the runner will split them off the trainer's
            SplittableRandom[] sources = shardSources(42);
            SplittableRandom first = sources[0];
            SplittableRandom second = sources[1];
            // when: 9 samples in shards of 5 and 4 on two threads
            BatchShards.Result sharded;
            try (NDManager step = root.newSubManager();
                    GradientCollector gc = Compute.engine().newGradientCollector()) {
                sharded = shards.run(objective, flow, theory, step, gc, new SplittableRandom(42), BATCH, 7);
            }
            List<double[]> shardedGrads = gradients(flow);
            // and: the same 9 samples as one batch on this thread
            double loss;
            double[] logWeights;
            try (NDManager step = root.newSubManager();
                    GradientCollector gc = Compute.engine().newGradientCollector()) {
                NDArray z = flow.prior()
                        .sample(step, 5, first, DataType.FLOAT64)
                        .concat(flow.prior().sample(step, 4, second, DataType.FLOAT64), 0);
                FlowSample s = flow.push(z);
                NDArray perSample = s.logQ().add(theory.action(s.x()));
                NDArray mean = perSample.mean();
                loss = Tensors.toDoubles(mean)[0];
                logWeights = Tensors.toDoubles(perSample.neg());
                gc.backward(mean);
            }
            List<double[]> wholeGrads = gradients(flow);
            // then
            assertEquals(loss, sharded.loss(), 1e-12);
            assertArrayEquals(logWeights, sharded.logWeights(), 1e-12);
            assertEquals(7 * L * L, sharded.samples().length, "the first 7 samples, across both shards");
            for (int i = 0; i < wholeGrads.size(); i++) {
                assertArrayEquals(wholeGrads.get(i), shardedGrads.get(i), 1e-12, "gradient " + i);
            }
        }
    }

    @Test
    void freshLogWeightsAreThoseOfEachShardsOwnSamplesInShardOrder() {
        Phi4Theory theory = Phi4Theory.symmetric(L);
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(2, false, Long.MAX_VALUE, "test")) {
            // given: the shards' random sources, as the runner splits them off the stream
            SplittableRandom[] sources = shardSources(7);
            SplittableRandom first = sources[0];
            SplittableRandom second = sources[1];
            double[] expected = new double[BATCH];
            try (NDManager scope = root.newSubManager()) {
                FlowSample a = flow.sample(scope, 5, first);
                FlowSample b = flow.sample(scope, 4, second);
                System.arraycopy(Tensors.toDoubles(a.logWeights(theory)), 0, expected, 0, 5);
                System.arraycopy(Tensors.toDoubles(b.logWeights(theory)), 0, expected, 5, 4);
            }
            // when: 9 samples in shards of 5 and 4 on two threads
            double[] got = shards.freshLogWeights(flow, theory, root, new SplittableRandom(7), BATCH);
            // then
            assertArrayEquals(expected, got, 1e-12);
        }
    }

    @Test
    void oneShardRunsOnTheCallingThreadWithTheTrainersRandomSource() {
        Phi4Theory theory = Phi4Theory.symmetric(L);
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(1, false, Long.MAX_VALUE, "test")) {
            double expected;
            try (NDManager step = root.newSubManager()) {
                StepOutput out = new ReverseKl()
                        .evaluate(flow, theory, new StepContext(step, new SplittableRandom(5), BATCH, null));
                expected = Tensors.toDoubles(out.loss())[0];
            }
            BatchShards.Result r;
            try (NDManager step = root.newSubManager();
                    GradientCollector gc = Compute.engine().newGradientCollector()) {
                r = shards.run(new ReverseKl(), flow, theory, step, gc, new SplittableRandom(5), BATCH, 0);
            }
            assertEquals(expected, r.loss(), 0.0);
            assertEquals(null, r.samples());
        }
    }

    /** Sites per pass that split a shard of 5 samples of 4 x 4 (80 sites) into two passes. */
    private static final long SMALL_PASSES = 48;

    /** Loss, log weights and gradients of the given prior draws as one batch on this thread. */
    private record Whole(double loss, double[] logWeights, List<double[]> gradients) {}

    private static Whole whole(
            FlowModel flow, Phi4Theory theory, NDManager root, int[] sizes, SplittableRandom[] rngs) {
        double loss;
        double[] logWeights;
        try (NDManager step = root.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            NDArray z = flow.prior().sample(step, sizes[0], rngs[0], DataType.FLOAT64);
            for (int i = 1; i < sizes.length; i++) {
                z = z.concat(flow.prior().sample(step, sizes[i], rngs[i], DataType.FLOAT64), 0);
            }
            FlowSample s = flow.push(z);
            NDArray perSample = s.logQ().add(theory.action(s.x()));
            NDArray mean = perSample.mean();
            loss = Tensors.toDoubles(mean)[0];
            logWeights = Tensors.toDoubles(perSample.neg());
            gc.backward(mean);
        }
        return new Whole(loss, logWeights, gradients(flow));
    }

    /** One reverse-KL step of {@code shards} with the trainer's source seeded {@code seed}. */
    private static BatchShards.Result step(
            BatchShards shards, FlowModel flow, Phi4Theory theory, NDManager root, long seed, int batch, int keep) {
        try (NDManager step = root.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            return shards.run(new ReverseKl(), flow, theory, step, gc, new SplittableRandom(seed), batch, keep);
        }
    }

    /** Loss, log weights, kept samples and gradients of a cut batch equal those of the whole. */
    private static void assertSameAsWhole(
            Whole expected, BatchShards.Result r, List<double[]> got, int kept, String what) {
        assertEquals(expected.loss(), r.loss(), 1e-12);
        assertArrayEquals(expected.logWeights(), r.logWeights(), 1e-12);
        assertEquals(kept * L * L, r.samples().length, what);
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(expected.gradients().get(i), got.get(i), 1e-12, "gradient " + i);
        }
    }

    @Test
    void shardsInSeveralPassesGiveTheLossAndGradientOfTheWholeBatch() {
        Phi4Theory theory = Phi4Theory.symmetric(L);
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(2, false, SMALL_PASSES, "test")) {
            // given: shards of 5 and 4 samples, each in two passes (3 + 2 and 2 + 2), whose random
            // sources are split off each shard's in pass order
            SplittableRandom[] sources = shardSources(42);
            SplittableRandom[] pieces = {sources[0].split(), sources[0].split(), sources[1].split(), sources[1].split()
            };
            Whole expected = whole(flow, theory, root, new int[] {3, 2, 2, 2}, pieces);
            // when
            BatchShards.Result sharded = step(shards, flow, theory, root, 42, BATCH, 7);
            List<double[]> got = gradients(flow);
            // then
            assertSameAsWhole(expected, sharded, got, 7, "the first 7 samples, across passes and shards");
        }
    }

    @Test
    void oneShardInSeveralPassesGivesTheLossAndGradientOfTheWholeBatch() {
        Phi4Theory theory = Phi4Theory.symmetric(L);
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(1, false, SMALL_PASSES, "test")) {
            // given: 9 samples of 16 sites in passes of at most 48 sites: 3 + 3 + 3
            SplittableRandom trainer = new SplittableRandom(11);
            SplittableRandom[] pieces = {trainer.split(), trainer.split(), trainer.split()};
            Whole expected = whole(flow, theory, root, new int[] {3, 3, 3}, pieces);
            // when
            BatchShards.Result r = step(shards, flow, theory, root, 11, BATCH, 4);
            List<double[]> got = gradients(flow);
            // then
            assertSameAsWhole(expected, r, got, 4, "the first 4 samples, across passes");
        }
    }

    @Test
    void aSmallerShardWithAPassFewerStillGivesTheWholeBatch() {
        // 3 samples of 16 sites in shards of 2 and 1, passes of at most 16 sites: the first shard
        // takes two passes, the second has nothing left for its second
        Phi4Theory theory = Phi4Theory.symmetric(L);
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(2, false, 16, "test")) {
            SplittableRandom[] sources = shardSources(21);
            SplittableRandom[] pieces = {sources[0].split(), sources[0].split(), sources[1].split()};
            Whole expected = whole(flow, theory, root, new int[] {1, 1, 1}, pieces);
            BatchShards.Result r = step(shards, flow, theory, root, 21, 3, 3);
            List<double[]> got = gradients(flow);
            assertSameAsWhole(expected, r, got, 3, "the first 3 samples");
        }
    }

    @Test
    void shardsInSeveralPassesGiveTheSameGradientBitForBitEveryTime() {
        // two shards finishing their passes in any order must add up to the same bits: the
        // rounds' sums are added in round order (a third term in one buffer would not commute)
        Phi4Theory theory = Phi4Theory.symmetric(L);
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(2, false, 16, "test")) {
            List<double[]> first = null;
            for (int run = 0; run < 30; run++) {
                step(shards, flow, theory, root, 3, BATCH, 0);
                List<double[]> got = gradients(flow);
                if (first == null) {
                    first = got;
                } else {
                    for (int i = 0; i < got.size(); i++) {
                        assertArrayEquals(first.get(i), got.get(i), 0.0, "run " + run + ", gradient " + i);
                    }
                }
            }
        }
    }

    @Test
    void freshLogWeightsInSeveralPassesAreThoseOfEachPassInOrder() {
        Phi4Theory theory = Phi4Theory.symmetric(L);
        try (FlowModel flow = flow();
                NDManager root = Compute.newManager(Device.cpu());
                BatchShards shards = new BatchShards(2, false, SMALL_PASSES, "test")) {
            SplittableRandom[] sources = shardSources(7);
            int[] sizes = {3, 2, 2, 2};
            SplittableRandom[] pieces = {sources[0].split(), sources[0].split(), sources[1].split(), sources[1].split()
            };
            double[] expected = new double[BATCH];
            try (NDManager scope = root.newSubManager()) {
                int at = 0;
                for (int i = 0; i < sizes.length; i++) {
                    FlowSample s = flow.sample(scope, sizes[i], pieces[i]);
                    System.arraycopy(Tensors.toDoubles(s.logWeights(theory)), 0, expected, at, sizes[i]);
                    at += sizes[i];
                }
            }
            double[] got = shards.freshLogWeights(flow, theory, root, new SplittableRandom(7), BATCH);
            assertArrayEquals(expected, got, 1e-12);
        }
    }

    @Test
    void aShardTakesAsFewPassesAsKeepEachAtMostTheSiteLimit() {
        try (BatchShards shards = new BatchShards(2, false, BatchShards.PASS_SITES, "test")) {
            // 16,384 sites: 32 samples of 32 x 32 take two passes, of 16 x 16 one
            assertEquals(2, shards.passes(Phi4Theory.symmetric(32), 32));
            assertEquals(4, shards.passes(Phi4Theory.symmetric(32), 64));
            assertEquals(1, shards.passes(Phi4Theory.symmetric(16), 32));
            assertEquals(1, shards.passes(Phi4Theory.symmetric(16), 64));
            assertEquals(2, shards.passes(Phi4Theory.symmetric(16), 65));
            assertEquals(1, shards.passes(Phi4Theory.symmetric(8), 256));
            assertEquals(2, shards.passes(Phi4Theory.symmetric(8), 257));
            // links count the lattice's sites, not the two angles per site
            assertEquals(2, shards.passes(new U1GaugeTheory(32, 2.0), 32));
            assertEquals(1, shards.passes(new U1GaugeTheory(16, 2.0), 64));
            // never more passes than samples, and none for points of the plane
            assertEquals(3, shards.passes(Phi4Theory.symmetric(256), 3));
            assertEquals(1, shards.passes(GaussianMixture2D.threeModes(), 100_000));
        }
        try (BatchShards whole = new BatchShards(2, false, Long.MAX_VALUE, "test")) {
            assertEquals(1, whole.passes(Phi4Theory.symmetric(64), 1000));
        }
        assertNotEquals(Long.MAX_VALUE, BatchShards.PASS_SITES);
    }
}
