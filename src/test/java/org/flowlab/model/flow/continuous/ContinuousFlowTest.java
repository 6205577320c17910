package org.flowlab.model.flow.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.core.FlowSnapshot;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.testing.Numerics;
import org.flowlab.testing.TestFlows;
import org.flowlab.testing.TestTensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Integration, inversion, densities and snapshots of continuous flows (float64). */
class ContinuousFlowTest {

    private static final int L = 4;
    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = Compute.newManager(Device.cpu());
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** A float64 flow with random weights, scaled so the map is far from the identity. */
    static FlowModel flow(String kind, OdeIntegrator integrator, int steps, ContinuousFlow.GradientMode mode) {
        double scale = kind.equals("equivariant") ? 1.0 : kind.equals("circle") ? 3.0 : 2.0;
        return TestFlows.continuous(kind, integrator, steps, mode, scale, 23);
    }

    private static double maxAbsDiff(double[] a, double[] b, boolean angles) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            if (angles) {
                d = Math.IEEEremainder(d, 2 * Math.PI);
            }
            worst = Math.max(worst, Math.abs(d));
        }
        return worst;
    }

    @ParameterizedTest
    @ValueSource(strings = {"toy-split", "mlp", "circle", "equivariant"})
    void rk4ForwardThenBackwardReturnsTheStart(String kind) {
        // given: RK4 with 24 steps; its global error is O(h^4), so the round trip closes to
        // about 1e-5 for these O(1) velocities (tolerance 1e-4 on states and log-dets)
        try (FlowModel model = flow(kind, OdeIntegrator.RK4, 24, ContinuousFlow.GradientMode.BACKPROP)) {
            NDArray z = model.prior().sample(manager, 16, new SplittableRandom(3), DataType.FLOAT64);
            // when
            Transformed there = model.transform().forward(z);
            Transformed back = model.transform().inverse(there.value());
            // then
            boolean angles = kind.equals("circle");
            double moved = maxAbsDiff(Tensors.toDoubles(z), Tensors.toDoubles(there.value()), angles);
            assertTrue(moved > 0.1, kind + ": the flow should move the samples, moved " + moved);
            double error = maxAbsDiff(Tensors.toDoubles(z), Tensors.toDoubles(back.value()), angles);
            assertTrue(error < 1e-4, kind + ": round trip error " + error);
            double[] sum = Tensors.toDoubles(there.logDet().add(back.logDet()));
            double logDetError = maxAbsDiff(sum, new double[sum.length], false);
            assertTrue(logDetError < 1e-4, kind + ": log-dets do not cancel, " + logDetError);
            assertTrue(
                    maxAbsDiff(Tensors.toDoubles(there.logDet()), new double[sum.length], false) > 0.05,
                    kind + ": the flow should change volume");
        }
    }

    @ParameterizedTest
    @CsvSource({"RK4, 8, 16, 20, 64", "EULER, 8, 16, 1.5, 3"})
    void roundTripErrorShrinksWithTheOrderOfTheScheme(
            OdeIntegrator integrator, int coarse, int fine, double low, double high) {
        // given: the MLP flow. Euler's round trip errs by O(h^2) per step, O(h) in all, so doubling
        // the steps halves it; RK4's local error C h^5 changes sign with h and cancels to leading
        // order between the forward and the backward step, leaving O(h^5) in all: a factor 32
        double[] error = new double[2];
        int[] steps = {coarse, fine};
        for (int i = 0; i < 2; i++) {
            try (FlowModel model = flow("mlp", integrator, steps[i], ContinuousFlow.GradientMode.BACKPROP)) {
                NDArray z = model.prior().sample(manager, 16, new SplittableRandom(3), DataType.FLOAT64);
                // when
                NDArray back = model.transform()
                        .inverse(model.transform().forward(z).value())
                        .value();
                error[i] = maxAbsDiff(Tensors.toDoubles(z), Tensors.toDoubles(back), false);
            }
        }
        // then
        double ratio = error[0] / error[1];
        assertTrue(
                ratio > low && ratio < high,
                integrator + ": error " + error[0] + " -> " + error[1] + ", ratio " + ratio);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "circle", "equivariant"})
    void divergenceIntegralIsTheLogDeterminantOfTheMap(String kind) {
        // given: RK4 with 16 steps, so the integrated divergence approximates the log-det of
        // the discrete map to O(h^4) (tolerance 1e-4 relative)
        try (FlowModel model = flow(kind, OdeIntegrator.RK4, 16, ContinuousFlow.GradientMode.BACKPROP)) {
            Shape event = model.prior().eventShape();
            double[] z = Tensors.toDoubles(model.prior().sample(manager, 1, new SplittableRandom(1), DataType.FLOAT64));
            // when
            double logDet = Tensors.toDoubles(model.transform()
                    .forward(manager.create(z, new Shape(1).addAll(event)))
                    .logDet())[0];
            Function<NDArray, NDArray> map = TestTensors.forwardValue(model.transform());
            double expected = Numerics.logAbsDet(TestTensors.jacobian(manager, map, z, event, 1e-5));
            // then
            assertTrue(Math.abs(expected) > 0.05, kind + ": the map should change volume, log J " + expected);
            assertEquals(expected, logDet, 1e-4 * Math.max(1, Math.abs(expected)), kind);
        }
    }

    @Test
    void samplingOutsideTrainingKeepsOneStepAtATime() {
        // given: back-propagation mode, but no gradient collector open
        long[] peaks = new long[2];
        int[] steps = {4, 16};
        for (int i = 0; i < 2; i++) {
            try (FlowModel model = flow("mlp", OdeIntegrator.RK4, steps[i], ContinuousFlow.GradientMode.BACKPROP);
                    NDManager scope = manager.newSubManager()) {
                ContinuousFlow cnf = (ContinuousFlow) model.transform();
                cnf.trackMemory(true);
                // when
                model.sample(scope, 256, new SplittableRandom(2));
                peaks[i] = cnf.memoryPeak().bytes();
            }
        }
        // then
        assertTrue(peaks[0] > 0);
        assertEquals(peaks[0], peaks[1], "peak bytes for 4 and 16 steps");
    }

    @Test
    void circleFlowStaysOnTheCircle() {
        try (FlowModel model = flow("circle", OdeIntegrator.EULER, 7, ContinuousFlow.GradientMode.BACKPROP)) {
            // given / when
            FlowSample s = model.sample(manager, 512, new SplittableRandom(4));
            // then
            for (double theta : Tensors.toDoubles(s.x())) {
                assertTrue(theta >= 0 && theta < 2 * Math.PI, "angle " + theta + " left [0, 2 pi)");
            }
        }
    }

    @Test
    void toyFieldDensityMatchesAHistogramOfPushedSamples() {
        // given: the Lecture 1 field pushed for t in [0, 1] with RK4 (30 steps)
        try (FlowModel model = flow("toy-split", OdeIntegrator.RK4, 30, ContinuousFlow.GradientMode.BACKPROP)) {
            ContinuousFlow cnf = (ContinuousFlow) model.transform();
            int n = 40_000;
            // pushed in chunks of 10 000: arrays below PyTorch's parallel grain size run on one
            // thread, which keeps this test fast on a loaded machine
            double[] x = new double[2 * n];
            SplittableRandom rng = new SplittableRandom(8);
            for (int done = 0; done < n; done += 10_000) {
                try (NDManager chunk = manager.newSubManager()) {
                    double[] part =
                            Tensors.toDoubles(model.sample(chunk, 10_000, rng).x());
                    System.arraycopy(part, 0, x, 2 * done, part.length);
                }
            }
            // when: a 2D histogram on [-4, 4] x [-1.2, 1.2] and the model's probability of each
            // bin from log q (midpoint rule on a 3 x 3 sub-grid per bin)
            int bx = 24;
            int by = 16;
            double x0 = -4;
            double wx = 8.0 / bx;
            double y0 = -1.2;
            double wy = 2.4 / by;
            long[] counts = new long[bx * by];
            for (int i = 0; i < n; i++) {
                int ix = (int) Math.floor((x[2 * i] - x0) / wx);
                int iy = (int) Math.floor((x[2 * i + 1] - y0) / wy);
                if (ix >= 0 && ix < bx && iy >= 0 && iy < by) {
                    counts[ix * by + iy]++;
                }
            }
            int sub = 3;
            double[] grid = new double[bx * by * sub * sub * 2];
            int k = 0;
            for (int ix = 0; ix < bx; ix++) {
                for (int iy = 0; iy < by; iy++) {
                    for (int a = 0; a < sub; a++) {
                        for (int b = 0; b < sub; b++) {
                            grid[k++] = x0 + (ix + (a + 0.5) / sub) * wx;
                            grid[k++] = y0 + (iy + (b + 0.5) / sub) * wy;
                        }
                    }
                }
            }
            double[] logQ = Tensors.toDoubles(
                    cnf.logDensityAt(manager.create(grid, new Shape(grid.length / 2, 2)), 1.0, model.prior()));
            // then: Pearson chi^2 over the bins with at least 20 expected counts
            double chi2 = 0;
            int bins = 0;
            double mass = 0;
            for (int bin = 0; bin < bx * by; bin++) {
                double p = 0;
                for (int s = 0; s < sub * sub; s++) {
                    p += Math.exp(logQ[bin * sub * sub + s]) / (sub * sub);
                }
                p *= wx * wy;
                mass += p;
                double expected = n * p;
                if (expected >= 20) {
                    chi2 += (counts[bin] - expected) * (counts[bin] - expected) / expected;
                    bins++;
                }
            }
            assertTrue(bins > 150, "bins used: " + bins);
            double perBin = chi2 / bins;
            assertTrue(perBin < 1.25, "chi^2 per bin " + perBin + " over " + bins + " bins");
            assertTrue(mass > 0.99 && mass < 1.01, "the density should be normalised on the window, mass " + mass);
        }
    }

    @Test
    void toyFieldSplitsOneGaussianIntoTwoPeaks() {
        try (FlowModel model = flow("toy-split", OdeIntegrator.RK4, 30, ContinuousFlow.GradientMode.BACKPROP)) {
            ContinuousFlow cnf = (ContinuousFlow) model.transform();
            // given: the density along the x0 axis at t = 0 and t = 1
            int points = 81;
            double[] axis = new double[2 * points];
            for (int i = 0; i < points; i++) {
                axis[2 * i] = -4 + 8.0 * i / (points - 1);
            }
            NDArray line = manager.create(axis, new Shape(points, 2));
            // when
            double[] before = Tensors.toDoubles(cnf.logDensityAt(line, 0, model.prior()));
            double[] after = Tensors.toDoubles(cnf.logDensityAt(line, 1, model.prior()));
            // then: one peak at 0 before, two symmetric peaks away from 0 after
            assertEquals(List.of(40), peaks(before));
            List<Integer> split = peaks(after);
            assertEquals(2, split.size(), "peaks at t = 1: " + split);
            assertEquals(80, split.get(0) + split.get(1));
            assertTrue(after[40] < after[split.get(0)] - 0.5, "the centre should be a valley at t = 1");
        }
    }

    private static List<Integer> peaks(double[] f) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 1; i < f.length - 1; i++) {
            if (f[i] > f[i - 1] && f[i] > f[i + 1]) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void snapshotsFollowTheFlowInTime() {
        try (FlowModel model = flow("toy-split", OdeIntegrator.RK4, 30, ContinuousFlow.GradientMode.BACKPROP)) {
            ContinuousFlow cnf = (ContinuousFlow) model.transform();
            // given
            NDArray z = model.prior().sample(manager, 64, new SplittableRandom(6), DataType.FLOAT64);
            // when
            List<FlowSnapshot> snaps =
                    cnf.snapshots(z, model.prior().logProb(z), new double[] {0, 1.0 / 3, 2.0 / 3, 1});
            // then: t = 0 is the prior sample, t = 1 the flow's output, and each log density
            // agrees with the density evaluated backwards from that time
            assertEquals(4, snaps.size());
            assertEquals(
                    0,
                    maxAbsDiff(
                            Tensors.toDoubles(z), Tensors.toDoubles(snaps.get(0).x()), false),
                    0);
            FlowSample full = model.push(z);
            assertTrue(maxAbsDiff(
                            Tensors.toDoubles(full.x()),
                            Tensors.toDoubles(snaps.get(3).x()),
                            false)
                    < 1e-12);
            assertTrue(maxAbsDiff(
                            Tensors.toDoubles(full.logQ()),
                            Tensors.toDoubles(snaps.get(3).logQ()),
                            false)
                    < 1e-12);
            for (FlowSnapshot s : snaps) {
                double[] backwards = Tensors.toDoubles(cnf.logDensityAt(s.x(), s.t(), model.prior()));
                assertTrue(maxAbsDiff(backwards, Tensors.toDoubles(s.logQ()), false) < 1e-6, "t = " + s.t());
            }
        }
    }
}
