package org.flowlab.model.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Observable;

/**
 * An HMC chain that runs on its own thread (plain Java, no tensors) and publishes what it has
 * measured so far, analysed: the histories of its observables, the acceptance, and the joint
 * Gamma-method analysis ({@link ChainAnalysis}). For watching a chain live.
 */
public final class LiveChain implements Runnable {

    /** Fewest measurements before the first analysis. */
    public static final int MIN_ANALYSED = 20;

    /**
     * What to run.
     *
     * @param system the system
     * @param observables what to measure after every trajectory
     * @param start the start configuration (copied)
     * @param stepSize leapfrog step size
     * @param nLeapfrog (mean) leapfrog steps
     * @param randomLength whether trajectory lengths are drawn
     * @param thermalisation trajectories discarded first
     * @param trajectories measured trajectories
     * @param seed the seed
     */
    public record Plan(
            HmcSystem system,
            List<Observable> observables,
            double[] start,
            double stepSize,
            int nLeapfrog,
            boolean randomLength,
            int thermalisation,
            int trajectories,
            long seed) {

        /**
         * Validates the numbers.
         *
         * @param system the system
         * @param observables the observables
         * @param start the start
         * @param stepSize the step size
         * @param nLeapfrog leapfrog steps
         * @param randomLength random lengths
         * @param thermalisation thermalisation
         * @param trajectories measured trajectories
         * @param seed the seed
         */
        public Plan {
            if (trajectories < 2) {
                throw new IllegalArgumentException(
                        "a chain needs at least 2 measured trajectories, got " + trajectories);
            }
            if (thermalisation < 0) {
                throw new IllegalArgumentException("thermalisation must be 0 or more, got " + thermalisation);
            }
            start = start.clone();
            observables = List.copyOf(observables);
            new Hmc(system, stepSize, nLeapfrog, randomLength, new SplittableRandom(0));
        }
    }

    /**
     * The chain so far.
     *
     * @param done trajectories run, thermalisation included
     * @param total trajectories planned
     * @param acceptance acceptance of the measured trajectories (NaN before the first)
     * @param names observable names
     * @param series measurements so far, one array per observable
     * @param analysis the joint analysis (null before {@link #MIN_ANALYSED} measurements)
     * @param finished whether the chain has ended (done or cancelled)
     */
    public record Snapshot(
            long done,
            long total,
            double acceptance,
            List<String> names,
            List<double[]> series,
            ChainAnalysis.Result analysis,
            boolean finished) {

        /**
         * Number of measurements.
         *
         * @return the count
         */
        public int measured() {
            return series.isEmpty() ? 0 : series.get(0).length;
        }
    }

    private final Plan plan;
    private final Consumer<Snapshot> sink;
    private final long publishNanos;
    private volatile boolean cancelled;

    /**
     * Creates the chain.
     *
     * @param plan what to run
     * @param sink receives snapshots on the chain's thread
     * @param publishMillis minimum time between snapshots
     */
    public LiveChain(Plan plan, Consumer<Snapshot> sink, long publishMillis) {
        this.plan = plan;
        this.sink = sink;
        this.publishNanos = publishMillis * 1_000_000L;
    }

    /** Stops the chain after the current trajectory. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        SplittableRandom rng = new SplittableRandom(plan.seed());
        Hmc hmc = new Hmc(plan.system(), plan.stepSize(), plan.nLeapfrog(), plan.randomLength(), rng);
        double[] x = plan.start().clone();
        int k = plan.observables().size();
        double[][] measured = new double[k][plan.trajectories()];
        long total = (long) plan.thermalisation() + plan.trajectories();
        long done = 0;
        int count = 0;
        long accepted = 0;
        long last = System.nanoTime();
        while (!cancelled && done < total) {
            boolean a = hmc.update(x);
            done++;
            if (done > plan.thermalisation()) {
                accepted += a ? 1 : 0;
                for (int j = 0; j < k; j++) {
                    measured[j][count] = plan.observables().get(j).measure(x);
                }
                count++;
            }
            long now = System.nanoTime();
            if (now - last >= publishNanos) {
                last = now;
                sink.accept(snapshot(done, total, accepted, measured, count, false));
            }
        }
        sink.accept(snapshot(done, total, accepted, measured, count, true));
    }

    private Snapshot snapshot(long done, long total, long accepted, double[][] measured, int count, boolean finished) {
        List<String> names = new ArrayList<>();
        List<double[]> copies = new ArrayList<>();
        for (int j = 0; j < measured.length; j++) {
            names.add(plan.observables().get(j).name());
            copies.add(Arrays.copyOf(measured[j], count));
        }
        ChainAnalysis.Result analysis = count >= MIN_ANALYSED ? ChainAnalysis.analyse(names, copies) : null;
        return new Snapshot(
                done,
                total,
                count == 0 ? Double.NaN : accepted / (double) count,
                List.copyOf(names),
                List.copyOf(copies),
                analysis,
                finished);
    }
}
