package org.flowlab.app.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.continuous.OdeIntegrator;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSnapshot;
import org.flowlab.model.spec.CnfKind;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.MemoryEstimate;
import org.flowlab.model.spec.ParamException;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlab flow-snapshots}: a continuous flow at chosen times, as sample and density
 * summaries (the "flow in time" picture of Lecture 1).
 */
@Command(
        name = "flow-snapshots",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Push prior samples through a continuous flow and summarise them at chosen times t in [0, 1]:",
            "moments, a histogram, <log q_t>, and the density q_t along an axis with its peaks.",
            "--velocity toy-split shows Lecture 1's hand-made field b(x) = (2 x0 exp(-x0^2/2), -x1), which",
            "splits a Gaussian into two peaks; --run shows a saved continuous-flow run (train --flow cnf --out).",
            "Example: flow-snapshots --velocity toy-split --times 0,0.33,0.66,1 --json"
        })
final class FlowSnapshotsCommand implements Callable<Integer> {

    private static final String SPARKS = "▁▂▃▄▅▆▇█";

    @Spec
    CommandSpec spec;

    @Option(names = "--velocity", description = "toy-split (the untrained Lecture 1 field; the default without --run)")
    String velocity;

    @Option(names = "--run", description = "a saved run of a continuous flow (train --flow cnf --out DIR)")
    Path run;

    @Option(
            names = "--times",
            defaultValue = "0,0.33,0.66,1",
            split = ",",
            description = "increasing times in [0, 1]. Default: ${DEFAULT-VALUE}")
    List<Double> times;

    @Option(names = "--n", defaultValue = "20000", description = "prior samples. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--integrator",
            defaultValue = "rk4",
            description = "toy-split: euler | rk4. Default: ${DEFAULT-VALUE}")
    String integrator;

    @Option(
            names = "--ode-steps",
            defaultValue = "30",
            description = "toy-split: steps on [0, 1]. Default: ${DEFAULT-VALUE}")
    int odeSteps;

    @Option(
            names = "--bins",
            defaultValue = "16",
            description = "histogram bins and density points. Default: ${DEFAULT-VALUE}")
    int bins;

    @Option(
            names = "--range",
            defaultValue = "4",
            description = "histogram and density on [-range, range] (not for angles). Default: ${DEFAULT-VALUE}")
    double range;

    @Option(names = "--json", description = "print one JSON object per time")
    boolean json;

    @Mixin
    ComputeOptions compute;

    /**
     * One time of the flow as JSON.
     *
     * @param t the time
     * @param n samples
     * @param coordinates what mean and std are of
     * @param mean mean per coordinate
     * @param std standard deviation per coordinate
     * @param meanLogQ mean log density of the samples
     * @param histogram counts of the histogram coordinate
     * @param density the model density along an axis (null where not drawn)
     * @param peaks local maxima of that density (null where not drawn)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Snapshot(
            double t,
            int n,
            String coordinates,
            double[] mean,
            double[] std,
            @JsonProperty("mean_log_q") double meanLogQ,
            Histogram histogram,
            Density density,
            List<Double> peaks) {}

    /**
     * A histogram as JSON.
     *
     * @param of the coordinate
     * @param lo lower end
     * @param hi upper end
     * @param counts counts per bin
     */
    record Histogram(String of, double lo, double hi, long[] counts) {}

    /**
     * The model density along an axis as JSON (non-finite values as null).
     *
     * @param along the axis
     * @param at the points
     * @param q the density at them
     */
    record Density(String along, double[] at, Double[] q) {

        static Density of(String along, double[] at, double[] q) {
            Double[] finite = new Double[q.length];
            for (int i = 0; i < q.length; i++) {
                finite[i] = Double.isFinite(q[i]) ? q[i] : null;
            }
            return new Density(along, at, finite);
        }
    }

    @Override
    public Integer call() throws IOException {
        CliChecks.setting(Limits.snapshots(), "n", "--n", n);
        CliChecks.setting(Limits.snapshots(), "bins", "--bins", bins);
        CliChecks.setting(Limits.snapshots(), "range", "--range", range);
        compute.check();
        double[] t = checkedTimes();
        compute.applyThreads();
        if (run != null) {
            if (velocity != null) {
                throw new IllegalArgumentException(
                        "--velocity and --run exclude each other: a saved run has its own velocity");
            }
            if (CliChecks.given(spec, "--ode-steps") || CliChecks.given(spec, "--integrator")) {
                throw new IllegalArgumentException(
                        "--ode-steps and --integrator apply to toy-split; a saved run has its own");
            }
            RunStore.SavedRun saved = RunStore.read(run);
            if (!"cnf".equals(saved.spec().flow())) {
                throw new IllegalArgumentException(
                        "run " + run + " is a " + saved.spec().flow() + " flow, not a continuous flow (cnf)");
            }
            long size = saved.spec()
                    .theoryKind()
                    .create(saved.spec().theorySettings())
                    .eventShape()
                    .size();
            checkMemory(size, t.length);
            RunSpec base = saved.spec();
            RunSpec chosen = compute.over(base);
            try (Experiment e = RunStore.openParameters(saved, chosen)) {
                return show(e.flow(), e.spec().describe(), e.target().periodic(), t);
            }
        }
        String v = velocity == null ? CnfKind.TOY_SPLIT : velocity.trim().toLowerCase(Locale.ROOT);
        if (!CnfKind.TOY_SPLIT.equals(v)) {
            throw new IllegalArgumentException(
                    "without --run only the untrained toy-split velocity can be shown; velocity " + v
                            + " must be trained first (train --flow cnf --velocity " + v
                            + " --out DIR, then --run DIR)");
        }
        try {
            Limits.check(new CnfKind().params(), "odeSteps", odeSteps);
            OdeIntegrator.parse(integrator);
        } catch (ParamException e) {
            throw new IllegalArgumentException("--ode-steps: " + e.getMessage());
        }
        checkMemory(2, t.length);
        try (FlowModel toy =
                CnfKind.toySplit(OdeIntegrator.parse(integrator), odeSteps, Device.cpu(), DataType.FLOAT64)) {
            return show(
                    toy,
                    "toy-split b(x) = (2 x0 exp(-x0^2/2), -x1), " + integrator.toUpperCase(Locale.ROOT) + " " + odeSteps
                            + " steps",
                    false,
                    t);
        }
    }

    /** Refuses snapshots whose host copies (n samples of a configuration at every time) would not fit. */
    private void checkMemory(long size, int count) {
        MemoryEstimate.checkHeap(
                8.0 * n * (size + 2) * (count + 2),
                "the " + count + " snapshots of " + n + " samples",
                "use fewer samples (--n) or times");
    }

    private double[] checkedTimes() {
        double[] t = new double[times.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = times.get(i);
            if (!(t[i] >= 0 && t[i] <= 1)) {
                throw new IllegalArgumentException("--times must lie in [0, 1], got " + times.get(i));
            }
            if (i > 0 && t[i] < t[i - 1]) {
                throw new IllegalArgumentException("--times must increase, got " + t[i - 1] + " then " + t[i]);
            }
        }
        if (t.length == 0) {
            throw new IllegalArgumentException("--times needs at least one time");
        }
        if (t.length > Limits.MAX_TIMES) {
            throw new IllegalArgumentException("--times takes at most " + Limits.MAX_TIMES + " times, got " + t.length);
        }
        return t;
    }

    private int show(FlowModel flow, String description, boolean angles, double[] t) {
        PrintWriter out = spec.commandLine().getOut();
        ContinuousFlow cnf = (ContinuousFlow) flow.transform();
        long[] event = flow.prior().eventShape().getShape();
        int size = (int) flow.prior().eventShape().size();
        if (!json) {
            out.printf(Locale.ROOT, "%s; %d prior samples%n", description, n);
        }
        try (NDManager manager = Compute.newManager(flow.parameters().device())) {
            NDArray z = flow.prior()
                    .sample(
                            manager,
                            n,
                            new SplittableRandom(seed),
                            flow.parameters().dataType());
            List<FlowSnapshot> snaps = cnf.snapshots(z, flow.prior().logProb(z), t);
            Axis axis = Axis.of(angles, size, bins, range);
            NDArray grid = axis.points() == null
                    ? null
                    : Tensors.create(
                            manager,
                            axis.points(),
                            new Shape(axis.at().length).addAll(new Shape(event)),
                            flow.parameters().dataType());
            for (FlowSnapshot s : snaps) {
                double[] x = Tensors.toDoubles(s.x());
                double[] logQ = Tensors.toDoubles(s.logQ());
                double[] density = null;
                if (grid != null) {
                    double[] logDensity = Tensors.toDoubles(cnf.logDensityAt(grid, s.t(), flow.prior()));
                    density = new double[logDensity.length];
                    for (int i = 0; i < density.length; i++) {
                        density[i] = Math.exp(logDensity[i]);
                    }
                }
                report(out, s.t(), x, logQ, size, axis, density);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * What is histogrammed (bins on [lo, hi]) and where the density is evaluated: bins + 1
     * points from lo to hi on a line (so 0 is one of them for an even count), or bins points
     * around the circle.
     */
    private record Axis(
            String name, double lo, double hi, double[] at, double[] points, String densityAxis, boolean circular) {

        static Axis of(boolean angles, int size, int bins, double range) {
            if (angles && size == 1) {
                double[] at = new double[bins];
                for (int i = 0; i < bins; i++) {
                    at[i] = 2 * Math.PI * i / bins;
                }
                return new Axis("theta", 0, 2 * Math.PI, at, at.clone(), "theta", true);
            }
            double[] at = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                at[i] = -range + 2 * range * i / bins;
            }
            if (size == 2) {
                double[] points = new double[2 * at.length];
                for (int i = 0; i < at.length; i++) {
                    points[2 * i] = at[i];
                }
                return new Axis("x0", -range, range, at, points, "x0 at x1 = 0", false);
            }
            // a lattice field: histogram the magnetisation, no density grid in V dimensions
            return new Axis("M", -range, range, at, null, null, false);
        }

        double coordinate(double[] x, int sample, int size) {
            if (!"M".equals(name)) {
                return x[sample * size];
            }
            double m = 0;
            for (int i = 0; i < size; i++) {
                m += x[sample * size + i];
            }
            return m / size;
        }
    }

    private void report(PrintWriter out, double t, double[] x, double[] logQ, int size, Axis axis, double[] density) {
        int samples = logQ.length;
        // moments of x, of the magnetisation M for a lattice, of (cos theta, sin theta) for an angle
        int dims = axis.circular() ? 2 : axis.name().equals("M") ? 1 : size;
        double[] mean = new double[dims];
        double[] sq = new double[dims];
        long[] counts = new long[bins];
        double meanLogQ = 0;
        for (int b = 0; b < samples; b++) {
            for (int d = 0; d < dims; d++) {
                double v = axis.circular()
                        ? (d == 0 ? Math.cos(x[b]) : Math.sin(x[b]))
                        : dims == 1 ? axis.coordinate(x, b, size) : x[b * size + d];
                mean[d] += v / samples;
                sq[d] += v * v / samples;
            }
            double c = axis.coordinate(x, b, size);
            int bin = (int) Math.floor((c - axis.lo()) / (axis.hi() - axis.lo()) * bins);
            if (bin >= 0 && bin < bins) {
                counts[bin]++;
            }
            meanLogQ += logQ[b] / samples;
        }
        double[] std = new double[dims];
        for (int d = 0; d < dims; d++) {
            std[d] = Math.sqrt(Math.max(0, sq[d] - mean[d] * mean[d]));
        }
        List<Double> peaks = new ArrayList<>();
        if (density != null) {
            int m = density.length;
            for (int i = 0; i < m; i++) {
                double left = i > 0 ? density[i - 1] : axis.circular() ? density[m - 1] : Double.NEGATIVE_INFINITY;
                double right = i < m - 1 ? density[i + 1] : axis.circular() ? density[0] : Double.NEGATIVE_INFINITY;
                if (density[i] > left && density[i] >= right) {
                    peaks.add(axis.at()[i]);
                }
            }
        }
        if (json) {
            Density q = null;
            if (density != null) {
                q = Density.of(axis.densityAxis(), axis.at(), density);
            }
            out.println(Json.line(new Snapshot(
                    t,
                    samples,
                    axis.circular() ? "cos theta, sin theta" : dims == 1 ? "M" : "x",
                    mean,
                    std,
                    meanLogQ,
                    new Histogram(axis.name(), axis.lo(), axis.hi(), counts),
                    q,
                    density == null ? null : peaks)));
            return;
        }
        String of = axis.circular() ? "(cos, sin) " : axis.name().equals("M") ? "M " : "";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t = %.3f  mean %s(", t, of));
        for (int d = 0; d < dims; d++) {
            line.append(String.format(Locale.ROOT, d == 0 ? "%.3f" : ", %.3f", mean[d]));
        }
        line.append(")  std (");
        for (int d = 0; d < dims; d++) {
            line.append(String.format(Locale.ROOT, d == 0 ? "%.3f" : ", %.3f", std[d]));
        }
        line.append(String.format(Locale.ROOT, ")  <log q> %.3f", meanLogQ));
        if (density != null) {
            line.append("  peaks of q along ").append(axis.densityAxis()).append(" at ");
            if (peaks.isEmpty()) {
                line.append("none (flat)");
            }
            for (int i = 0; i < peaks.size(); i++) {
                line.append(String.format(Locale.ROOT, i == 0 ? "%.2f" : ", %.2f", peaks.get(i)));
            }
        }
        out.println(line);
        out.printf(
                Locale.ROOT,
                "          %s on [%.2f, %.2f]: %s%n",
                axis.name(),
                axis.lo(),
                axis.hi(),
                sparkline(counts));
    }

    private static String sparkline(long[] counts) {
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        StringBuilder b = new StringBuilder();
        for (long c : counts) {
            b.append(
                    c == 0 ? ' ' : SPARKS.charAt((int) Math.min(SPARKS.length() - 1, (c * SPARKS.length() - 1) / max)));
        }
        return b.toString();
    }
}
