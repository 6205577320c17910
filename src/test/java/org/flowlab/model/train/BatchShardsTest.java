package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.flowlab.model.lattice.Phi4Theory;
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
                BatchShards shards = new BatchShards(2, false, "test")) {
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
                BatchShards shards = new BatchShards(2, false, "test")) {
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
                BatchShards shards = new BatchShards(1, false, "test")) {
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
}
