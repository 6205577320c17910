package org.flowlab.app.cli;

import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.LossKind;
import org.flowlab.model.spec.TheoryKind;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Theory, flow and loss options of {@code train}. Each option sets one parameter of the
 * chosen theory, flow or loss; unset parameters take the catalogue's defaults, and an option
 * that does not belong to the chosen kind is an error naming the option.
 */
final class SpecOptions {

    @Option(names = "--theory", defaultValue = "phi4", description = "phi4 | u1 | mixture2d | vonmises (those installed). Default: ${DEFAULT-VALUE}")
    String theory;

    @Option(names = "--flow", description = "flow family; default: the first one that fits the theory")
    String flow;

    @Option(names = "--loss", defaultValue = "rkl", description = "rkl | fkl | pathgrad | fkl-pathgrad. Default: ${DEFAULT-VALUE}")
    String loss;

    // theory parameters
    @Option(names = {"--L", "-L"}, description = "lattice size L") String size;
    @Option(names = "--m2", description = "phi4: bare mass squared m^2") String m2;
    @Option(names = {"--lam", "--lambda"}, description = "phi4: quartic coupling lambda") String lambda;
    @Option(names = "--beta", description = "u1 and vonmises: coupling beta") String beta;
    @Option(names = "--mixture", description = "mixture2d: which mixture (see the theory's help)") String mixture;
    @Option(names = "--mu", description = "mixture2d: mode separation; vonmises: mean angle") String mu;
    @Option(names = "--sigma", description = "mixture2d: width of each mode") String sigma;

    // flow parameters
    @Option(names = "--layers", description = "coupling layers") String layers;
    @Option(names = "--hidden", description = "hidden channels / width") String hidden;
    @Option(names = "--hidden-layers", description = "hidden layers per network") String hiddenLayers;
    @Option(names = "--kernel", description = "convolution kernel size (odd)") String kernel;
    @Option(names = "--no-tanh", description = "realnvp: do not bound s and t with tanh") boolean noTanh;
    @Option(names = "--components", description = "mixture components of circle transforms") String components;
    @Option(names = "--bins", description = "circle and gauge: bins of each circular spline") String bins;
    @Option(names = "--velocity", description = "cnf: velocity field") String velocity;
    @Option(names = "--integrator", description = "cnf: euler | rk4") String integrator;
    @Option(names = "--ode-steps", description = "cnf: integration steps") String odeSteps;
    @Option(names = "--grad", description = "cnf: backprop | adjoint") String grad;
    @Option(names = "--features", description = "cnf equivariant: single-site features") String features;

    // loss parameters
    @Option(names = "--samples", description = "fkl: training set size") String samples;
    @Option(names = "--thin", description = "fkl: HMC trajectories between kept configurations") String thin;
    @Option(names = "--therm", description = "fkl: HMC thermalisation trajectories") String therm;
    @Option(names = "--data-seed", description = "fkl: seed of the training set") String dataSeed;

    private record Entry(String option, String key, String value) {}

    private List<Entry> theoryEntries() {
        return List.of(
                new Entry("--L", "L", size), new Entry("--m2", "m2", m2), new Entry("--lam", "lambda", lambda),
                new Entry("--beta", "beta", beta), new Entry("--mixture", "mixture", mixture),
                new Entry("--mu", "mu", mu), new Entry("--sigma", "sigma", sigma));
    }

    private List<Entry> flowEntries() {
        return List.of(
                new Entry("--layers", "layers", layers), new Entry("--hidden", "hidden", hidden),
                new Entry("--hidden-layers", "hiddenLayers", hiddenLayers), new Entry("--kernel", "kernel", kernel),
                new Entry("--no-tanh", "tanh", noTanh ? "false" : null), new Entry("--components", "components", components),
                new Entry("--bins", "bins", bins),
                new Entry("--velocity", "velocity", velocity), new Entry("--integrator", "integrator", integrator),
                new Entry("--ode-steps", "odeSteps", odeSteps), new Entry("--grad", "grad", grad),
                new Entry("--features", "features", features));
    }

    private List<Entry> lossEntries() {
        return List.of(
                new Entry("--samples", "samples", samples), new Entry("--thin", "thin", thin),
                new Entry("--therm", "therm", therm), new Entry("--data-seed", "dataSeed", dataSeed));
    }

    TheoryKind theoryKind() {
        return Catalog.theory(theory);
    }

    FlowKind flowKind() {
        if (flow == null) {
            List<FlowKind> fits = Catalog.flowsFor(theoryKind().id());
            if (fits.isEmpty()) {
                throw new IllegalArgumentException("no flow can model theory " + theory + " yet");
            }
            return fits.get(0);
        }
        return Catalog.flow(flow);
    }

    LossKind lossKind() {
        return Catalog.loss(loss);
    }

    Map<String, String> theoryValues() {
        return values(theoryEntries(), theoryKind(), "theory");
    }

    Map<String, String> flowValues() {
        return values(flowEntries(), flowKind(), "flow");
    }

    Map<String, String> lossValues() {
        return values(lossEntries(), lossKind(), "loss");
    }

    /** Whether any theory, flow or loss parameter was given (they cannot change a resumed run). */
    boolean anyModelOption() {
        return theoryEntries().stream().anyMatch(e -> e.value() != null)
                || flowEntries().stream().anyMatch(e -> e.value() != null);
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
