package org.flowlab.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.anneal.ChainSpec;
import org.flowlab.model.anneal.Schedule;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.TheoryKind;
import picocli.CommandLine.Option;

/**
 * Theory and flow options of {@code anneal}. Exactly one theory coupling is given as a schedule
 * ({@code --m2 0:-0.5:6} or {@code --m2 0,-0.2,-0.5}); it is the coupling the chain anneals. The
 * values are kept as text so that a schedule passes through, and checked by the catalogue.
 */
final class AnnealOptions {

    @Option(names = "--theory", defaultValue = "phi4", description = "phi4 | u1 | mixture2d. Default: ${DEFAULT-VALUE}")
    String theory;

    @Option(
            names = "--flow",
            description = "flow family of every stage, or none for Monte Carlo moves only;"
                    + " default: the first flow that fits the theory")
    String flow;

    @Option(
            names = {"--L", "-L"},
            description = "lattice size L")
    String size;

    @Option(names = "--m2", description = "phi4: m^2, one value or a schedule from:to:n")
    String m2;

    @Option(
            names = {"--lam", "--lambda"},
            description = "phi4: lambda, one value or a schedule")
    String lambda;

    @Option(names = "--beta", description = "u1: beta, one value or a schedule")
    String beta;

    @Option(names = "--mixture", description = "mixture2d: pair (the separation mu can be annealed)")
    String mixture;

    @Option(names = "--mu", description = "mixture2d: mode separation, one value or a schedule")
    String mu;

    @Option(names = "--sigma", description = "mixture2d: width of each mode")
    String sigma;

    @Option(names = "--layers", description = "coupling layers")
    String layers;

    @Option(names = "--hidden", description = "hidden channels / width")
    String hidden;

    @Option(names = "--hidden-layers", description = "hidden layers per network")
    String hiddenLayers;

    @Option(names = "--kernel", description = "convolution kernel size (odd)")
    String kernel;

    @Option(names = "--no-tanh", description = "realnvp: do not bound s and t with tanh")
    boolean noTanh;

    @Option(names = "--bins", description = "gauge: bins of each circular spline")
    String bins;

    @Option(names = "--velocity", description = "cnf: velocity field")
    String velocity;

    @Option(names = "--integrator", description = "cnf: euler | rk4")
    String integrator;

    @Option(names = "--ode-steps", description = "cnf: integration steps")
    String odeSteps;

    @Option(names = "--grad", description = "cnf: backprop | adjoint")
    String grad;

    @Option(names = "--features", description = "cnf equivariant: single-site features")
    String features;

    private record Entry(String option, String key, String value) {}

    private List<Entry> theoryEntries() {
        return List.of(
                new Entry("--L", "L", size),
                new Entry("--m2", "m2", m2),
                new Entry("--lam", "lambda", lambda),
                new Entry("--beta", "beta", beta),
                new Entry("--mixture", "mixture", mixture),
                new Entry("--mu", "mu", mu),
                new Entry("--sigma", "sigma", sigma));
    }

    private List<Entry> flowEntries() {
        return List.of(
                new Entry("--layers", "layers", layers),
                new Entry("--hidden", "hidden", hidden),
                new Entry("--hidden-layers", "hiddenLayers", hiddenLayers),
                new Entry("--kernel", "kernel", kernel),
                new Entry("--no-tanh", "tanh", noTanh ? "false" : null),
                new Entry("--bins", "bins", bins),
                new Entry("--velocity", "velocity", velocity),
                new Entry("--integrator", "integrator", integrator),
                new Entry("--ode-steps", "odeSteps", odeSteps),
                new Entry("--grad", "grad", grad),
                new Entry("--features", "features", features));
    }

    TheoryKind theoryKind() {
        return Catalog.theory(theory);
    }

    /** The flow id: the given one, none, or the first flow that fits the theory. */
    String flowId() {
        if (flow != null) {
            return ChainSpec.NO_FLOW.equalsIgnoreCase(flow)
                    ? ChainSpec.NO_FLOW
                    : Catalog.flow(flow).id();
        }
        List<FlowKind> fits = Catalog.flowsFor(theoryKind().id());
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("no flow can model theory " + theory + "; use --flow none");
        }
        return fits.get(0).id();
    }

    /** The schedule: the one theory option whose value is a schedule. */
    Schedule schedule() {
        Entry found = null;
        for (Entry e : theoryEntries()) {
            if (Schedule.isSchedule(e.value())) {
                if (found != null) {
                    throw new IllegalArgumentException("only one coupling can be annealed, got schedules for "
                            + found.option() + " and " + e.option());
                }
                found = e;
            }
        }
        if (found == null) {
            List<String> keys = ChainSpec.ANNEALABLE.getOrDefault(theoryKind().id(), List.of());
            throw new IllegalArgumentException("give the annealed coupling as a schedule, e.g. --"
                    + (keys.isEmpty() ? "m2" : keys.get(0).equals("lambda") ? "lam" : keys.get(0)) + " 0:-0.5:6");
        }
        return Schedule.parse(found.key(), found.value());
    }

    /** The fixed theory values (the schedule's key left out). */
    Map<String, String> theoryValues(String scheduleKey) {
        Map<String, String> out = values(theoryEntries(), theoryKind(), "theory");
        out.remove(scheduleKey);
        return out;
    }

    /** The flow values (none for a chain without flows). */
    Map<String, String> flowValues(String flowId) {
        if (ChainSpec.NO_FLOW.equals(flowId)) {
            for (Entry e : flowEntries()) {
                if (e.value() != null) {
                    throw new IllegalArgumentException(e.option() + " does not apply to --flow none");
                }
            }
            return Map.of();
        }
        return values(flowEntries(), Catalog.flow(flowId), "flow");
    }

    private static Map<String, String> values(List<Entry> entries, Kind kind, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.value() == null) {
                continue;
            }
            if (kind.params().stream().noneMatch(p -> p.key().equals(e.key()))) {
                throw new IllegalArgumentException(e.option() + " does not apply to " + what + " " + kind.id());
            }
            out.put(e.key(), e.value());
        }
        return out;
    }
}
