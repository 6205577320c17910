package org.flowlab.model.flow.gauge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.circle.CircleSpline;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.flow.nn.CircularConvolution;
import org.flowlab.model.flow.nn.ConvNet;
import org.flowlab.model.lattice.Angles;
import org.flowlab.model.lattice.U1Links;

/**
 * Gauge-equivariant coupling layer for U(1) links on an L x L torus (Kanwar, Albergo, Boyda,
 * Cranmer, Hackett, Racaniere, Rezende, Shanahan, PRL 125 (2020) 121601, arXiv:2003.06413;
 * tutorial arXiv:2101.08176, section 4).
 *
 * <p>With theta_P(x) = theta_0(x) + theta_1(x + 0-hat) - theta_0(x + 1-hat) - theta_1(x), a
 * layer with direction mu and offset o (nu = 1 - mu) updates the <em>active</em> links
 * theta_mu(x) with x_nu = o (mod 4). Each of them enters exactly two plaquettes: the
 * <em>active</em> plaquette at x (x_nu = o), with sign s_mu = +1 for mu = 0 and -1 for mu = 1,
 * and the <em>passive</em> plaquette at x - nu-hat (x_nu = o - 1) with the opposite sign. The
 * <em>frozen</em> plaquettes (x_nu = o + 1, o + 2) contain no active link. The layer maps each
 * active plaquette by a circle map h conditioned on the frozen ones and moves its active link
 * by the change:
 *
 * <pre>
 * P'(x) = h(P(x) | frozen),     theta'_mu(x) = theta_mu(x) + s_mu [P'(x) - P(x)]   (mod 2 pi)
 * log|det J| = sum_{x active} log h'(P(x))
 * </pre>
 *
 * The passive plaquettes change too but are neither used nor controlled. Given the frozen
 * links the map from active links to active plaquettes is a shift by frozen links, so the
 * Jacobian is triangular with diagonal h'. h is a {@link CircleSpline} (circular RQ spline
 * plus rotation) whose 3K + 1 parameters per site come from a {@link ConvNet} of
 * (cos P, sin P) on the frozen plaquettes (zero elsewhere). Plaquettes are gauge invariant, so
 * the update commutes with gauge transformations theta_mu(x) to theta_mu(x) + alpha(x) -
 * alpha(x + mu-hat) and log J is gauge invariant. The inverse is exact: the frozen plaquettes
 * are unchanged, so the same parameters invert h on the active plaquettes.
 *
 * <p>Links have shape [batch, 2, L, L]; L must be a multiple of 4 so that the stripes are
 * consistent around the torus. Outputs are wrapped into [0, 2 pi).
 */
public final class GaugeEquivariantCoupling implements Bijection {

    private final int size;
    private final int bins;
    private final int offset;
    private final int stripeAxis;
    private final NDArray frozenPlaquettes;
    private final NDArray linkUpdate;
    private final ConvNet net;

    /**
     * Creates the layer and registers its masks and its network's parameters.
     *
     * @param params the parameter set
     * @param name layer name, such as {@code coupling3}
     * @param size lattice size L (a multiple of 4)
     * @param mu the direction of the updated links (0 or 1)
     * @param offset the stripe offset o (0 .. 3)
     * @param hidden hidden channel counts of the network, e.g. {8, 8}
     * @param kernel odd kernel size
     * @param bins spline bins K
     * @param rng initial weights
     */
    public GaugeEquivariantCoupling(
            ParameterSet params,
            String name,
            int size,
            int mu,
            int offset,
            int[] hidden,
            int kernel,
            int bins,
            RandomGenerator rng) {
        if (size % 4 != 0 || size < 4) {
            throw new IllegalArgumentException(
                    "gauge-equivariant couplings need a lattice size L that is a multiple of 4, got " + size);
        }
        if (mu != 0 && mu != 1) {
            throw new IllegalArgumentException("direction mu must be 0 or 1, got " + mu);
        }
        if (offset < 0 || offset > 3) {
            throw new IllegalArgumentException("stripe offset must be 0 .. 3, got " + offset);
        }
        this.size = size;
        this.bins = bins;
        this.offset = offset;
        // the stripes x_nu = o (mod 4) repeat along nu: axis 2 (x) of [batch, L, L] for mu = 0
        this.stripeAxis = mu == 0 ? 2 : 1;
        int volume = size * size;
        double[] frozen = new double[volume];
        double[] frozen1 = stripes(size, mu, (offset + 1) % 4, 1);
        double[] frozen2 = stripes(size, mu, (offset + 2) % 4, 1);
        for (int i = 0; i < volume; i++) {
            frozen[i] = frozen1[i] + frozen2[i];
        }
        // the active link theta_mu(x) sits at the site of its active plaquette
        double[] update = new double[2 * volume];
        System.arraycopy(stripes(size, mu, offset, mu == 0 ? 1 : -1), 0, update, mu * volume, volume);
        Shape plaquetteShape = new Shape(1, size, size);
        this.frozenPlaquettes = params.addBuffer(name + ".frozenPlaquettes", plaquetteShape, frozen);
        this.linkUpdate = params.addBuffer(name + ".linkUpdate", new Shape(1, 2, size, size), update);
        int[] channels = new int[hidden.length + 2];
        channels[0] = 2;
        System.arraycopy(hidden, 0, channels, 1, hidden.length);
        channels[channels.length - 1] = CircleSpline.parameterCount(bins);
        // the spline reads its parameters on the active stripe only: the last layer computes no others
        this.net = new ConvNet(
                params,
                name + ".net",
                size,
                channels,
                kernel,
                false,
                rng,
                new CircularConvolution.Stripe(stripeAxis - 1, offset, 4));
    }

    /**
     * A stripe pattern on the plaquettes (sites): {@code value} where x_nu = offset (mod 4),
     * nu = 1 - mu, zero elsewhere; row-major over (t, x).
     *
     * @param size L
     * @param mu the direction of the updated links
     * @param offset the offset
     * @param value the value on the stripe
     * @return the pattern
     */
    static double[] stripes(int size, int mu, int offset, double value) {
        double[] m = new double[size * size];
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                int coordinate = mu == 0 ? x : t;
                if (coordinate % 4 == offset) {
                    m[t * size + x] = value;
                }
            }
        }
        return m;
    }

    @Override
    public Transformed forward(NDArray theta) {
        NDArray plaquettes = Angles.wrap(U1Links.plaquetteAngles(theta));
        NDArray active = activeStripe(plaquettes);
        CircleSpline.Output out = CircleSpline.forward(active, conditioner(plaquettes), bins, false, 3);
        return update(theta, active, out);
    }

    @Override
    public Transformed inverse(NDArray theta) {
        NDArray plaquettes = Angles.wrap(U1Links.plaquetteAngles(theta));
        NDArray active = activeStripe(plaquettes);
        CircleSpline.Output out = CircleSpline.inverse(active, conditioner(plaquettes), bins, false, 3);
        return update(theta, active, out);
    }

    /**
     * The active stripe of the plaquettes [batch, L, L]: every fourth index from the offset along
     * the stripe axis (a quarter of the sites), the sites the conditioner's last layer computes. Only the active plaquettes are mapped, so the spline
     * evaluates nothing that the update would mask away.
     */
    private NDArray activeStripe(NDArray plaquettes) {
        return plaquettes.get(new NDIndex().addAllDim(stripeAxis).addSliceDim(offset, size, 4));
    }

    /**
     * Moves each active link by the change of its active plaquette (the mapped plaquette is
     * not wrapped: the links are); sums log h' over the active plaquettes.
     */
    private Transformed update(NDArray theta, NDArray active, CircleSpline.Output out) {
        // the change on the stripe, spread back onto the lattice with zeros in between:
        // [.., L / 4, 4, ..] reshaped to [.., L, ..] puts slot o at the sites with x_nu = o mod 4
        NDArray change = out.value().sub(active).expandDims(stripeAxis + 1);
        NDArray zero = change.zerosLike();
        NDList slots = new NDList(4);
        for (int slot = 0; slot < 4; slot++) {
            slots.add(slot == offset ? change : zero);
        }
        Shape shape = theta.getShape();
        NDArray spread = NDArrays.concat(slots, stripeAxis + 1).reshape(shape.get(0), 1, size, size);
        NDArray links = Angles.wrap(theta.add(spread.mul(linkUpdate)));
        NDArray logDet = Tensors.sumPerSample(out.logDerivative());
        return new Transformed(links, logDet);
    }

    /**
     * Spline parameters on the active stripe, channel-major as the network gives them,
     * [3K + 1, batch, L, L / 4] (or [.., L / 4, L]), from (cos, sin) of the frozen plaquettes; the
     * spline reads the parameter axis with the three axes after it.
     */
    private NDArray conditioner(NDArray plaquettes) {
        NDArray cos = plaquettes.cos().mul(frozenPlaquettes);
        NDArray sin = plaquettes.sin().mul(frozenPlaquettes);
        NDArray features = cos.stack(sin, 0);
        return net.apply(features);
    }

    /**
     * The lattice size.
     *
     * @return L
     */
    public int size() {
        return size;
    }
}
