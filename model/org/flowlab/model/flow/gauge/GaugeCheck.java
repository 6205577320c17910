package org.flowlab.model.flow.gauge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Angles;
import org.flowlab.model.lattice.U1GaugeTheory;

/**
 * A numerical check of gauge invariance: a configuration theta drawn from the flow, a random
 * gauge transformation alpha(x) uniform in [0, 2 pi), and the model density, action and
 * topological charge of theta and of
 *
 * <pre>
 * (g theta)_mu(x) = theta_mu(x) + alpha(x) - alpha(x + mu-hat)   (mod 2 pi).
 * </pre>
 *
 * A gauge-invariant prior pushed through gauge-equivariant layers gives a gauge-invariant
 * model, log q(g theta) = log q(theta), although every link moves. Both log q are evaluated
 * the same way, through the inverse flow.
 *
 * @param size lattice size L
 * @param linksBefore theta, [2, L, L] row-major
 * @param linksAfter g theta, wrapped into [0, 2 pi)
 * @param plaquettesBefore the plaquette angles of theta, wrapped into (-pi, pi]
 * @param plaquettesAfter the plaquette angles of g theta, wrapped into (-pi, pi]
 * @param logQ log q(theta)
 * @param logQTransformed log q(g theta)
 * @param action S(theta)
 * @param actionTransformed S(g theta)
 * @param topCharge Q(theta)
 * @param topChargeTransformed Q(g theta)
 */
public record GaugeCheck(
        int size,
        double[] linksBefore,
        double[] linksAfter,
        double[] plaquettesBefore,
        double[] plaquettesAfter,
        double logQ,
        double logQTransformed,
        double action,
        double actionTransformed,
        int topCharge,
        int topChargeTransformed) {

    /**
     * The largest change of a link angle, measured around the circle (in [0, pi]).
     *
     * @return max over links of the angular distance between theta and g theta
     */
    public double maxLinkChange() {
        return maxAngularDistance(linksBefore, linksAfter);
    }

    /**
     * The largest change of a plaquette angle, measured around the circle (zero up to rounding).
     *
     * @return max over plaquettes of the angular distance
     */
    public double maxPlaquetteChange() {
        return maxAngularDistance(plaquettesBefore, plaquettesAfter);
    }

    private static double maxAngularDistance(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(Angles.principal(a[i] - b[i]));
            max = Math.max(max, d);
        }
        return max;
    }

    /**
     * Runs the check. Draws no gradients; call outside a gradient collector (on the training
     * thread when the flow is being trained).
     *
     * @param flow a flow for U(1) links of shape [2, L, L]
     * @param theory the theory (for the action, plaquettes and Q)
     * @param seed seed of the flow sample and of the gauge transformation
     * @return the result
     */
    public static GaugeCheck run(FlowModel flow, U1GaugeTheory theory, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int size = theory.size();
        try (NDManager scope = Compute.newManager(flow.parameters().device())) {
            FlowSample sample = flow.sample(scope, 1, rng.split());
            double[] before = new double[2 * size * size];
            double[] raw = Tensors.toDoubles(sample.x());
            for (int i = 0; i < raw.length; i++) {
                before[i] = Angles.wrap(raw[i]);
            }
            double[] alpha = new double[size * size];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = 2 * Math.PI * rng.nextDouble();
            }
            double[] after = theory.gaugeTransform(before, alpha);
            Shape shape = new Shape(1, 2, size, size);
            NDArray thetaBefore =
                    Tensors.create(scope, before, shape, flow.parameters().dataType());
            NDArray thetaAfter =
                    Tensors.create(scope, after, shape, flow.parameters().dataType());
            double logQ = Tensors.toDoubles(flow.logQ(thetaBefore))[0];
            double logQAfter = Tensors.toDoubles(flow.logQ(thetaAfter))[0];
            return new GaugeCheck(
                    size,
                    before,
                    after,
                    principal(theory.plaquetteAngles(before)),
                    principal(theory.plaquetteAngles(after)),
                    logQ,
                    logQAfter,
                    theory.action(before),
                    theory.action(after),
                    theory.topCharge(before),
                    theory.topCharge(after));
        }
    }

    private static double[] principal(double[] angles) {
        double[] out = new double[angles.length];
        for (int i = 0; i < angles.length; i++) {
            out[i] = Angles.principal(angles[i]);
        }
        return out;
    }
}
