package org.flowlab.model.store;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.io.AtomicFiles;
import org.flowlab.model.io.Npy;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.RunLink;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.LearningRateSchedule;

/**
 * Exports a run as a self-contained PyTorch script, so that a student can continue in a
 * notebook: {@code flowlab_run.py} (the target's action, the flow, the loss, the training loop
 * and the ESS, in plain PyTorch), {@code weights.npz} (the run's parameters under their FlowLab
 * names, which the script loads) and {@code check.npz} (a batch of prior samples z, the
 * configurations x = f(z), and the reverse- and forward-KL losses FlowLab computes on them in
 * float64; {@code python3 flowlab_run.py --check} recomputes them with PyTorch).
 *
 * <p>Supported: RealNVP on φ⁴, and the 2D coupling and affine flows on the Gaussian mixtures,
 * with reverse KL, path gradients or forward KL.
 */
public final class PyTorchScript {

    /** The script's file name. */
    public static final String SCRIPT = "flowlab_run.py";

    /** The weights' file name. */
    public static final String WEIGHTS = "weights.npz";

    /** The check batch's file name. */
    public static final String CHECK = "check.npz";

    /** Samples in the check batch. */
    public static final int CHECK_BATCH = 16;

    private PyTorchScript() {}

    /**
     * Whether a run can be exported.
     *
     * @param spec the run
     * @return null when it can, else the reason in one line
     */
    public static String unsupported(RunSpec spec) {
        boolean flow = (spec.theory().equals("phi4") && spec.flow().equals("realnvp"))
                || (spec.theory().equals("mixture2d")
                        && (spec.flow().equals("coupling2d") || spec.flow().equals("affine2d")));
        if (!flow) {
            return "the PyTorch export covers RealNVP on φ⁴ and the 2D coupling and affine flows on the mixtures, not "
                    + spec.flowKind().title() + " on " + spec.theoryKind().title();
        }
        if (!List.of("rkl", "pathgrad", "fkl").contains(spec.loss())) {
            return "the PyTorch export covers reverse KL, path gradients and forward KL, not "
                    + spec.lossKind().title();
        }
        return null;
    }

    /**
     * Writes the script, the weights and the check batch into a directory (created if needed).
     * Call on the training thread (or with no training going), outside a gradient collector.
     *
     * @param experiment the run
     * @param dir the directory
     * @return the files written
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when the run cannot be exported ({@link #unsupported})
     */
    public static List<Path> write(Experiment experiment, Path dir) throws IOException {
        RunSpec spec = experiment.spec();
        String problem = unsupported(spec);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Files.createDirectories(dir);
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        experiment.flow().parameters().save(weights);
        byte[] weightBytes = weights.toByteArray();
        List<Path> written = new ArrayList<>();
        Path weightFile = dir.resolve(WEIGHTS);
        AtomicFiles.write(weightFile, out -> out.write(weightBytes));
        written.add(weightFile);
        Map<String, Npy.Array> check = checkBatch(spec, weightBytes);
        Path checkFile = dir.resolve(CHECK);
        AtomicFiles.write(checkFile, out -> Npy.writeNpz(out, check));
        written.add(checkFile);
        Path script = dir.resolve(SCRIPT);
        AtomicFiles.writeString(script, source(spec, experiment.target()));
        written.add(script);
        return written;
    }

    /**
     * The reverse- and forward-KL losses of the run's weights on a seeded batch, in float64.
     *
     * @param spec the run
     * @param weightBytes its parameters as written by {@code ParameterSet.save}
     * @return the arrays z, x, loss_rkl, loss_fkl
     * @throws IOException when the weights cannot be read back
     */
    static Map<String, Npy.Array> checkBatch(RunSpec spec, byte[] weightBytes) throws IOException {
        Target target = spec.theoryKind().create(spec.theorySettings());
        try (FlowModel twin = spec.flowKind()
                        .create(
                                target,
                                spec.flowSettings(),
                                Device.cpu(),
                                DataType.FLOAT64,
                                spec.training().seed());
                NDManager scope = Compute.newManager(Device.cpu())) {
            twin.parameters().load(new ByteArrayInputStream(weightBytes));
            NDArray z = twin.prior()
                    .sample(
                            scope,
                            CHECK_BATCH,
                            new SplittableRandom(spec.training().seed() + 7),
                            DataType.FLOAT64);
            FlowSample s = twin.push(z);
            double reverse =
                    Tensors.toDoubles(s.logQ().add(target.action(s.x())).mean())[0];
            double forward = -Tensors.toDoubles(twin.logQ(s.x()).mean())[0];
            long[] shape = s.x().getShape().getShape();
            Map<String, Npy.Array> out = new LinkedHashMap<>();
            out.put("z", new Npy.Array(shape, Tensors.toDoubles(z)));
            out.put("x", new Npy.Array(shape, Tensors.toDoubles(s.x())));
            out.put("loss_rkl", new Npy.Array(new long[] {1}, new double[] {reverse}));
            out.put("loss_fkl", new Npy.Array(new long[] {1}, new double[] {forward}));
            return out;
        }
    }

    /**
     * The Python script of a run.
     *
     * @param spec the run
     * @param target its target (for the mixture's constants)
     * @return the script's text
     */
    static String source(RunSpec spec, Target target) {
        StringBuilder b = new StringBuilder();
        b.append("#!/usr/bin/env python3\n");
        b.append("'''A FlowLab run exported to PyTorch: ")
                .append(spec.describe().replace("'", ""))
                .append(".\n\n");
        b.append("Files: ")
                .append(SCRIPT)
                .append(" (this script), ")
                .append(WEIGHTS)
                .append(" (the run's weights under their\n");
        b.append("FlowLab names) and ")
                .append(CHECK)
                .append(" (a batch with FlowLab's losses on it). Needs torch and numpy.\n\n");
        b.append("    python3 ").append(SCRIPT).append("                 continue training from FlowLab's weights\n");
        b.append("    python3 ")
                .append(SCRIPT)
                .append(" --check         compare the losses with FlowLab's (float64)\n");
        b.append("    python3 ").append(SCRIPT).append(" --steps 500 --lr 1e-3 --save more.npz\n\n");
        b.append("In a notebook: exec(open('")
                .append(SCRIPT)
                .append("').read()) defines Flow, action, log_q, sample, ess and\n");
        b.append("train without running anything (the __main__ part does not run).\n");
        b.append("The same run in FlowLab: ").append(RunLink.labLink(spec)).append("\n'''\n");
        b.append(PyTorchSource.IMPORTS);
        b.append("\n# ---------------------------------------------------------------- the run\n");
        b.append("THEORY = ").append(str(spec.theory())).append('\n');
        b.append("FLOW = ").append(str(spec.flow())).append('\n');
        b.append("LOSS = ").append(str(spec.loss())).append('\n');
        b.append("DTYPE = torch.")
                .append(spec.precision() == Precision.FLOAT64 ? "float64" : "float32")
                .append('\n');
        b.append("RUN = {\n");
        entries(b, spec.theoryKind(), spec.theorySettings().asMap());
        entries(b, spec.flowKind(), spec.flowSettings().asMap());
        entries(b, spec.lossKind(), spec.lossSettings().asMap());
        b.append("    \"batch\": ").append(spec.training().batch()).append(",\n");
        b.append("    \"lr\": ").append(num(spec.training().learningRate())).append(",\n");
        b.append("    \"steps\": ").append(spec.training().steps()).append(",\n");
        b.append("    \"seed\": ").append(spec.training().seed()).append(",\n");
        b.append("    \"lr_schedule\": ")
                .append(str(spec.training().schedule().id()))
                .append(",\n");
        b.append("}\n");
        b.append("COSINE_FLOOR = ")
                .append(num(LearningRateSchedule.COSINE_FLOOR))
                .append('\n');
        if (target instanceof GaussianMixture2D m) {
            StringBuilder means = new StringBuilder();
            StringBuilder weights = new StringBuilder();
            StringBuilder sigmas = new StringBuilder();
            for (int k = 0; k < m.components(); k++) {
                String sep = k == 0 ? "" : ", ";
                means.append(sep)
                        .append('[')
                        .append(num(m.mean(k)[0]))
                        .append(", ")
                        .append(num(m.mean(k)[1]))
                        .append(']');
                weights.append(sep).append(num(m.weight(k)));
                sigmas.append(sep).append(num(m.width(k)));
            }
            b.append("MEANS = [").append(means).append("]\n");
            b.append("MIX_WEIGHTS = [").append(weights).append("]\n");
            b.append("SIGMAS = [").append(sigmas).append("]\n");
            b.append(PyTorchSource.MIXTURE);
        } else {
            b.append(PyTorchSource.PHI4);
        }
        b.append(PyTorchSource.PRIOR);
        switch (spec.flow()) {
            case "realnvp":
                b.append(PyTorchSource.REALNVP);
                break;
            case "coupling2d":
                b.append(PyTorchSource.COUPLING_2D);
                break;
            default:
                b.append(PyTorchSource.AFFINE_2D);
                break;
        }
        b.append(PyTorchSource.TRAINING);
        return b.toString();
    }

    private static void entries(StringBuilder b, Kind kind, Map<String, String> values) {
        for (ParamDef d : kind.params()) {
            String v = values.get(d.key());
            String literal;
            switch (d.type()) {
                case INTEGER:
                    literal = v;
                    break;
                case REAL:
                    literal = num(Double.parseDouble(v));
                    break;
                case BOOLEAN:
                    literal = Boolean.parseBoolean(v) ? "True" : "False";
                    break;
                default:
                    literal = str(v);
                    break;
            }
            b.append("    ").append(str(d.key())).append(": ").append(literal).append(",\n");
        }
    }

    private static String str(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String num(double v) {
        String s = Double.toString(v);
        return s.toLowerCase(Locale.ROOT);
    }
}
