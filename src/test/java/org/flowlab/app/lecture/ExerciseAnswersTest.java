package org.flowlab.app.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.flowlab.app.view.course.CourseTools;
import org.flowlab.app.view.course.Pretrained;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.continuous.OdeIntegrator;
import org.flowlab.model.flow.continuous.ToySplitVelocity;
import org.flowlab.model.flow.continuous.Velocity;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.GaussianPrior;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.flow.coupling.LayerTrace;
import org.flowlab.model.flow.coupling.Masks;
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.flow.gauge.GaugeCheck;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.math.Bessel;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Reweighting;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.Phi4Kind;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.Objective;
import org.flowlab.model.train.PathGradient;
import org.flowlab.model.train.ReverseKl;
import org.flowlab.model.train.StepContext;
import org.flowlab.model.train.StepOutput;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * Every numeric answer of the course panes against the code that computes it: each literal in
 * an exercise block must be what FlowLab itself gives (within the exercise's tolerance), and
 * every numeric exercise of the panes must have its computation here.
 */
class ExerciseAnswersTest {

    /** The panes whose numeric answers this test owns. */
    static final List<String> PANES = List.of(
            "02b-coupling-layers",
            "02c-reverse-kl",
            "02d-forward-kl",
            "02e-ess-reweighting",
            "02f-path-gradients",
            "02g-continuous",
            "03-compact");

    private final Map<String, DoubleSupplier> computed = new LinkedHashMap<>();

    /** Statistical tolerances of the Monte Carlo computations (about four standard errors). */
    private static final Map<String, Double> STATISTICAL = Map.of(
            "ess-gaussian-width",
            0.01,
            "ess-volume",
            0.02,
            "ess-missing-mode",
            0.02,
            "ess-missing-mode-mean",
            0.02,
            "pg-standard-variance",
            0.005);

    ExerciseAnswersTest() {
        computed.put(
                "cl-affine-1d",
                () -> scalar(m -> new GaussianPrior(new Shape(1)).logProb(m.create(new double[] {0}, new Shape(1, 1))))
                        - Math.log(2));
        computed.put("cl-logdet-uniform", () -> 0.1 * updatedSites(Masks.checkerboard(8, 0)));
        computed.put("cl-param-count", () -> {
            try (FlowModel f =
                    RealNvp.model(8, new RealNvp.Config(8, 8, 2, 3, true), Device.cpu(), DataType.FLOAT32, 1)) {
                return f.parameters().count();
            }
        });
        computed.put("cl-layer-view-logq", () -> {
            try (Experiment e = Pretrained.open(Pretrained.REALNVP_PHI4)) {
                LayerTrace t = LayerTrace.of(e.flow(), e.target(), 1);
                assertEquals(t.logQ(), t.logQFromLayers(), 1e-3, "the layers add up to the flow's log q");
                return t.logQFromLayers();
            }
        });
        computed.put("rkl-min-loss", () -> -freeFieldLogZ());
        computed.put("rkl-one-mode", () -> oneModeKl(true));
        computed.put("fkl-min-loss", () -> {
            double actionDensity = new Phi4Kind()
                    .exact(new Phi4Kind().settings(Map.of("L", "4", "m2", "1", "lambda", "0")))
                    .get("action_density");
            return 16 * actionDensity + freeFieldLogZ();
        });
        computed.put("fkl-moment-match", () -> {
            GaussianMixture2D m = GaussianMixture2D.symmetricPair();
            return m.exactCovariance()[0][0];
        });
        computed.put("fkl-one-mode", () -> oneModeKl(false));
        computed.put("ess-four-weights", () -> Ess.fraction(new double[] {0, 0, 0, Math.log(5)}));
        computed.put("ess-gaussian-width", () -> gaussianWidthEss(1, 2.0, 400_000));
        computed.put("ess-volume", () -> gaussianWidthEss(64, 1.1, 100_000));
        computed.put("ess-missing-mode", () -> missingMode()[0]);
        computed.put("ess-missing-mode-mean", () -> missingMode()[1]);
        computed.put("pg-standard-variance", () -> shiftGradientVariance(new ReverseKl()));
        computed.put("pg-path-variance", () -> shiftGradientVariance(new PathGradient()));
        computed.put(
                "cnf-toy-divergence",
                () -> scalar(m -> new ToySplitVelocity()
                        .evaluate(m.create(new double[] {0, 0}, new Shape(1, 2)), 0.3)
                        .divergence()));
        computed.put("cnf-linear-logdet", () -> linearFlow(OdeIntegrator.RK4, 10)[0]);
        computed.put("cnf-euler-logdet", () -> {
            double[] r = linearFlow(OdeIntegrator.EULER, 2);
            assertEquals(-32, r[0], 1e-9, "the solver still reports the integrated divergence");
            return r[1];
        });
        computed.put("u1-vonmises-cos", () -> {
            double[] i = Bessel.scaledI(1, 2);
            return i[1] / i[0];
        });
        computed.put("u1-invariant-dof", () -> 128 - gaugeOrbitDimension(8));
        computed.put("u1-gauge-check", () -> {
            try (Experiment e = CourseTools.gaugeSpec(8, "2", 1).open()) {
                GaugeCheck c = GaugeCheck.run(e.flow(), (U1GaugeTheory) e.target(), 1);
                assertTrue(c.maxLinkChange() > 1, "the links move");
                return c.logQTransformed() - c.logQ();
            }
        });
        computed.put("u1-topological-charge", () -> U1Exact.onLattice(8, 2).topChargeSquared());
    }

    @Test
    void everyNumericAnswerIsWhatTheCodeComputes() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String pane : PANES) {
            LectureDocument doc =
                    LectureDocument.parse(pane, org.flowlab.app.Resources.text("lectures/" + pane + ".md"));
            for (Exercise e : doc.exercises()) {
                if (e.type() != Exercise.Type.NUMBER) {
                    continue;
                }
                DoubleSupplier s = computed.get(e.id());
                if (s == null) {
                    problems.add(e.id() + ": no computation in this test");
                    continue;
                }
                double value = s.getAsDouble();
                checked++;
                double slack = STATISTICAL.getOrDefault(e.id(), 0.0);
                boolean agrees = slack > 0 ? Math.abs(value - e.answer()) <= slack : e.accepts(value);
                if (!agrees) {
                    problems.add(String.format(
                            "%s: the pane says %s (%s) but the code gives %.8g",
                            e.id(), e.answer(), e.toleranceText(), value));
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(computed.size(), checked, "every computation here belongs to an exercise");
    }

    @Test
    void freeFieldLogZAgreesWithADenseDeterminant() {
        // the Hessian of the free action is K; log Z = (V/2) log 2 pi - (1/2) log det K
        Phi4Theory t = new Phi4Theory(4, 1, 0);
        int v = 16;
        double[][] k = new double[v][v];
        double[] g0 = new double[v];
        double[] g1 = new double[v];
        for (int j = 0; j < v; j++) {
            double[] phi = new double[v];
            phi[j] = 1;
            t.gradient(phi, g1);
            t.gradient(new double[v], g0);
            for (int i = 0; i < v; i++) {
                k[i][j] = g1[i] - g0[i];
            }
        }
        double logDet = 0;
        for (int c = 0; c < v; c++) {
            // Cholesky: K is symmetric positive definite at m^2 = 1
            double d = k[c][c];
            for (int p = 0; p < c; p++) {
                d -= k[c][p] * k[c][p];
            }
            double l = Math.sqrt(d);
            k[c][c] = l;
            logDet += 2 * Math.log(l);
            for (int r = c + 1; r < v; r++) {
                double s = k[r][c];
                for (int p = 0; p < c; p++) {
                    s -= k[r][p] * k[c][p];
                }
                k[r][c] = s / l;
            }
        }
        double expected = 0.5 * v * Math.log(2 * Math.PI) - 0.5 * logDet;
        assertEquals(expected, freeFieldLogZ(), 1e-10);
    }

    private static double freeFieldLogZ() {
        return new FreeFieldExact(4, 1).logPartitionFunction();
    }

    private interface ArrayOp {
        NDArray apply(NDManager m);
    }

    private static double scalar(ArrayOp op) {
        try (NDManager m = Compute.newManager(Device.cpu())) {
            return Tensors.toDoubles(op.apply(m))[0];
        }
    }

    private static int updatedSites(double[] frozenMask) {
        int n = 0;
        for (double m : frozenMask) {
            n += m == 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * KL divergences between the pair at +-(4, 0) and the one-mode model N((4, 0), 1), by a
     * midpoint rule on a grid wide enough for both (the target's log density from its action).
     */
    private static double oneModeKl(boolean reverse) {
        GaussianMixture2D p = GaussianMixture2D.symmetricPair();
        double h = 0.05;
        int nx = (int) Math.round(22 / h);
        int ny = (int) Math.round(14 / h);
        double[] xy = new double[2 * nx * ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                xy[2 * (i * ny + j)] = -11 + (i + 0.5) * h;
                xy[2 * (i * ny + j) + 1] = -7 + (j + 0.5) * h;
            }
        }
        double[] logP;
        try (NDManager m = Compute.newManager(Device.cpu())) {
            logP = Tensors.toDoubles(p.action(Tensors.create(m, xy, new Shape(nx * ny, 2), DataType.FLOAT64))
                    .neg());
        }
        double kl = 0;
        for (int c = 0; c < nx * ny; c++) {
            double dx = xy[2 * c] - 4;
            double dy = xy[2 * c + 1];
            double logQ = -0.5 * (dx * dx + dy * dy) - Math.log(2 * Math.PI);
            kl += reverse ? Math.exp(logQ) * (logQ - logP[c]) : Math.exp(logP[c]) * (logP[c] - logQ);
        }
        return kl * h * h;
    }

    /** ESS of q = N(0, s^2) against p = N(0, 1) on independent sites, by the app's Ess. */
    private static double gaussianWidthEss(int sites, double s, int samples) {
        SplittableRandom rng = new SplittableRandom(5);
        double[] logW = new double[samples];
        for (int i = 0; i < samples; i++) {
            double lw = 0;
            for (int k = 0; k < sites; k++) {
                double x = s * rng.nextGaussian();
                lw += -0.5 * x * x + 0.5 * x * x / (s * s) + Math.log(s);
            }
            logW[i] = lw;
        }
        return Ess.fraction(logW);
    }

    /**
     * ESS and reweighted mean of x_0 of the one-mode model against the pair: the medians over
     * nine batches of 10 000 samples (a typical batch; a rare one holds a far-out sample).
     */
    private static double[] missingMode() {
        GaussianMixture2D p = GaussianMixture2D.symmetricPair();
        int n = 10_000;
        int batches = 9;
        double[] ess = new double[batches];
        double[] mean = new double[batches];
        SplittableRandom rng = new SplittableRandom(9);
        for (int b = 0; b < batches; b++) {
            double[] xy = new double[2 * n];
            double[] x0 = new double[n];
            double[] logQ = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rng.nextGaussian();
                double v = rng.nextGaussian();
                xy[2 * i] = 4 + u;
                xy[2 * i + 1] = v;
                x0[i] = 4 + u;
                logQ[i] = -0.5 * (u * u + v * v) - Math.log(2 * Math.PI);
            }
            double[] logW = new double[n];
            try (NDManager m = Compute.newManager(Device.cpu())) {
                double[] action = Tensors.toDoubles(p.action(Tensors.create(m, xy, new Shape(n, 2), DataType.FLOAT64)));
                for (int i = 0; i < n; i++) {
                    logW[i] = -action[i] - logQ[i];
                }
            }
            ess[b] = Ess.fraction(logW);
            mean[b] = Reweighting.estimate(x0, logW).mean();
        }
        java.util.Arrays.sort(ess);
        java.util.Arrays.sort(mean);
        return new double[] {ess[batches / 2], mean[batches / 2]};
    }

    /**
     * Variance over batches of 64 of an estimator's dL/db_0 for the affine flow x = z + b at the
     * exact model (b = 0, unit scale, no mixing) of the unit Gaussian (the pair with mu = 0).
     */
    private static double shiftGradientVariance(Objective objective) {
        RunSpec spec = RunSpec.create(
                "mixture2d",
                Map.of("mixture", "pair", "mu", "0", "sigma", "1"),
                "affine2d",
                Map.of(),
                "rkl",
                Map.of(),
                new TrainingConfig(1, 64, 1e-3, 1),
                DeviceChoice.CPU,
                Precision.FLOAT64);
        try (Experiment e = spec.open();
                NDManager root = Compute.newManager(Device.cpu())) {
            NDArray shift = e.flow().parameters().parameters().get("affine.shift");
            assertNotNull(shift);
            shift.set(new ai.djl.ndarray.index.NDIndex("..."), 0);
            SplittableRandom rng = new SplittableRandom(4);
            // the path estimator is zero on every batch: a few batches show it
            int repeats = objective instanceof PathGradient ? 10 : 100;
            double sum = 0;
            double sumSq = 0;
            for (int r = 0; r < repeats; r++) {
                try (NDManager step = root.newSubManager();
                        GradientCollector gc = Compute.engine().newGradientCollector()) {
                    gc.zeroGradients();
                    StepOutput out = objective.evaluate(e.flow(), e.target(), new StepContext(step, rng, 64, gc));
                    gc.backward(out.gradientLoss());
                    // both components of b: two independent estimates per batch
                    for (double g : Tensors.toDoubles(shift.getGradient())) {
                        sum += g;
                        sumSq += g * g;
                    }
                    gc.zeroGradients();
                }
            }
            double mean = sum / (2 * repeats);
            return sumSq / (2 * repeats) - mean * mean;
        }
    }

    /** The flow of v = -x/2 on 8 x 8: {reported log-determinant, log-determinant of the map}. */
    private static double[] linearFlow(OdeIntegrator integrator, int steps) {
        Velocity half = new Velocity() {
            @Override
            public Evaluation evaluate(NDArray x, double t) {
                return new Evaluation(Tensors.scale(x, -0.5), Tensors.scale(Tensors.sumPerSample(x.onesLike()), -0.5));
            }
        };
        try (org.flowlab.model.flow.core.ParameterSet params =
                        new org.flowlab.model.flow.core.ParameterSet(Device.cpu(), DataType.FLOAT64);
                NDManager m = Compute.newManager(Device.cpu())) {
            ContinuousFlow flow =
                    new ContinuousFlow(half, integrator, steps, ContinuousFlow.GradientMode.BACKPROP, params);
            NDArray z = m.ones(new Shape(1, 8, 8), DataType.FLOAT64);
            Transformed t = flow.forward(z);
            double ratio = Tensors.toDoubles(t.value())[0];
            return new double[] {Tensors.toDoubles(t.logDet())[0], 64 * Math.log(ratio)};
        }
    }

    /** The rank of alpha -> change of the links, the dimension of a gauge orbit. */
    private static int gaugeOrbitDimension(int size) {
        U1GaugeTheory theory = new U1GaugeTheory(size, 1);
        int v = size * size;
        double[] base = new double[2 * v];
        java.util.Arrays.fill(base, Math.PI);
        double eps = 0.1;
        double[][] columns = new double[v][];
        for (int j = 0; j < v; j++) {
            double[] alpha = new double[v];
            alpha[j] = eps;
            double[] moved = theory.gaugeTransform(base, alpha);
            columns[j] = new double[2 * v];
            for (int i = 0; i < 2 * v; i++) {
                columns[j][i] = (moved[i] - base[i]) / eps;
            }
        }
        return rank(columns);
    }

    private static int rank(double[][] vectors) {
        List<double[]> basis = new ArrayList<>();
        for (double[] vec : vectors) {
            double[] r = vec.clone();
            for (double[] b : basis) {
                int pivot = pivot(b);
                double f = r[pivot] / b[pivot];
                for (int i = 0; i < r.length; i++) {
                    r[i] -= f * b[i];
                }
            }
            if (pivot(r) >= 0) {
                basis.add(r);
            }
        }
        return basis.size();
    }

    private static int pivot(double[] r) {
        for (int i = 0; i < r.length; i++) {
            if (Math.abs(r[i]) > 1e-9) {
                return i;
            }
        }
        return -1;
    }
}
