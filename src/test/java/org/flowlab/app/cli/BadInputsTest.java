package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every command, in-process: each exits with 2 (bad input) or 1 (I/O, failures),
 * prints exactly one line naming the problem and no stack trace, and is quick. Saved runs damaged
 * in many ways are in {@link DamagedRunsTest}.
 */
class BadInputsTest {

    /** Most time one bad input may take, generously (it is typically a few milliseconds). */
    private static final long MAX_MILLIS = 5000;

    private record Case(int code, String mention, String[] args) {}

    private static final List<Case> CASES = new ArrayList<>();

    private static void bad(String mention, String... args) {
        CASES.add(new Case(2, mention, args));
    }

    private static void failure(String mention, String... args) {
        CASES.add(new Case(1, mention, args));
    }

    static synchronized Stream<Arguments> cases() throws IOException {
        if (CASES.isEmpty()) {
            build();
        }
        return CASES.stream().map(c -> Arguments.of(String.join(" ", c.args()), c.code(), c.mention(), c.args()));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void badInputGivesOneLineAndTheRightExitCode(String label, int code, String mention, String[] args) {
        CliRun r = CliRun.of(args);
        r.assertOneLineError(code, mention, label);
        assertTrue(r.millis() < MAX_MILLIS, label + " took " + r.millis() + " ms");
    }

    @org.junit.jupiter.api.Test
    void theTableHoldsAtLeastTwoHundredInputsWithDamagedRuns() throws IOException {
        long count = cases().count() + DamagedRunsTest.cases().count();
        assertTrue(count >= 200, "only " + count + " bad inputs");
    }

    private static void build() throws IOException {
        Path scratch = SavedRuns.root().resolve("bad-inputs");
        Files.createDirectories(scratch);
        Path file = Files.writeString(scratch.resolve("a-file.txt"), "not a directory");
        Path foreign = Files.createDirectories(scratch.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "my own files");
        String longPath = scratch.resolve("x".repeat(300)).toString();
        String valid = SavedRuns.valid().toString();

        // the command line itself
        bad("frobnicate", "frobnicate");
        bad("--nope", "train", "--nope");
        bad("--wat", "hmc", "--wat", "1");

        // train: optimisation settings (the form's ranges)
        bad("--batch", "train", "--batch", "abc");
        bad("--batch", "train", "--batch", "1");
        bad("--batch", "train", "--batch", "0");
        bad("--batch", "train", "--batch", "-5");
        bad("--batch", "train", "--batch", "100000");
        bad("--batch", "train", "--batch", "3000000000");
        bad("--lr", "train", "--lr", "0");
        bad("--lr", "train", "--lr", "-1");
        bad("--lr", "train", "--lr", "1e9");
        bad("--lr", "train", "--lr", "10");
        bad("--lr", "train", "--lr", "NaN");
        bad("--lr", "train", "--lr", "Infinity");
        bad("--lr", "train", "--lr", "fast");
        bad("--steps", "train", "--steps", "0");
        bad("--steps", "train", "--steps", "-1");
        bad("--steps", "train", "--steps", "2e9");
        bad("--steps", "train", "--steps", "20000000");
        bad("--seed", "train", "--seed", "-1");
        bad("--seed", "train", "--seed", "3000000000");
        bad("--seed", "train", "--seed", "abc");
        bad("--every", "train", "--every", "0");
        bad("--eval-batch", "train", "--eval-batch", "1");
        bad("--eval-batch", "train", "--eval-batch", "100000");
        // train: theory, flow and loss
        bad("theory", "train", "--theory", "su3");
        bad("theory", "train", "--theory", "");
        bad("flow", "train", "--flow", "foo");
        bad("flow gauge cannot model theory phi4", "train", "--flow", "gauge");
        bad("loss", "train", "--loss", "xyz");
        bad("L must be between 2 and 128", "train", "--L", "1");
        bad("L must be between 2 and 128", "train", "--L", "0");
        bad("L must be between 2 and 128", "train", "--L", "129");
        bad("L must be between 2 and 128", "train", "--L", "100000");
        bad("whole number", "train", "--L", "abc");
        bad("even lattice size", "train", "--L", "5");
        bad("m²", "train", "--m2", "abc");
        bad("m²", "train", "--m2", "1e9");
        bad("m²", "train", "--m2", "NaN");
        bad("λ", "train", "--lam", "-1");
        bad("λ", "train", "--lam", "Infinity");
        bad("--beta does not apply", "train", "--beta", "2");
        bad("β", "train", "--theory", "u1", "--beta", "-1");
        bad("β", "train", "--theory", "u1", "--beta", "1e6");
        bad("multiple of 4", "train", "--theory", "u1", "--L", "6");
        bad("layers", "train", "--layers", "0");
        bad("layers", "train", "--layers", "1000");
        bad("channels", "train", "--hidden", "0");
        bad("channels", "train", "--hidden", "100000");
        bad("odd", "train", "--kernel", "2");
        bad("larger than the lattice", "train", "--L", "4", "--kernel", "5");
        bad("--bins does not apply", "train", "--bins", "4");
        bad("--samples does not apply", "train", "--samples", "100");
        bad("data size", "train", "--loss", "fkl", "--samples", "10");
        bad("data size", "train", "--loss", "fkl", "--samples", "100000000");
        bad("thinning", "train", "--loss", "fkl", "--thin", "0");
        bad("thermalise", "train", "--loss", "fkl", "--therm", "-1");
        bad("Java heap", "train", "--loss", "fkl", "--samples", "10000000", "--thin", "10000");
        bad("limit", "train", "--loss", "fkl", "--samples", "1000000", "--thin", "10000");
        bad("device", "train", "--device", "tpu");
        bad("precision", "train", "--precision", "float16");
        bad("--threads", "train", "--threads", "-1");
        bad("--threads", "train", "--threads", "100000");
        bad("at most batch", "train", "--L", "128", "--batch", "65536");
        bad("--solver-memory", "train", "--solver-memory", "--steps", "1");
        bad("ODE steps", "train", "--flow", "cnf", "--ode-steps", "0");
        bad("ODE steps", "train", "--flow", "cnf", "--ode-steps", "2000000000");
        bad("velocity", "train", "--flow", "cnf", "--velocity", "foo");
        bad("integrator", "train", "--flow", "cnf", "--integrator", "rk5");
        bad("gradients", "train", "--flow", "cnf", "--grad", "magic");
        bad("site features", "train", "--flow", "cnf", "--features", "0");
        bad("mixture", "train", "--theory", "mixture2d", "--mixture", "four");
        bad("σ", "train", "--theory", "mixture2d", "--sigma", "0");
        bad("β", "train", "--theory", "vonmises", "--beta", "1000");
        bad("μ", "train", "--theory", "vonmises", "--mu", "10");
        bad("--no-tanh does not apply", "train", "--theory", "u1", "--no-tanh");
        // train: where the run goes, checked before the first step
        bad("--out needs a directory name", "train", "--out", "");
        bad("system directory", "train", "--out", "/proc/flowlab-run");
        bad("is a file", "train", "--out", file.toString());
        bad("255 bytes", "train", "--out", longPath);
        bad("other files", "train", "--out", foreign.toString());
        // train --resume
        failure(
                "not a FlowLab run directory",
                "train",
                "--resume",
                scratch.resolve("missing").toString());
        failure("is a file", "train", "--resume", file.toString());
        failure("not a FlowLab run directory", "train", "--resume", foreign.toString());
        bad("--resume continues the saved theory", "train", "--resume", valid, "--L", "8");
        bad("--resume continues the saved theory", "train", "--resume", valid, "--layers", "2");
        bad("--loss", "train", "--resume", valid, "--loss", "fkl");
        bad("--loss", "train", "--resume", valid, "--samples", "100");
        bad("steps done plus --steps", "train", "--resume", valid, "--steps", "10000000");
        bad("--lr", "train", "--resume", valid, "--lr", "5");
        bad("--batch", "train", "--resume", valid, "--batch", "1");
        bad("precision", "train", "--resume", valid, "--precision", "half");
        bad("is a file", "train", "--resume", valid, "--out", file.toString());

        // sample
        bad("--run", "sample");
        failure(
                "not a FlowLab run directory",
                "sample",
                "--run",
                scratch.resolve("missing").toString());
        failure("is a file", "sample", "--run", file.toString());
        bad("samples", "sample", "--run", valid, "--n", "1");
        bad("samples", "sample", "--run", valid, "--n", "0");
        bad("samples", "sample", "--run", valid, "--n", "-3");
        bad("--n", "sample", "--run", valid, "--n", "1e8");
        bad("samples", "sample", "--run", valid, "--n", "100000000");
        bad("--n", "sample", "--run", valid, "--n", "abc");
        bad("samples per pass", "sample", "--run", valid, "--batch", "0");
        bad("samples per pass", "sample", "--run", valid, "--batch", "100000");
        bad("precision", "sample", "--run", valid, "--precision", "float16");
        bad("device", "sample", "--run", valid, "--device", "tpu");
        bad("--threads", "sample", "--run", valid, "--threads", "100000");
        bad("--seed", "sample", "--run", valid, "--seed", "x");

        // hmc
        bad("unknown theory 'su2'", "hmc", "--theory", "su2");
        bad("unknown theory ''", "hmc", "--theory", "");
        bad("--L", "hmc", "--L", "1");
        bad("--L", "hmc", "--L", "129");
        bad("--L", "hmc", "--L", "100000");
        bad("--L", "hmc", "--theory", "u1", "--L", "100000");
        bad("--m2", "hmc", "--m2", "abc");
        bad("--m2", "hmc", "--m2", "-100");
        bad("--lam", "hmc", "--lam", "-1");
        bad("bounded below", "hmc", "--m2", "-1", "--lam", "0");
        bad("--beta", "hmc", "--theory", "u1", "--beta", "-1");
        bad("--beta", "hmc", "--theory", "u1", "--beta", "1e6");
        bad("--beta", "hmc", "--theory", "u1", "--beta", "NaN");
        bad("--n", "hmc", "--n", "1");
        bad("--n", "hmc", "--n", "0");
        bad("--n", "hmc", "--n", "100000000");
        bad("--n", "hmc", "--n", "1e8");
        bad("--therm", "hmc", "--therm", "-1");
        bad("--dt", "hmc", "--dt", "0");
        bad("--dt", "hmc", "--dt", "-0.1");
        bad("--dt", "hmc", "--dt", "NaN");
        bad("--dt", "hmc", "--dt", "100");
        bad("--nleap", "hmc", "--nleap", "0");
        bad("--nleap", "hmc", "--nleap", "100000000");
        bad("--nleap", "hmc", "--nleap", "1e8");
        bad("limit", "hmc", "--nleap", "10000");
        bad("limit", "hmc", "--n", "10000000", "--nleap", "100");
        bad("limit", "hmc", "--theory", "u1", "--L", "128", "--n", "100000");
        bad("--start", "hmc", "--start", "warm");
        bad("--seed", "hmc", "--seed", "abc");
        bad("--m2 does not apply to theory u1", "hmc", "--theory", "u1", "--m2", "1");
        bad("does not apply to theory u1", "hmc", "--theory", "u1", "--lam", "1");
        bad("--beta does not apply to theory phi4", "hmc", "--theory", "phi4", "--beta", "2");
        failure("accepted none", "hmc", "--theory", "u1", "--L", "4", "--beta", "100", "--n", "50", "--therm", "0");
        failure(
                "accepted none",
                "hmc",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--m2",
                "-50",
                "--lam",
                "1",
                "--n",
                "100",
                "--therm",
                "0",
                "--dt",
                "0.5");

        // exact
        bad("unknown theory", "exact", "--theory", "su2");
        bad("--L", "exact", "--theory", "phi4", "--L", "1", "--lam", "0", "--m2", "1");
        bad("--L", "exact", "--theory", "phi4", "--L", "100000", "--lam", "0", "--m2", "1");
        bad("--L", "exact", "--theory", "u1", "--L", "100000");
        bad("--L", "exact", "--theory", "u1", "--L", "0");
        bad("no exact result", "exact", "--theory", "phi4", "--lam", "0.5");
        bad("bounded below", "exact", "--theory", "phi4", "--m2", "-1", "--lam", "0");
        bad("--beta", "exact", "--theory", "u1", "--beta", "-1");
        bad("--beta", "exact", "--theory", "u1", "--beta", "1e6");
        bad("--method", "exact", "--theory", "u1", "--method", "guess");
        bad("--beta", "exact", "--theory", "vonmises", "--beta", "NaN");
        bad("--beta", "exact", "--theory", "vonmises", "--beta", "1000");
        bad("--mu", "exact", "--theory", "vonmises", "--mu", "10");
        bad("--mixture", "exact", "--theory", "mixture2d", "--mixture", "four");
        bad("--pair-mu", "exact", "--theory", "mixture2d", "--pair-mu", "-1");
        bad("--pair-mu", "exact", "--theory", "mixture2d", "--pair-mu", "1000");
        bad("--m2 does not apply to theory u1", "exact", "--theory", "u1", "--m2", "1");
        bad("--L does not apply to theory vonmises", "exact", "--theory", "vonmises", "--L", "8");
        bad("--beta does not apply to theory mixture2d", "exact", "--theory", "mixture2d", "--beta", "2");
        bad(
                "--method does not apply to exact results of theory phi4",
                "exact",
                "--theory",
                "phi4",
                "--lam",
                "0",
                "--m2",
                "1",
                "--method",
                "quadrature");
        bad("--L", "exact", "--L", "abc");
        bad("--beta", "exact", "--beta", "abc");

        // flow-snapshots
        bad("--n", "flow-snapshots", "--n", "1");
        bad("--n", "flow-snapshots", "--n", "0");
        bad("--n", "flow-snapshots", "--n", "100000000");
        bad("--n", "flow-snapshots", "--n", "1e8");
        bad("--ode-steps", "flow-snapshots", "--ode-steps", "0");
        bad("--ode-steps", "flow-snapshots", "--ode-steps", "2000000000");
        bad("--ode-steps", "flow-snapshots", "--ode-steps", "2e9");
        bad("integrator", "flow-snapshots", "--integrator", "rk5");
        bad("--bins", "flow-snapshots", "--bins", "1");
        bad("--bins", "flow-snapshots", "--bins", "1000");
        bad("--range", "flow-snapshots", "--range", "0");
        bad("--range", "flow-snapshots", "--range", "-1");
        bad("--range", "flow-snapshots", "--range", "NaN");
        bad("--times", "flow-snapshots", "--times", "2");
        bad("--times", "flow-snapshots", "--times", "-0.1");
        bad("--times must increase", "flow-snapshots", "--times", "0.5,0.2");
        bad("--times", "flow-snapshots", "--times", "abc");
        bad("at most 101 times", "flow-snapshots", "--times", "0," + "0.5,".repeat(150) + "1");
        bad("must be trained first", "flow-snapshots", "--velocity", "mlp");
        bad("must be trained first", "flow-snapshots", "--velocity", "foo");
        failure(
                "not a FlowLab run directory",
                "flow-snapshots",
                "--run",
                scratch.resolve("missing").toString());
        failure("is a file", "flow-snapshots", "--run", file.toString());
        bad("exclude each other", "flow-snapshots", "--run", valid, "--velocity", "toy-split");
        bad("not a continuous flow", "flow-snapshots", "--run", valid);
        bad("apply to toy-split", "flow-snapshots", "--run", valid, "--ode-steps", "5");
        bad("--threads", "flow-snapshots", "--threads", "100000");
        bad("precision", "flow-snapshots", "--precision", "float16");

        // bench
        bad("--steps", "bench", "--steps", "0");
        bad("--steps", "bench", "--steps", "-1");
        bad("--steps", "bench", "--steps", "1000000");
        bad("--steps", "bench", "--steps", "abc");
        bad("--warmup", "bench", "--warmup", "-1");
        bad("--warmup", "bench", "--warmup", "1000000");
        bad("--threads", "bench", "--threads", "-1");
        bad("--threads", "bench", "--threads", "100000");
        bad("--only", "bench", "--only", "nope", "--steps", "1");
        bad("--memory-steps", "bench", "--memory", "--memory-steps", "0");
        bad("--probe-seconds", "bench", "--gui-probe", "--probe-seconds", "0");
        bad("--probe-seconds", "bench", "--gui-probe", "--probe-seconds", "-5");
        bad("--probe-seconds", "bench", "--gui-probe", "--probe-seconds", "1e9");
    }
}
