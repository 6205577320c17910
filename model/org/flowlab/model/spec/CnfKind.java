package org.flowlab.model.spec;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.flowlab.model.flow.continuous.CircleVelocity;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.continuous.EquivariantLatticeVelocity;
import org.flowlab.model.flow.continuous.MlpVelocity;
import org.flowlab.model.flow.continuous.OdeIntegrator;
import org.flowlab.model.flow.continuous.ToySplitVelocity;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.GaussianPrior;
import org.flowlab.model.flow.core.UniformCirclePrior;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/**
 * Continuous normalizing flows (neural ODEs) as a catalogue entry: a velocity field with exact
 * divergence integrated by Euler or RK4, trained by back-propagation through the solver or by
 * the adjoint-state method. The velocity fits the field's geometry: {@code equivariant} for real
 * lattice fields, {@code mlp} for the plane, {@code circle} for the circle ({@code auto} picks it);
 * {@code toy-split} is Lecture 1's untrained field, shown by {@code flow-snapshots}.
 */
public final class CnfKind implements FlowKind {

    /** The velocity chosen from the theory. */
    public static final String AUTO = "auto";
    /** Trainable MLP velocity on R^2. */
    public static final String MLP = "mlp";
    /** Translation-equivariant lattice velocity. */
    public static final String EQUIVARIANT = "equivariant";
    /** Periodic velocity on the circle. */
    public static final String CIRCLE = "circle";
    /** Lecture 1's hand-made field (no parameters). */
    public static final String TOY_SPLIT = "toy-split";

    @Override
    public String id() {
        return "cnf";
    }

    @Override
    public String title() {
        return "Continuous flow (neural ODE)";
    }

    @Override
    public String description() {
        return "dx/dt = v(x, t) for t in [0, 1] with log q(x₁) = log r(x₀) − ∫ div v dt; exact divergences,"
                + " Euler or RK4, gradients by back-propagation or the adjoint-state method (arXiv:1806.07366, 2207.00283).";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.choice(
                        "velocity",
                        "velocity",
                        AUTO,
                        List.of(AUTO, MLP, EQUIVARIANT, CIRCLE, TOY_SPLIT),
                        "v(x, t): equivariant (lattice fields such as φ⁴), mlp (the plane), circle (angles); auto picks by geometry"),
                ParamDef.choice(
                        "integrator",
                        "integrator",
                        "rk4",
                        List.of("euler", "rk4"),
                        "ODE scheme for x and ∫ div v dt: Euler (error O(h)) or RK4 (O(h⁴))"),
                ParamDef.integer(
                        "odeSteps", "ODE steps", 10, 1, 1000, "steps", "integration steps h = 1/steps on t ∈ [0, 1]"),
                ParamDef.choice(
                        "grad",
                        "gradients",
                        "backprop",
                        List.of("backprop", "adjoint"),
                        "backprop: through the solver (memory grows with steps); adjoint: adjoint ODE backwards (memory independent of steps)"),
                ParamDef.integer(
                        "hidden", "hidden width", 32, 1, 512, "units", "mlp, circle: width of each tanh layer"),
                ParamDef.integer("hiddenLayers", "hidden layers", 2, 1, 8, "layers", "mlp, circle: tanh layers"),
                ParamDef.integer(
                        "features",
                        "site features",
                        4,
                        1,
                        64,
                        "features",
                        "equivariant: K sine and K cosine features of each site, sin(ω φ) and cos(ν φ), and K of the magnetisation"),
                ParamDef.integer(
                        "kernel",
                        "kernel size",
                        3,
                        1,
                        15,
                        "odd",
                        "equivariant: size of the kernels W(x − y, t), circular"));
    }

    /** The velocity that fits each geometry. */
    private static final Map<FieldGeometry, String> FITTING =
            Map.of(FieldGeometry.LATTICE_FIELD, EQUIVARIANT, FieldGeometry.PLANE, MLP, FieldGeometry.CIRCLE, CIRCLE);

    @Override
    public Set<FieldGeometry> geometries() {
        return FITTING.keySet();
    }

    @Override
    public boolean adjointGradients(Settings s) {
        return ContinuousFlow.GradientMode.parse(s.text("grad")) == ContinuousFlow.GradientMode.ADJOINT;
    }

    /**
     * The velocity a setting means for a target ({@code auto} resolved).
     *
     * @param target the target
     * @param s checked settings
     * @return mlp, equivariant, circle or toy-split
     */
    public static String velocity(Target target, Settings s) {
        String v = s.text("velocity");
        if (!AUTO.equals(v)) {
            return v;
        }
        String fits = fitting(target);
        return fits == null ? MLP : fits;
    }

    @Override
    public Settings resolve(Target target, Settings s) {
        if (!AUTO.equals(s.text("velocity")) || fitting(target) == null) {
            return s;
        }
        return s.with(params(), "velocity", velocity(target, s), title());
    }

    private static String fitting(Target target) {
        return FITTING.get(target.geometry());
    }

    @Override
    public void check(Target target, Settings s) {
        String v = velocity(target, s);
        String fits = fitting(target);
        if (fits == null) {
            throw new IllegalArgumentException(
                    "continuous flows model real lattice fields, the plane and the circle, not " + target.name() + " ("
                            + target.geometry() + ")");
        }
        if (TOY_SPLIT.equals(v)) {
            throw new IllegalArgumentException(
                    "velocity toy-split has no parameters to train; show it with flow-snapshots," + " or choose " + fits
                            + " for " + target.name());
        }
        if (!v.equals(fits)) {
            throw new IllegalArgumentException("velocity " + v + " does not fit " + target.name() + "; choose " + fits);
        }
        if (EQUIVARIANT.equals(v)) {
            int size = FieldGeometry.LATTICE_FIELD.latticeSize(target.eventShape());
            int kernel = s.integer("kernel");
            if (kernel % 2 == 0) {
                throw new IllegalArgumentException("kernel size must be odd, got " + kernel);
            }
            if (kernel > size) {
                throw new IllegalArgumentException(
                        "kernel size " + kernel + " is larger than the lattice size " + size);
            }
        }
    }

    @Override
    public FlowModel create(Target target, Settings s, Device device, DataType type, long seed) {
        check(target, s);
        String v = velocity(target, s);
        OdeIntegrator integrator = OdeIntegrator.parse(s.text("integrator"));
        ContinuousFlow.GradientMode mode = ContinuousFlow.GradientMode.parse(s.text("grad"));
        int steps = s.integer("odeSteps");
        int hidden = s.integer("hidden");
        int layers = s.integer("hiddenLayers");
        SplittableRandom rng = new SplittableRandom(seed);
        switch (v) {
            case EQUIVARIANT: {
                int size = FieldGeometry.LATTICE_FIELD.latticeSize(target.eventShape());
                return ContinuousFlow.model(
                        new GaussianPrior(new Shape(size, size)),
                        p -> new EquivariantLatticeVelocity(
                                p, "velocity", size, s.integer("features"), s.integer("kernel"), rng),
                        integrator,
                        steps,
                        mode,
                        device,
                        type);
            }
            case CIRCLE:
                return ContinuousFlow.model(
                        new UniformCirclePrior(new Shape(1)),
                        p -> new CircleVelocity(p, "velocity", hidden, layers, rng),
                        integrator,
                        steps,
                        mode,
                        device,
                        type);
            default:
                return ContinuousFlow.model(
                        new GaussianPrior(new Shape(2)),
                        p -> new MlpVelocity(p, "velocity", 2, hidden, layers, rng),
                        integrator,
                        steps,
                        mode,
                        device,
                        type);
        }
    }

    /**
     * Lecture 1's toy flow: a standard normal in the plane pushed by the hand-made field
     * b(x) = (2 x0 exp(-x0^2/2), -x1), which has no parameters.
     *
     * @param integrator Euler or RK4
     * @param steps integration steps on [0, 1]
     * @param device the device
     * @param type FLOAT32 or FLOAT64
     * @return the flow (close it when done)
     */
    public static FlowModel toySplit(OdeIntegrator integrator, int steps, Device device, DataType type) {
        return ContinuousFlow.model(
                new GaussianPrior(new Shape(2)),
                p -> new ToySplitVelocity(),
                integrator,
                steps,
                ContinuousFlow.GradientMode.BACKPROP,
                device,
                type);
    }

    @Override
    public String describe(Settings s) {
        String v = s.text("velocity");
        String size;
        switch (v) {
            case EQUIVARIANT:
                size = String.format(
                        Locale.ROOT, " (%d features, kernel %d)", s.integer("features"), s.integer("kernel"));
                break;
            case MLP:
            case CIRCLE:
                size = String.format(Locale.ROOT, " (%d × %d tanh)", s.integer("hiddenLayers"), s.integer("hidden"));
                break;
            default:
                size = String.format(Locale.ROOT, " (hidden %d)", s.integer("hidden"));
        }
        return String.format(
                Locale.ROOT,
                "CNF %s velocity%s, %s %d steps, %s gradients",
                v,
                size,
                s.text("integrator").toUpperCase(Locale.ROOT),
                s.integer("odeSteps"),
                s.text("grad"));
    }
}
