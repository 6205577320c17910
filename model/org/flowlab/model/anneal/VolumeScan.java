package org.flowlab.model.anneal;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * The ESS of one fixed trained flow at other volumes. Convolutional and gauge-equivariant flows
 * have parameters that do not depend on L (kernels, frequencies), so the same parameters define a
 * flow on any lattice their masks allow. If the flow's errors were independent between regions of
 * the lattice, log w would be a sum of V/V_0 independent pieces and
 *
 * <pre>
 * ESS(V) ~ ESS(V_0)^{V / V_0},
 * </pre>
 *
 * so keeping ESS(V) at least e needs ESS(V_0) at least e^{V_0 / V}: for e = 0.5 at L = 64 from
 * L = 4 that is 0.5^{1/256} = 0.9973. (The heuristic of the lectures; correlations over the
 * lattice make the true fall-off differ in detail.)
 */
public final class VolumeScan {

    /**
     * The ESS at one lattice size.
     *
     * @param size L
     * @param ess ESS of the trained flow
     * @param untrainedEss ESS of the same architecture with its initial weights
     * @param heuristic ESS(V_0)^{V/V_0} from the ESS measured at the training size
     */
    public record Point(int size, double ess, double untrainedEss, double heuristic) {}

    private VolumeScan() {}

    /**
     * The heuristic ESS(V) = ESS(V_0)^{V/V_0}.
     *
     * @param ess0 the ESS at volume V_0
     * @param volume0 V_0
     * @param volume V
     * @return the predicted ESS at V
     */
    public static double heuristic(double ess0, int volume0, int volume) {
        return Math.pow(ess0, (double) volume / volume0);
    }

    /**
     * The ESS needed at V_0 for the heuristic to predict {@code wanted} at V: wanted^{V_0/V}.
     *
     * @param wanted the ESS wanted at V
     * @param volume0 V_0
     * @param volume V
     * @return the ESS needed at V_0
     */
    public static double requiredEss(double wanted, int volume0, int volume) {
        if (!(wanted > 0 && wanted <= 1)) {
            throw new IllegalArgumentException("the wanted ESS must lie in (0, 1], got " + wanted);
        }
        return Math.pow(wanted, (double) volume0 / volume);
    }

    /**
     * Builds a flow of a kind for a target and loads trained parameters into it.
     *
     * @param kind the flow kind
     * @param settings its settings
     * @param target the target (any size the architecture allows)
     * @param parameters a parameter archive of the same architecture, or null for initial weights
     * @param device the device
     * @param type the floating type
     * @param seed seed of the initial weights
     * @return the flow (close it)
     * @throws IllegalArgumentException when the architecture does not fit the target or the archive
     */
    public static FlowModel transfer(
            FlowKind kind,
            Settings settings,
            Target target,
            byte[] parameters,
            Device device,
            DataType type,
            long seed) {
        kind.check(target, settings);
        FlowModel flow = kind.create(target, settings, device, type, seed);
        if (parameters != null) {
            try {
                FlowStage.load(flow.parameters(), parameters);
            } catch (RuntimeException e) {
                flow.close();
                throw e;
            }
        }
        return flow;
    }

    /**
     * The ESS of n fresh samples of a flow against a target.
     *
     * @param flow the flow
     * @param target the target
     * @param n the number of samples
     * @param seed random seed
     * @return the ESS fraction
     */
    public static double ess(FlowModel flow, Target target, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] logW = new double[n];
        int done = 0;
        try (NDManager manager = Compute.newManager(flow.parameters().device());
                ParameterSet.Frozen frozen = flow.parameters().freeze()) {
            while (done < n) {
                int b = Math.min(256, n - done);
                try (NDManager scope = manager.newSubManager()) {
                    FlowSample s = flow.sample(scope, b, rng);
                    double[] lw = Tensors.toDoubles(s.logWeights(target));
                    System.arraycopy(lw, 0, logW, done, b);
                }
                done += b;
            }
        }
        return Ess.fraction(logW);
    }

    /**
     * Measures the ESS of a trained flow (and of the untrained one) at several lattice sizes,
     * keeping every other setting of the theory.
     *
     * @param theory the theory kind
     * @param theorySettings settings at the training size
     * @param flowKind the flow kind
     * @param flowSettings its settings
     * @param parameters the trained parameters
     * @param sizes the lattice sizes to measure (the first is taken as V_0 for the heuristic)
     * @param n samples per size
     * @param seed random seed
     * @param device device
     * @param precision precision
     * @param cancelled polled between sizes
     * @return one point per size
     */
    public static List<Point> scan(
            TheoryKind theory,
            Settings theorySettings,
            FlowKind flowKind,
            Settings flowSettings,
            byte[] parameters,
            int[] sizes,
            int n,
            long seed,
            DeviceChoice device,
            Precision precision,
            BooleanSupplier cancelled) {
        Device dev = Compute.resolve(device);
        DataType type = precision.dataType();
        List<Point> points = new ArrayList<>();
        double ess0 = Double.NaN;
        int volume0 = 0;
        for (int size : sizes) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("the volume scan was stopped");
            }
            Settings at = theorySettings.with(theory.params(), "L", Integer.toString(size), theory.title());
            Target target = theory.create(at);
            double trained;
            double untrained;
            try (FlowModel flow = transfer(flowKind, flowSettings, target, parameters, dev, type, seed)) {
                trained = ess(flow, target, n, seed + size);
            }
            try (FlowModel flow = transfer(flowKind, flowSettings, target, null, dev, type, seed)) {
                untrained = ess(flow, target, n, seed + size);
            }
            if (points.isEmpty()) {
                ess0 = trained;
                volume0 = size * size;
            }
            points.add(new Point(size, trained, untrained, heuristic(ess0, volume0, size * size)));
        }
        return points;
    }
}
