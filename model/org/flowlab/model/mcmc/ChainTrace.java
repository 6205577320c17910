package org.flowlab.model.mcmc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.flowlab.model.io.AtomicFiles;

/**
 * The trajectory-by-trajectory record of an HMC chain, for students' own analysis: whether each
 * trajectory was accepted, its energy violation deltaH and its number of leapfrog steps, next to
 * the measured observables. It wraps the sampler as a {@link MarkovChain.Update} and keeps the
 * last trajectories (those of the measurement phase).
 *
 * <p>The CSV has the header {@code trajectory,accepted,delta_h,leapfrog_steps,<observables>}
 * and one line per measured trajectory, numbers in full precision.
 */
public final class ChainTrace implements MarkovChain.Update {

    private final Hmc hmc;
    private boolean[] accepted = new boolean[1024];
    private double[] deltaH = new double[1024];
    private int[] steps = new int[1024];
    private int count;

    /**
     * Wraps a sampler.
     *
     * @param hmc the sampler whose trajectories are recorded
     */
    public ChainTrace(Hmc hmc) {
        this.hmc = hmc;
    }

    @Override
    public boolean apply(double[] x) {
        boolean a = hmc.update(x);
        if (count == accepted.length) {
            accepted = Arrays.copyOf(accepted, 2 * count);
            deltaH = Arrays.copyOf(deltaH, 2 * count);
            steps = Arrays.copyOf(steps, 2 * count);
        }
        accepted[count] = a;
        deltaH[count] = hmc.lastDeltaH();
        steps[count] = hmc.lastSteps();
        count++;
        return a;
    }

    /**
     * The CSV text of the measured trajectories: the last {@code chain.series()} length
     * trajectories recorded.
     *
     * @param chain the chain's measurements
     * @return the CSV text
     */
    public String csv(ChainResult chain) {
        int n = chain.series().isEmpty() ? 0 : chain.series().get(0).length;
        if (n > count) {
            throw new IllegalStateException(
                    "the trace holds " + count + " trajectories, fewer than the " + n + " measured");
        }
        int first = count - n;
        StringBuilder b = new StringBuilder("trajectory,accepted,delta_h,leapfrog_steps");
        for (String name : chain.names()) {
            b.append(',').append(name);
        }
        b.append('\n');
        for (int i = 0; i < n; i++) {
            int t = first + i;
            b.append(i + 1)
                    .append(',')
                    .append(accepted[t] ? 1 : 0)
                    .append(',')
                    .append(deltaH[t])
                    .append(',')
                    .append(steps[t]);
            for (double[] s : chain.series()) {
                b.append(',').append(s[i]);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Writes the CSV atomically.
     *
     * @param file the file
     * @param chain the chain's measurements
     * @throws IOException when writing fails
     */
    public void write(Path file, ChainResult chain) throws IOException {
        AtomicFiles.writeString(file, csv(chain));
    }
}
