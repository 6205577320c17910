package org.flowlab.model.spec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one set of limits shared by the window's forms and every command: ranges of the settings
 * that are not parameters of a theory, flow or loss (HMC chains, sampling, flow snapshots,
 * threads), as {@link ParamDef}s like the theory and flow parameters, and the work budget
 * that keeps a chain from running for hours. The optimisation settings are in
 * {@link TrainingParams}, memory estimates in {@link MemoryEstimate}.
 */
public final class Limits {

    /**
     * Most lattice-site leapfrog updates (trajectories x leapfrog steps x degrees of freedom,
     * weighted by the cost of the theory's force) one chain may plan: about two minutes of one core.
     */
    public static final double HMC_WORK = 3e9;

    /** Most configurations drawn or measured by one command. */
    public static final int MAX_SAMPLES = 10_000_000;

    /** Most times shown by one flow-snapshots call. */
    public static final int MAX_TIMES = 101;

    private static final List<ParamDef> HMC = List.of(
            ParamDef.integer(
                    "n",
                    "measured trajectories",
                    20_000,
                    2,
                    MAX_SAMPLES,
                    "traj.",
                    "trajectories after thermalisation, one measurement each"),
            ParamDef.integer(
                    "therm", "thermalisation", 500, 0, MAX_SAMPLES, "traj.", "trajectories discarded before measuring"),
            ParamDef.real(
                    "dt",
                    "leapfrog step size",
                    0.1,
                    0,
                    10,
                    true,
                    "> 0",
                    "leapfrog step size ε; the energy error grows as ε²"),
            ParamDef.integer("nleap", "leapfrog steps", 10, 1, 10_000, "steps", "leapfrog steps per trajectory"));

    private static final List<ParamDef> SAMPLING = List.of(
            ParamDef.integer("n", "samples", 10_000, 2, MAX_SAMPLES, "", "independent model samples"),
            ParamDef.integer("batch", "samples per pass", 1000, 1, 65_536, "", "samples per forward pass of the flow"));

    private static final List<ParamDef> SNAPSHOTS = List.of(
            ParamDef.integer("n", "prior samples", 20_000, 2, 1_000_000, "", "prior samples pushed through the flow"),
            ParamDef.integer("bins", "bins", 16, 2, 400, "", "histogram bins and density points"),
            ParamDef.real("range", "range", 4, 0, 1000, true, "> 0", "histogram and density on [−range, range]"));

    private static final List<ParamDef> BENCH = List.of(
            ParamDef.integer(
                    "steps", "timed units", 300, 1, 100_000, "", "timed training steps or HMC blocks per workload"),
            ParamDef.integer("warmup", "warm-up units", 50, 0, 100_000, "", "untimed units before timing"),
            ParamDef.integer("L", "lattice size", 8, 4, 64, "", "lattice extent L of every workload (L x L sites)"),
            ParamDef.integer(
                    "memorySteps", "memory-check steps", 5000, 1, 1_000_000, "", "training steps of the memory check"),
            ParamDef.real(
                    "probeSeconds",
                    "probe seconds",
                    10,
                    0,
                    3600,
                    true,
                    "> 0",
                    "seconds of training watched by the GUI probe"));

    private Limits() {}

    /**
     * HMC chain settings: measured trajectories {@code n}, {@code therm}, {@code dt}, {@code nleap}.
     *
     * @return the definitions
     */
    public static List<ParamDef> hmc() {
        return HMC;
    }

    /**
     * Sampling a trained flow: {@code n} and {@code batch}.
     *
     * @return the definitions
     */
    public static List<ParamDef> sampling() {
        return SAMPLING;
    }

    /**
     * Flow snapshots: {@code n}, {@code bins}, {@code range}.
     *
     * @return the definitions
     */
    public static List<ParamDef> snapshots() {
        return SNAPSHOTS;
    }

    /**
     * Benchmarks: {@code steps}, {@code warmup}, {@code memorySteps}, {@code probeSeconds}.
     *
     * @return the definitions
     */
    public static List<ParamDef> bench() {
        return BENCH;
    }

    /**
     * Checks one value against a definition of a list.
     *
     * @param defs the definitions
     * @param key the key
     * @param value the value (a number, word or text)
     * @return the canonical text
     * @throws ParamException with a one-line message naming the setting
     */
    public static String check(List<ParamDef> defs, String key, Object value) {
        for (ParamDef d : defs) {
            if (d.key().equals(key)) {
                return d.canonical(value == null ? null : text(value));
            }
        }
        throw new IllegalArgumentException("no setting '" + key + "'");
    }

    /**
     * Checks several values of a list at once.
     *
     * @param defs the definitions
     * @param values key to value
     * @throws ParamException naming the first bad setting
     */
    public static void check(List<ParamDef> defs, Map<String, ?> values) {
        values.forEach((k, v) -> check(defs, k, v));
    }

    private static String text(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return value.toString();
    }

    /**
     * The most threads a command may ask for: the cores of this machine.
     *
     * @return the count
     */
    public static int maxThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Checks a thread count.
     *
     * @param threads the count, 0 for all cores
     * @return the count
     * @throws IllegalArgumentException when negative or above {@link #maxThreads()}
     */
    public static int threads(int threads) {
        if (threads < 0 || threads > maxThreads()) {
            throw new ParamException(
                    "threads",
                    String.format(
                            Locale.ROOT,
                            "threads must be between 0 (all cores) and %d (the cores of this machine), got %d",
                            maxThreads(),
                            threads));
        }
        return threads;
    }

    /**
     * Checks the planned work of an HMC chain against {@link #HMC_WORK}.
     *
     * @param trajectories thermalisation plus measured trajectories
     * @param nLeapfrog leapfrog steps per trajectory
     * @param degreesOfFreedom variables of one configuration
     * @param costPerVariable relative cost of one force evaluation per variable (1 for phi^4)
     * @param what what runs the chain, for the message (e.g. "hmc")
     * @throws IllegalArgumentException with what would fit
     */
    public static void checkHmcWork(
            long trajectories, long nLeapfrog, long degreesOfFreedom, double costPerVariable, String what) {
        double work = (double) trajectories * nLeapfrog * degreesOfFreedom * costPerVariable;
        if (work > HMC_WORK) {
            double perTrajectory = (double) nLeapfrog * degreesOfFreedom * costPerVariable;
            long fits = (long) Math.floor(HMC_WORK / perTrajectory);
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s: %d trajectories of %d leapfrog steps on %d variables is about %.1e updates, more than the limit of %.0e"
                            + " (a few minutes); %s",
                    what,
                    trajectories,
                    nLeapfrog,
                    degreesOfFreedom,
                    work,
                    HMC_WORK,
                    fits >= 2
                            ? "at most " + fits + " trajectories fit with these settings"
                            : "reduce the leapfrog steps or the lattice size"));
        }
    }
}
