package org.flowlab.model.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.mcmc.Hmc;

/**
 * Workload (3): HMC trajectories of phi^4 on an L x L lattice (8 x 8 by default) at the tutorial point
 * (m^2 = -4, lambda = 48), 10 leapfrog steps of size 0.1 each, with {@link Hmc} on plain
 * Java arrays. Trajectories take microseconds, so they are timed in blocks.
 */
public final class Phi4Hmc implements Workload {

    /** Trajectories per timed block. */
    public static final int BLOCK = 500;

    /** Default warm-up blocks (for the JIT). */
    public static final int DEFAULT_WARMUP = 20;

    /** Default timed blocks. */
    public static final int DEFAULT_BLOCKS = 60;

    static final double STEP_SIZE = 0.1;
    static final int LEAPFROG = 10;

    private final int lattice;

    /**
     * The workload on an L x L lattice.
     *
     * @param lattice L
     */
    public Phi4Hmc(int lattice) {
        this.lattice = lattice;
    }

    @Override
    public String id() {
        return "phi4_hmc";
    }

    @Override
    public String description() {
        return "phi^4 L=" + lattice + " (m^2=-4, lambda=48) HMC, 10 leapfrog steps of 0.1, float64, one thread";
    }

    @Override
    public Measurement run(int warmup, int units) {
        int w = warmup < 0 ? DEFAULT_WARMUP : warmup;
        int n = units <= 0 ? DEFAULT_BLOCKS : units;
        Phi4Theory theory = Phi4Theory.tutorial(lattice);
        Hmc hmc = new Hmc(theory, STEP_SIZE, LEAPFROG, new SplittableRandom(1));
        double[] phi = new double[theory.volume()];
        for (int b = 0; b < w; b++) {
            for (int i = 0; i < BLOCK; i++) {
                hmc.update(phi);
            }
        }
        hmc.resetStatistics();
        double[] ms = new double[n];
        for (int b = 0; b < n; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < BLOCK; i++) {
                hmc.update(phi);
            }
            ms[b] = (System.nanoTime() - start) / 1e6 / BLOCK;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("acceptance", hmc.acceptRate());
        return Timings.summarise(
                id(),
                description(),
                "trajectory",
                ms,
                "median over " + n + " blocks of " + BLOCK + " trajectories after " + w + " warm-up blocks",
                metrics);
    }
}
