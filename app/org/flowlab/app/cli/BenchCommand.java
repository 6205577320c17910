package org.flowlab.app.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.flowlab.model.bench.Benchmarks;
import org.flowlab.model.bench.Measurement;
import org.flowlab.model.bench.ResidentMemory;
import org.flowlab.model.bench.TrainingMemory;
import org.flowlab.model.bench.TrainingWorkload;
import org.flowlab.model.bench.Workload;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.spec.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlab bench}: times the standard workloads and reports resident memory. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Time the standard workloads (median after warm-up) and report peak resident memory:",
            "  1. phi^4 RealNVP reverse-KL training step (the 2021 tutorial model, as the PyTorch reference)",
            "  2. U(1) L=8 gauge-equivariant flow training step (tutorial size)",
            "  3. phi^4 L=8 HMC trajectory (10 leapfrog steps)",
            "  4. continuous-flow (neural ODE) training step, phi^4 L=8, RK4 x 10",
            "--L runs every workload on an L x L lattice (default 8, the tutorial's) with the same networks;",
            "--memory trains each training workload (or --only one) and prints its resident-memory growth;",
            "--gui-probe opens the window, trains workload 1 (or the training workload --only names), and",
            "  prints the gaps between FX pulses and the steps per second against the same run without it;",
            "--startup-probe launches the window --runs times and times its first frame and engine.",
            "Example: bench --json --threads 2"
        })
final class BenchCommand implements Callable<Integer> {

    private static final double MB = 1024.0 * 1024.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--threads", defaultValue = "0", description = ComputeOptions.THREADS_HELP)
    int threads;

    @Option(
            names = "--steps",
            defaultValue = "0",
            description = "timed units per workload (training steps; HMC blocks of 500 trajectories), 1 to 100000."
                    + " Default: 300 steps, 60 blocks")
    int steps;

    @Option(
            names = "--warmup",
            defaultValue = "-1",
            description = "untimed warm-up units per workload, 0 to 100000. Default: 50 steps, 20 blocks")
    int warmup;

    @Option(
            names = "--L",
            defaultValue = "8",
            description = "lattice size L of every workload, 4 to 64. Default: ${DEFAULT-VALUE}")
    int lattice;

    @Option(names = "--only", description = "run only the workload with this id (e.g. phi4_realnvp_rkl)")
    String only;

    @Option(
            names = "--memory",
            description = "measure each training workload's resident-memory growth over --memory-steps steps instead")
    boolean memory;

    @Option(
            names = "--memory-steps",
            defaultValue = "5000",
            description = "training steps after warm-up for --memory. Default: ${DEFAULT-VALUE}")
    int memorySteps;

    @Option(names = "--gui-probe", description = "open the window, train, and report FX pulse gaps instead")
    boolean guiProbe;

    @Option(
            names = "--probe-seconds",
            defaultValue = "10",
            description = "seconds of training observed by --gui-probe. Default: ${DEFAULT-VALUE}")
    double probeSeconds;

    @Option(
            names = "--startup-probe",
            description = "launch the window --runs times; time the first painted frame and the engine")
    boolean startupProbe;

    @Option(
            names = "--runs",
            defaultValue = "5",
            description = "launches for --startup-probe. Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(
            names = "--launcher",
            description = "--startup-probe: the program that opens the window (bin/flowlab of a zip, bin/FlowLab of the"
                    + " app image); default: this Java with this class path and JVM options")
    String launcher;

    @Override
    public Integer call() {
        try {
            Compute.configureThreads(Limits.threads(threads));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        // not given: each workload's own default; given: checked against the shared limits
        if (CliChecks.given(spec, "--steps")) {
            CliChecks.setting(Limits.bench(), "steps", "--steps", steps);
        }
        if (CliChecks.given(spec, "--warmup")) {
            CliChecks.setting(Limits.bench(), "warmup", "--warmup", warmup);
        }
        CliChecks.setting(Limits.bench(), "memorySteps", "--memory-steps", memorySteps);
        CliChecks.setting(Limits.bench(), "L", "--L", lattice);
        if ((guiProbe || startupProbe) && CliChecks.given(spec, "--L")) {
            throw new IllegalArgumentException(
                    "--L: the window probes train the standard 8 x 8 model; --L applies to the timed workloads and"
                            + " --memory");
        }
        List<Workload> standard = Benchmarks.standard(lattice);
        List<TrainingWorkload> training = Benchmarks.training(lattice);
        if (only != null && standard.stream().noneMatch(w -> w.id().equals(only))) {
            throw new IllegalArgumentException("--only: no workload '" + only + "'");
        }
        // every chosen workload must exist at this L before any runs (the U(1) flow needs L = 4k)
        for (TrainingWorkload t : training) {
            if (only == null || t.id().equals(only)) {
                try {
                    t.spec(1);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--L: " + t.id() + ": " + e.getMessage());
                }
            }
        }
        CliChecks.setting(Limits.bench(), "probeSeconds", "--probe-seconds", probeSeconds);
        PrintWriter out = spec.commandLine().getOut();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<BenchReport.Workload> workloads = null;
        List<BenchReport.MemoryCheck> memoryChecks = null;
        GuiProbeRunner.Result probe = null;
        StartupProbeRunner.Result startup = null;
        if (startupProbe) {
            startup = StartupProbeRunner.run(
                    runs, launcher == null ? StartupProbeRunner.thisWindow() : List.of(launcher), json ? null : out);
        } else if (guiProbe) {
            probe = GuiProbeRunner.run(probeSeconds, probeWorkload(training), json ? null : out);
        } else if (memory) {
            memoryChecks = memoryChecks(training, out);
        } else {
            workloads = workloads(standard, out);
        }
        if (json) {
            out.println(Json.line(new BenchReport(
                    Compute.threadCount(),
                    Compute.trainingShards(),
                    Compute.intraOpThreads(),
                    load,
                    workloads,
                    memoryChecks,
                    probe,
                    startup,
                    BenchReport.Resident.now())));
        } else {
            out.printf(Locale.ROOT, "peak resident memory: %s%n", megabytes(ResidentMemory.peak()));
        }
        out.flush();
        return 0;
    }

    private List<BenchReport.Workload> workloads(List<Workload> list, PrintWriter out) {
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "FlowLab bench: %d threads (training batch in %d shards x %d native threads%s), load average %.2f,"
                            + " Java collector %s%n",
                    Compute.threadCount(),
                    Compute.trainingShards(),
                    Compute.intraOpThreads(),
                    Compute.shardsFollowLoad() ? ", or whole on one thread while faster" : "",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    org.flowlab.app.diag.JvmTuning.describe());
            out.flush();
        }
        List<BenchReport.Workload> rows = new ArrayList<>();
        for (Workload w : list) {
            if (only != null && !w.id().equals(only)) {
                continue;
            }
            Measurement m = w.run(warmup, steps);
            rows.add(BenchReport.Workload.of(m));
            if (!json) {
                if (m.available()) {
                    boolean micro = m.medianMs() < 0.1;
                    double scale = micro ? 1000 : 1;
                    out.printf(
                            Locale.ROOT,
                            "%-18s %10.3f %s/%s  (quartiles %.3f .. %.3f; %,.1f per s)  %s%n",
                            m.id(),
                            scale * m.medianMs(),
                            micro ? "us" : "ms",
                            m.unit(),
                            scale * m.lowerQuartileMs(),
                            scale * m.upperQuartileMs(),
                            m.perSecond(),
                            metricsText(m.metrics()));
                } else {
                    out.printf(Locale.ROOT, "%-18s absent: %s%n", m.id(), m.note());
                }
                out.flush();
            }
        }
        return rows;
    }

    /** What {@code --gui-probe} trains: the tutorial workload, or the training workload --only names. */
    private TrainingWorkload probeWorkload(List<TrainingWorkload> training) {
        if (only == null) {
            return GuiProbeRunner.TUTORIAL;
        }
        return training.stream()
                .filter(w -> w.id().equals(only))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--only: '" + only
                        + "' is not a training workload; --gui-probe trains one of " + ids(training)));
    }

    /** The workloads' ids, comma-separated, for the messages that list what --only may name. */
    private static String ids(List<TrainingWorkload> training) {
        return String.join(", ", training.stream().map(TrainingWorkload::id).toList());
    }

    private List<BenchReport.MemoryCheck> memoryChecks(List<TrainingWorkload> training, PrintWriter out) {
        List<BenchReport.MemoryCheck> checks = new ArrayList<>();
        for (TrainingWorkload workload : training) {
            if (only == null || workload.id().equals(only)) {
                checks.add(memoryCheck(workload, out));
            }
        }
        if (checks.isEmpty()) {
            throw new IllegalArgumentException(
                    "--only: '" + only + "' is not a training workload; --memory checks " + ids(training));
        }
        return checks;
    }

    private BenchReport.MemoryCheck memoryCheck(TrainingWorkload workload, PrintWriter out) {
        int w = warmup < 0 ? 200 : warmup;
        int every = Math.max(1, memorySteps / 10);
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "%s: at least %d warm-up steps (and two garbage collections), then %d steps,"
                            + " resident memory every %d steps%n",
                    workload.id(),
                    w,
                    memorySteps,
                    every);
            out.flush();
        }
        TrainingMemory.Result r = TrainingMemory.measure(workload, w, memorySteps, every, s -> {
            if (!json) {
                out.printf(
                        Locale.ROOT,
                        "step %6d  RSS %s  Java heap committed %s  GCs %d  parameter-manager arrays %d%n",
                        s.step(),
                        megabytes(s.rssBytes()),
                        megabytes(s.heapCommittedBytes()),
                        s.collections(),
                        s.parameterArrays());
                out.flush();
            }
        });
        OptionalLong growth = r.growthBytes();
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "%s: resident memory growth over %d steps after warm-up: %s; parameter-manager arrays %+d%n",
                    workload.id(),
                    r.steps(),
                    growth.isPresent() ? String.format(Locale.ROOT, "%.1f MB", growth.getAsLong() / MB) : "unavailable",
                    r.parameterArrayGrowth());
            out.flush();
        }
        return BenchReport.MemoryCheck.of(workload.id(), r);
    }

    private static String metricsText(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.4g", v)));
        return sb.toString();
    }

    private static String megabytes(OptionalLong bytes) {
        return bytes.isPresent() ? megabytes(bytes.getAsLong()) : "unavailable";
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "unavailable" : String.format(Locale.ROOT, "%.1f MB", bytes / MB);
    }
}
