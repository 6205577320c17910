package org.flowlab.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowlab.model.anneal.RunTransfer;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.LossKind;
import org.flowlab.model.spec.MemoryEstimate;
import org.flowlab.model.spec.ParamException;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.spec.TheoryKind;
import org.flowlab.model.spec.TrainingParams;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.Evaluation;
import org.flowlab.model.train.GradientProbe;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.model.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlab train}: trains a flow and prints metrics as text or JSON lines. The command
 * builds the experiment from its options, lets {@link TrainProgress} print the steps, saves the
 * run, and prints the experiment's own {@link Experiment#evaluate evaluation} as a
 * {@link TrainReport}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a normalizing flow on a target and print the metrics; --out saves the run.",
            "Theory, flow and loss parameters not given take their defaults; an option that does not belong to"
                    + " the chosen theory, flow or loss is an error.",
            "Example: train --theory phi4 --L 8 --m2 -0.5 --lam 1.5 --layers 8 --hidden 8 "
                    + "--batch 64 --lr 1e-3 --steps 500 --seed 1 --every 50 --json"
        })
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--theory",
            defaultValue = "phi4",
            description = "the theory (phi4, u1, mixture2d, vonmises, ...). Default: ${DEFAULT-VALUE}")
    String theory;

    @Option(names = "--flow", description = "flow family; default: the first one that fits the theory")
    String flow;

    @Option(
            names = "--loss",
            defaultValue = "rkl",
            description = "rkl | fkl | pathgrad | fkl-pathgrad (and any registered). Default: ${DEFAULT-VALUE}")
    String loss;

    @Mixin
    KindOptions kinds = new KindOptions(KindOptions.Part.THEORY, KindOptions.Part.FLOW, KindOptions.Part.LOSS);

    @Option(names = "--batch", defaultValue = "64", description = "batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(
            names = "--lr-schedule",
            defaultValue = "constant",
            description = "learning-rate schedule over the run's steps: constant, or cosine (half a cosine from --lr"
                    + " down to 1 %% of it at the last step). Default: ${DEFAULT-VALUE}")
    String lrSchedule;

    @Option(
            names = "--steps",
            defaultValue = "500",
            description = "training steps (with --resume: further steps). Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--every",
            defaultValue = "50",
            description = "print metrics every N steps. Default: ${DEFAULT-VALUE}")
    int every;

    @Option(
            names = "--eval-batch",
            defaultValue = "1024",
            description = "fresh samples for the final ESS. Default: ${DEFAULT-VALUE}")
    int evalBatch;

    @Option(names = "--out", description = "save the run to this directory (parameters, run.json, metrics.csv)")
    Path out;

    @Option(
            names = "--resume",
            description = "continue the run saved in this directory (and save it there);"
                    + " --lr, --lr-schedule, --batch, --seed, --precision and --device then apply from the next step and are recorded in its"
                    + " run.json history; theory, flow and loss options are refused")
    Path resume;

    @Option(
            names = "--init-from",
            description = "start from the trained parameters of the run saved in this directory: same"
                    + " flow, any L or coupling of its theory (e.g. --init-from runs/l4 --L 8)")
    Path initFrom;

    @Option(names = "--json", description = "print one JSON object per line")
    boolean json;

    @Option(
            names = "--solver-memory",
            description = "continuous flows: after training, measure the time and the peak live "
                    + "tensors of one gradient evaluation (back-propagation vs adjoint)")
    boolean solverMemory;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, got " + every);
        }
        if (evalBatch < 2) {
            throw new IllegalArgumentException("--eval-batch must be at least 2, got " + evalBatch);
        }
        CliChecks.setting(Limits.sampling(), "batch", "--eval-batch", evalBatch);
        compute.check();
        if (out != null) {
            RunStore.checkTarget(out, "--out");
        }
        if (initFrom != null && resume != null) {
            throw new IllegalArgumentException("--init-from and --resume exclude each other");
        }
        if (resume != null
                && (kinds.anyGiven(KindOptions.Part.THEORY)
                        || kinds.anyGiven(KindOptions.Part.FLOW)
                        || CliChecks.given(spec, "--theory")
                        || CliChecks.given(spec, "--flow"))) {
            // a usage mistake is named before the run is read
            throw new IllegalArgumentException(
                    "--resume continues the saved theory, flow and loss; drop the theory and flow options");
        }
        RunStore.SavedRun saved = resume != null ? RunStore.read(resume) : null;
        RunStore.SavedRun origin = initFrom != null ? RunStore.read(initFrom) : null;
        RunSpec runSpec = saved != null ? resumed(saved) : origin != null ? initialised(origin) : fresh();
        // what would not fit in memory is refused before anything is allocated
        MemoryEstimate.checkTraining(runSpec);
        compute.applyThreads();
        Experiment experiment = saved != null
                ? RunStore.open(saved, runSpec)
                : origin != null ? RunTransfer.open(origin, runSpec) : runSpec.open();
        try (Experiment e = experiment) {
            MemoryEstimate.checkTraining(e.spec(), e.flow().parameters().device());
            if (solverMemory && !"cnf".equals(e.spec().flow())) {
                throw new IllegalArgumentException("--solver-memory applies to continuous flows (--flow cnf)");
            }
            Path saveTo = out != null ? out : resume;
            int first = e.trainer().stepsDone();
            TrainProgress progress = new TrainProgress(
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr(),
                    json,
                    every,
                    first,
                    e.spec().training().steps());
            TrainingRun run = new TrainingRun(e.trainer(), e.spec().describe(), e.deviceName(), 0, 0);
            run.addListener(progress);
            long start = System.nanoTime();
            int done = run.run() - first;
            double wall = (System.nanoTime() - start) / 1e9;
            if (saveTo != null) {
                RunStore.save(saveTo, e);
            }
            String failure = progress.failure();
            int skipped = e.trainer().skippedSteps();
            if (failure == null && done > 0 && 2 * skipped > done) {
                failure = "training made no progress: " + skipped + " of " + done
                        + " steps had a non-finite gradient and were skipped; try a smaller learning rate";
            }
            if (failure != null) {
                throw new IllegalStateException(failure
                        + (saveTo != null
                                ? " (the run, at step " + e.trainer().stepsDone() + ", was saved to " + saveTo + ")"
                                : ""));
            }
            Evaluation evaluation = e.evaluate(evalBatch);
            GradientProbe.Cost cost = solverMemory
                    ? GradientProbe.measure(
                            e.flow(),
                            e.target(),
                            e.trainer().objective(),
                            e.spec().training().batch(),
                            e.spec().training().seed(),
                            3)
                    : null;
            TrainReport.of(e, evaluation, progress, wall, saveTo, cost)
                    .print(spec.commandLine().getOut(), json, done);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The spec of a new run from the options. */
    private RunSpec fresh() {
        TheoryKind t = Catalog.theory(theory);
        FlowKind f = flow != null ? Catalog.flow(flow) : firstFitting(t);
        LossKind l = Catalog.loss(loss);
        Map<String, String> theoryValues = kinds.values(KindOptions.Part.THEORY, t);
        Map<String, String> flowValues = kinds.values(KindOptions.Part.FLOW, f);
        Map<String, String> lossValues = kinds.values(KindOptions.Part.LOSS, l);
        kinds.rejectUnused();
        return RunSpec.create(
                t.id(),
                theoryValues,
                f.id(),
                flowValues,
                l.id(),
                lossValues,
                checkedTraining(steps),
                compute.deviceChoice(),
                compute.precisionChoice());
    }

    private static FlowKind firstFitting(TheoryKind t) {
        List<FlowKind> fits = Catalog.flowsFor(t.id());
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("no flow can model theory " + t.id() + " (a " + t.geometry() + ") yet");
        }
        return fits.get(0);
    }

    /** A new run whose flow starts from a saved run's parameters, at the theory values given now. */
    private RunSpec initialised(RunStore.SavedRun start) {
        String theoryId = start.spec().theory();
        TheoryKind t = Catalog.theory(theoryId);
        if (CliChecks.given(spec, "--theory") && !Catalog.theory(theory).id().equals(theoryId)) {
            throw new IllegalArgumentException("--init-from: the saved run models " + theoryId + ", not "
                    + Catalog.theory(theory).id());
        }
        if (CliChecks.given(spec, "--flow") || kinds.anyGiven(KindOptions.Part.FLOW)) {
            throw new IllegalArgumentException("--init-from takes the flow from the saved run; drop the flow options");
        }
        Map<String, String> theoryValues = kinds.values(KindOptions.Part.THEORY, t);
        LossKind l = Catalog.loss(loss);
        Map<String, String> lossValues = kinds.values(KindOptions.Part.LOSS, l);
        kinds.rejectUnused();
        RunSpec base = RunTransfer.withTheory(start.spec(), theoryValues);
        return RunSpec.create(
                base.theory(),
                base.theorySettings().asMap(),
                base.flow(),
                base.flowSettings().asMap(),
                l.id(),
                lossValues,
                checkedTraining(steps),
                compute.deviceChoice(),
                compute.precisionChoice());
    }

    /** --batch, --lr, --lr-schedule, --seed and the given number of steps, checked against the shared limits. */
    private TrainingConfig checkedTraining(long totalSteps) {
        try {
            return TrainingParams.checked(totalSteps, batch, lr, seed, lrSchedule);
        } catch (ParamException e) {
            String option = switch (e.key()) {
                case "lr" -> "--lr";
                case "schedule" -> "--lr-schedule";
                default -> "--" + e.key();
            };
            throw new IllegalArgumentException(option + ": " + e.getMessage()
                    + (resume != null && "steps".equals(e.key()) ? " (steps done plus --steps)" : ""));
        }
    }

    /**
     * The spec that continues a saved run. Policy: --steps adds steps (a schedule spans the new
     * total); --lr, --lr-schedule, --batch, --seed,
     * --precision and --device apply from the next step on and are recorded in the run's history
     * in run.json; theory, flow and loss options cannot change a saved run and are refused.
     */
    private RunSpec resumed(RunStore.SavedRun saved) {
        RunSpec base = saved.spec();
        if (kinds.anyGiven(KindOptions.Part.LOSS)
                || (CliChecks.given(spec, "--loss") && !Catalog.loss(loss).id().equals(base.loss()))) {
            throw new IllegalArgumentException("--resume continues the saved loss " + base.loss()
                    + "; --loss and its options cannot change a saved run (train a new one with --out)");
        }
        TrainingConfig t = base.training();
        TrainingConfig more = checkedTraining((long) saved.stepsDone() + steps);
        TrainingConfig next = new TrainingConfig(
                more.steps(),
                CliChecks.given(spec, "--batch") ? more.batch() : t.batch(),
                CliChecks.given(spec, "--lr") ? more.learningRate() : t.learningRate(),
                CliChecks.given(spec, "--seed") ? more.seed() : t.seed(),
                CliChecks.given(spec, "--lr-schedule") ? more.schedule() : t.schedule());
        return compute.over(base.withTraining(next));
    }
}
