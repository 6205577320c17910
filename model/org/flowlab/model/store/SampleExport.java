package org.flowlab.model.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.io.AtomicFiles;
import org.flowlab.model.io.Npy;
import org.flowlab.model.spec.Experiment;

/**
 * Writes model samples for NumPy: a {@code .npy} file holds the samples (shape [n, event...]);
 * an {@code .npz} archive holds {@code samples}, {@code log_q} (model log density),
 * {@code log_p} (= -S, unnormalised) and {@code log_w} (= log_p - log_q).
 */
public final class SampleExport {

    private SampleExport() {}

    /**
     * Draws samples from the experiment's flow (without gradients) and writes them atomically.
     *
     * @param experiment the trained experiment (call on its training thread)
     * @param file a path ending in .npy or .npz
     * @param n number of samples
     * @param seed random seed
     * @throws IOException when writing fails
     */
    public static void write(Experiment experiment, Path file, int n, long seed) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean npz = name.endsWith(".npz");
        if (!npz && !name.endsWith(".npy")) {
            throw new IOException("choose a file name ending in .npy or .npz");
        }
        if (n < 1) {
            throw new IOException("the number of samples must be at least 1");
        }
        long[] event = experiment.target().eventShape().getShape();
        long[] shape = new long[event.length + 1];
        shape[0] = n;
        System.arraycopy(event, 0, shape, 1, event.length);
        double[] samples;
        double[] logQ;
        double[] logP;
        try (NDManager m = Compute.newManager(experiment.flow().parameters().device())) {
            FlowSample s = experiment.flow().sample(m, n, new SplittableRandom(seed));
            NDArray p = experiment.target().logP(s.x());
            samples = Tensors.toDoubles(s.x());
            logQ = Tensors.toDoubles(s.logQ());
            logP = Tensors.toDoubles(p);
        }
        if (!npz) {
            AtomicFiles.write(file, out -> Npy.write(out, shape, samples));
            return;
        }
        double[] logW = new double[n];
        for (int i = 0; i < n; i++) {
            logW[i] = logP[i] - logQ[i];
        }
        Map<String, Npy.Array> arrays = new LinkedHashMap<>();
        arrays.put("samples", new Npy.Array(shape, samples));
        arrays.put("log_q", new Npy.Array(new long[] {n}, logQ));
        arrays.put("log_p", new Npy.Array(new long[] {n}, logP));
        arrays.put("log_w", new Npy.Array(new long[] {n}, logW));
        AtomicFiles.write(file, out -> Npy.writeNpz(out, arrays));
    }
}
