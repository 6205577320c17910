package org.flowlab.model.mcmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.observe.Observable;

/**
 * A long-running HMC chain that provides "truth" next to a training run: it tunes its step size
 * towards 80% acceptance during thermalisation, then measures one observable after every
 * trajectory and publishes snapshots (the current configuration and all measurements so far)
 * at most every {@link Config#publishMillis}. It runs at most
 * {@link Config#trajectoriesPerSecond} so that it leaves the processor to training; once it has
 * measured {@link Config#maxMeasurements} trajectories it stops measuring and only refreshes its
 * configuration a few times a second until cancelled.
 */
public final class ReferenceChain implements Runnable {

    /**
     * How the chain runs.
     *
     * @param stepSize initial leapfrog step size (tuned during thermalisation)
     * @param nLeapfrog leapfrog steps per trajectory
     * @param thermalisation trajectories of thermalisation and step-size tuning
     * @param maxMeasurements measured trajectories after which the chain stops measuring
     * @param publishMillis minimum time between snapshots
     * @param trajectoriesPerSecond speed limit (0 for none)
     */
    public record Config(
            double stepSize,
            int nLeapfrog,
            int thermalisation,
            int maxMeasurements,
            long publishMillis,
            double trajectoriesPerSecond) {

        /**
         * The window's reference chain: step size 0.1 with 10 leapfrog steps, 500 thermalisation
         * trajectories, at most 50,000 measurements, a snapshot at most every 150 ms, at most
         * 4,000 trajectories a second.
         */
        public static final Config WINDOW = new Config(0.1, 10, 500, 50_000, 150, 4000);

        /**
         * Checks the values.
         *
         * @param stepSize step size
         * @param nLeapfrog leapfrog steps
         * @param thermalisation thermalisation trajectories
         * @param maxMeasurements measurements
         * @param publishMillis snapshot interval
         * @param trajectoriesPerSecond speed limit
         */
        public Config {
            if (!(stepSize > 0)
                    || nLeapfrog < 1
                    || thermalisation < 0
                    || maxMeasurements < 1
                    || publishMillis < 0
                    || !(trajectoriesPerSecond >= 0)) {
                throw new IllegalArgumentException("invalid reference-chain configuration " + this);
            }
        }
    }

    /**
     * What the chain has produced so far.
     *
     * @param trajectories trajectories run after thermalisation
     * @param acceptRate acceptance in the measurement phase
     * @param stepSize the tuned leapfrog step size
     * @param configuration a copy of the current configuration
     * @param measurements measurements.get(k)[i] is observable k after measured trajectory i
     */
    public record Snapshot(
            long trajectories,
            double acceptRate,
            double stepSize,
            double[] configuration,
            List<double[]> measurements) {

        /**
         * The measurements of the first observable.
         *
         * @return its history
         */
        public double[] first() {
            return measurements.get(0);
        }
    }

    private final HmcSystem system;
    private final List<Observable> observables;
    private final Config config;
    private final int maxMeasurements;
    private final long seed;
    private final Consumer<Snapshot> sink;
    private final long publishNanos;
    private final double trajectoriesPerSecond;
    private volatile boolean cancelled;
    private double stepSize;

    /**
     * Creates the chain.
     *
     * @param system the system to sample
     * @param observables what to measure
     * @param config step size, trajectory length, thermalisation, measurements and pacing
     * @param seed random seed
     * @param sink receives snapshots (on the chain's thread)
     */
    public ReferenceChain(
            HmcSystem system, List<Observable> observables, Config config, long seed, Consumer<Snapshot> sink) {
        this.system = system;
        this.observables = List.copyOf(observables);
        this.config = config;
        this.stepSize = config.stepSize();
        this.maxMeasurements = config.maxMeasurements();
        this.seed = seed;
        this.sink = sink;
        this.publishNanos = config.publishMillis() * 1_000_000L;
        this.trajectoriesPerSecond = config.trajectoriesPerSecond();
    }

    /** Stops the chain after the current trajectory. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[system.degreesOfFreedom()];
        stepSize =
                Hmc.thermalise(system, x, stepSize, config.nLeapfrog(), config.thermalisation(), rng, () -> cancelled);
        Hmc hmc = new Hmc(system, stepSize, config.nLeapfrog(), rng);
        int k = observables.size();
        double[][] measured = new double[k][Math.min(maxMeasurements, 4096)];
        int count = 0;
        long start = System.nanoTime();
        long lastPublish = start;
        long trajectories = 0;
        while (!cancelled) {
            hmc.update(x);
            trajectories++;
            if (count < maxMeasurements) {
                if (count == measured[0].length) {
                    for (int j = 0; j < k; j++) {
                        measured[j] = Arrays.copyOf(measured[j], Math.min(maxMeasurements, measured[j].length * 2));
                    }
                }
                for (int j = 0; j < k; j++) {
                    measured[j][count] = observables.get(j).measure(x);
                }
                count++;
            }
            long now = System.nanoTime();
            if (now - lastPublish >= publishNanos) {
                lastPublish = now;
                sink.accept(snapshot(trajectories, hmc, x, measured, count));
            }
            if (count >= maxMeasurements) {
                pause(50);
            } else if (trajectoriesPerSecond > 0) {
                double ahead = trajectories / trajectoriesPerSecond - (now - start) / 1e9;
                if (ahead > 0.01) {
                    pause((long) (ahead * 1000));
                }
            }
        }
        sink.accept(snapshot(trajectories, hmc, x, measured, count));
    }

    private Snapshot snapshot(long trajectories, Hmc hmc, double[] x, double[][] measured, int count) {
        List<double[]> copies = new ArrayList<>();
        for (double[] m : measured) {
            copies.add(Arrays.copyOf(m, count));
        }
        return new Snapshot(trajectories, hmc.acceptRate(), stepSize, x.clone(), List.copyOf(copies));
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
    }
}
