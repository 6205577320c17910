package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.lattice.Phi4Theory;
import org.junit.jupiter.api.Test;

class PathGradientTest {

    private static double[] gradient(
            FlowModel flow, Phi4Theory target, Objective objective, NDManager root, SplittableRandom rng, int batch) {
        try (NDManager step = root.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            StepOutput out = objective.evaluate(flow, target, new StepContext(step, rng, batch, gc));
            gc.backward(out.gradientLoss());
            List<Double> all = new ArrayList<>();
            List<NDArray> grads = new ArrayList<>();
            for (NDArray p : flow.parameters().parameters().values()) {
                NDArray g = p.getGradient();
                g.attach(step);
                grads.add(g);
                for (double v : Tensors.toDoubles(g)) {
                    all.add(v);
                }
            }
            Adam.clear(grads);
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @Test
    void pathGradientIsUnbiasedAndQuieterNearAGoodModel() {
        // given: a float64 flow trained by reverse KL close to the L = 4 free field (seed 6: with
        // about half of the seeds 300 steps give a fresh-sample ESS above 0.6, which this test needs)
        Phi4Theory theory = new Phi4Theory(4, 1.0, 0.0);
        try (FlowModel flow =
                        RealNvp.model(4, new RealNvp.Config(4, 8, 1, 3, false), Device.cpu(), DataType.FLOAT64, 6);
                Trainer trainer = new Trainer(flow, theory, new ReverseKl(), new TrainingConfig(300, 64, 5e-3, 6));
                NDManager root = Compute.newManager(Device.cpu())) {
            for (int i = 0; i < 300; i++) {
                trainer.step();
            }
            double ess = org.flowlab.model.observe.Ess.fraction(trainer.freshLogWeights(2048));
            assertTrue(ess > 0.6, "the model should be good before comparing estimators, ESS " + ess);
            // when: many independent gradient estimates from each estimator
            int repeats = 24;
            SplittableRandom rng = new SplittableRandom(11);
            List<double[]> standard = new ArrayList<>();
            List<double[]> path = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                standard.add(gradient(flow, theory, new ReverseKl(), root, rng, 128));
                path.add(gradient(flow, theory, new PathGradient(), root, rng, 128));
            }
            // then: the means agree within their statistical errors ...
            int n = standard.get(0).length;
            double[] m1 = mean(standard, n);
            double[] m2 = mean(path, n);
            double[] v1 = variance(standard, m1);
            double[] v2 = variance(path, m2);
            double chi2 = 0;
            double totalV1 = 0;
            double totalV2 = 0;
            for (int i = 0; i < n; i++) {
                double se2 = (v1[i] + v2[i]) / repeats;
                chi2 += (m1[i] - m2[i]) * (m1[i] - m2[i]) / se2;
                totalV1 += v1[i];
                totalV2 += v2[i];
            }
            double perComponent = chi2 / n;
            assertTrue(perComponent < 2.0, "mean gradients differ beyond their errors: chi2/n = " + perComponent);
            // ... and the path gradient has a much smaller variance
            assertTrue(totalV2 < 0.5 * totalV1, "variance path " + totalV2 + " vs standard " + totalV1);
        }
    }

    private static double[] mean(List<double[]> xs, int n) {
        double[] m = new double[n];
        for (double[] x : xs) {
            for (int i = 0; i < n; i++) {
                m[i] += x[i] / xs.size();
            }
        }
        return m;
    }

    private static double[] variance(List<double[]> xs, double[] m) {
        double[] v = new double[m.length];
        for (double[] x : xs) {
            for (int i = 0; i < m.length; i++) {
                v[i] += (x[i] - m[i]) * (x[i] - m[i]) / (xs.size() - 1);
            }
        }
        return v;
    }
}
