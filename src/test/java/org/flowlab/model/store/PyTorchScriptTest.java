package org.flowlab.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flowlab.model.io.Npy;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunLink;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.LearningRateSchedule;
import org.flowlab.model.train.PreparationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PyTorch export: the files, FlowLab's own losses on the check batch, and, where PyTorch is
 * installed for {@code /usr/bin/python3}, the exported script itself: it recomputes FlowLab's
 * losses for the same weights and batch, and trains a few steps.
 */
class PyTorchScriptTest {

    private static final String PYTHON = "/usr/bin/python3";

    /** Small runs of every supported flow and loss, trained a few steps before the export. */
    private static final Map<String, String> RUNS = Map.of(
            "realnvp-rkl",
                    "flowlab:lab?theory=phi4&L=4&m2=-0.5&lambda=1.5&flow=realnvp&layers=4&hidden=4&hiddenLayers=2"
                            + "&kernel=3&tanh=true&loss=rkl&batch=16&lr=0.01&steps=3&seed=2&precision=float32",
            "realnvp-fkl-notanh",
                    "flowlab:lab?theory=phi4&L=4&m2=-0.5&lambda=1.5&flow=realnvp&layers=2&hidden=4"
                            + "&hiddenLayers=1&kernel=3&tanh=false&loss=fkl&samples=100&thin=1&therm=20&dataSeed=3&batch=16&lr=0.01"
                            + "&steps=3&seed=2&precision=float64",
            "coupling2d-pathgrad",
                    "flowlab:lab?theory=mixture2d&mixture=three&mu=4&sigma=1&flow=coupling2d&layers=4"
                            + "&hidden=8&hiddenLayers=2&loss=pathgrad&batch=16&lr=0.01&schedule=cosine&steps=3&seed=2&precision=float32",
            "affine2d-fkl",
                    "flowlab:lab?theory=mixture2d&mixture=pair&mu=4&sigma=1&flow=affine2d&loss=fkl&samples=100"
                            + "&thin=1&therm=20&dataSeed=3&batch=16&lr=0.02&steps=3&seed=2&precision=float32");

    private static Path export(String name, Path dir) throws IOException {
        RunSpec spec = RunLink.parse(RUNS.get(name)).spec();
        try (Experiment e = spec.open()) {
            e.trainer().objective().prepare(PreparationListener.NONE, () -> false);
            for (int i = 0; i < spec.training().steps(); i++) {
                e.trainer().step();
            }
            List<Path> files = PyTorchScript.write(e, dir);
            assertEquals(3, files.size());
        }
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"realnvp-rkl", "realnvp-fkl-notanh", "coupling2d-pathgrad", "affine2d-fkl"})
    void writesTheScriptTheWeightsAndTheCheckBatch(String name, @TempDir Path dir) throws IOException {
        // when
        export(name, dir);
        // then
        String script = Files.readString(dir.resolve(PyTorchScript.SCRIPT), StandardCharsets.UTF_8);
        for (String part : List.of(
                "def action(",
                "class Flow(",
                "def log_q(",
                "def step_loss(",
                "def train(",
                "def ess(",
                "def check(",
                "load_weights(flow.reg)",
                "flowlab:lab?")) {
            assertTrue(script.contains(part), name + ": the script lacks " + part);
        }
        Map<String, Npy.Array> check;
        try (InputStream in = Files.newInputStream(dir.resolve(PyTorchScript.CHECK))) {
            check = Npy.readNpz(in);
        }
        assertEquals(PyTorchScript.CHECK_BATCH, check.get("z").shape()[0]);
        assertTrue(Double.isFinite(check.get("loss_rkl").values()[0]));
        assertTrue(Double.isFinite(check.get("loss_fkl").values()[0]));
        assertTrue(Files.size(dir.resolve(PyTorchScript.WEIGHTS)) > 100);
    }

    @Test
    void otherRunsAreRefusedWithAReason() {
        RunSpec u1 = RunLink.parse("flowlab:lab?theory=u1&L=4&beta=1").spec();
        RunSpec cnf = RunLink.parse("flowlab:lab?theory=mixture2d&flow=cnf").spec();
        RunSpec fklPath =
                RunLink.parse("flowlab:lab?theory=phi4&L=4&loss=fkl-pathgrad").spec();
        assertNotNull(PyTorchScript.unsupported(u1));
        assertNotNull(PyTorchScript.unsupported(cnf));
        assertNotNull(PyTorchScript.unsupported(fklPath));
        assertNull(
                PyTorchScript.unsupported(RunLink.parse(RUNS.get("realnvp-rkl")).spec()));
        try (Experiment e = u1.open()) {
            assertThrows(IllegalArgumentException.class, () -> PyTorchScript.write(e, Path.of("unused")));
        }
    }

    @Test
    void theExportedScriptsReproduceFlowLabsLossesAndTrain(@TempDir Path dir) throws Exception {
        assumeTrue(
                torchAvailable(),
                "PyTorch is not installed for " + PYTHON + " (apt-get install python3-torch):"
                        + " the exported scripts are not run");
        // given: every supported kind of run, exported
        for (String name : RUNS.keySet()) {
            export(name, dir.resolve(name));
        }
        // when: one Python process (PyTorch loads once) runs each script's check, then trains each a few steps
        String driver = String.join(
                "\n",
                "import os, runpy, sys",
                "root = os.getcwd()",
                "for mode in ('--check', 'train'):",
                "    for name in sorted(os.listdir(root)):",
                "        os.chdir(os.path.join(root, name))",
                "        sys.argv = ['" + PyTorchScript.SCRIPT + "'] + (['--check'] if mode == '--check' else"
                        + " ['--steps', '3', '--every', '1', '--batch', '16'])",
                "        code = 0",
                "        try:",
                "            runpy.run_path('" + PyTorchScript.SCRIPT + "', run_name='__main__')",
                "        except SystemExit as e:",
                "            code = e.code or 0",
                "        print('RESULT', mode, name, code, flush=True)");
        Result run = python(dir, "-c", driver);
        // then: every check agrees with FlowLab to 1e-6 and every training run ends with its ESS
        assertEquals(0, run.status(), run.output());
        for (String name : RUNS.keySet()) {
            assertTrue(run.output().contains("RESULT --check " + name + " 0"), name + ":\n" + run.output());
            assertTrue(run.output().contains("RESULT train " + name + " 0"), name + ":\n" + run.output());
        }
        assertEquals(RUNS.size(), run.output().split("ESS on 1024 fresh samples", -1).length - 1, run.output());
        assertTrue(run.output().contains("reverse KL loss on the check batch"), run.output());
    }

    @Test
    void theExportedScriptFollowsFlowLabsLearningRateSchedule(@TempDir Path dir) throws Exception {
        assumeTrue(torchAvailable(), "PyTorch is not installed for " + PYTHON + ": the exported script is not run");
        // given: a run with the cosine schedule, exported
        export("coupling2d-pathgrad", dir);
        // when: the script's definitions are loaded (as in a notebook) and asked for the factors of an 11-step run
        Result run = python(
                dir,
                "-c",
                "import runpy; g = runpy.run_path('" + PyTorchScript.SCRIPT + "');"
                        + " print(' '.join(repr(g['lr_factor'](k, 11)) for k in range(11)))");
        // then: they are FlowLab's, step by step
        assertEquals(0, run.status(), run.output());
        String[] lines = run.output().strip().split("\n");
        String[] factors = lines[lines.length - 1].trim().split(" ");
        assertEquals(11, factors.length, run.output());
        for (int k = 0; k < 11; k++) {
            assertEquals(LearningRateSchedule.COSINE.factor(k, 11), Double.parseDouble(factors[k]), 1e-12, "step " + k);
        }
    }

    private record Result(int status, String output) {}

    private static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch, numpy")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result python(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = PYTHON;
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the scripts did not finish");
        return new Result(p.exitValue(), out);
    }
}
