package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.math.Bessel;

/**
 * The von Mises density on the circle, the simplest compact target (one plaquette of 2D U(1)
 * gauge theory is von Mises distributed in infinite volume):
 *
 * <pre>
 * p(theta) = e^{beta cos(theta - mu)} / (2 pi I_0(beta)),   S(theta) = -beta cos(theta - mu) + log(2 pi I_0(beta))
 * E[cos n(theta - mu)] = I_n(beta) / I_0(beta),   E[sin n(theta - mu)] = 0
 * </pre>
 *
 * <p>p is normalised, so log Z = 0. Angles live in [0, 2 pi) (the sampler returns that range;
 * the action is periodic and accepts any angle). Event shape [1]. The exact sampler is the
 * rejection algorithm of D. J. Best and N. I. Fisher, "Efficient simulation of the von Mises
 * distribution", Appl. Statist. 28 (1979) 152, https://doi.org/10.2307/2346732, in the form
 * used by NumPy's {@code random.vonmises}.
 *
 * @param beta the concentration (finite, at least 0; 0 is the uniform density)
 * @param mu the location (mode) of the density
 */
public record VonMises(double beta, double mu) implements Target, ExactSampler {

    private static final double TWO_PI = 2 * Math.PI;

    /**
     * Validates the parameters.
     *
     * @param beta the concentration
     * @param mu the location
     */
    public VonMises {
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("von Mises beta must be finite and >= 0, got " + beta);
        }
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("von Mises mu must be finite, got " + mu);
        }
    }

    /**
     * The density centred at 0.
     *
     * @param beta the concentration
     * @return von Mises(beta, 0)
     */
    public static VonMises centred(double beta) {
        return new VonMises(beta, 0);
    }

    @Override
    public String name() {
        return "vonmises";
    }

    @Override
    public Shape eventShape() {
        return new Shape(1);
    }

    @Override
    public FieldGeometry geometry() {
        return FieldGeometry.CIRCLE;
    }

    /**
     * The normalisation log(2 pi I_0(beta)), computed as log 2 pi + beta + log(e^{-beta} I_0).
     *
     * @return log(2 pi I_0(beta))
     */
    public double logNormaliser() {
        return Math.log(TWO_PI) + Bessel.logI(0, beta);
    }

    @Override
    public NDArray action(NDArray theta) {
        // a tensor factor, not a number: see Tensors.constant
        return Tensors.scale(theta.sub(mu).cos(), -beta).add(logNormaliser()).sum(new int[] {1});
    }

    @Override
    public double action(double[] theta) {
        return -beta * Math.cos(theta[0] - mu) + logNormaliser();
    }

    /**
     * The normalised density at an angle.
     *
     * @param theta the angle
     * @return p(theta)
     */
    public double density(double theta) {
        return Math.exp(beta * Math.cos(theta - mu) - logNormaliser());
    }

    @Override
    public double[] sample(int n, RandomGenerator rng) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Angles.wrap(mu + sampleCentred(rng));
        }
        return out;
    }

    /** One angle in (-pi, pi] from von Mises(beta, 0) by Best-Fisher rejection. */
    private double sampleCentred(RandomGenerator rng) {
        if (beta < 1e-8) {
            return Math.PI * (2 * rng.nextDouble() - 1);
        }
        double s;
        if (beta < 1e-5) {
            // second-order expansion; the closed form below loses all digits here
            s = 1 / beta + beta;
        } else {
            double r = 1 + Math.sqrt(1 + 4 * beta * beta);
            double rho = (r - Math.sqrt(2 * r)) / (2 * beta);
            s = (1 + rho * rho) / (2 * rho);
        }
        double w;
        while (true) {
            double u = rng.nextDouble();
            double z = Math.cos(Math.PI * u);
            w = (1 + s * z) / (s + z);
            double y = beta * (s - w);
            double v = rng.nextDouble();
            if (y * (2 - y) - v >= 0 || Math.log(y / v) + 1 - y >= 0) {
                break;
            }
        }
        double angle = Math.acos(Math.max(-1, Math.min(1, w)));
        return rng.nextDouble() < 0.5 ? -angle : angle;
    }

    /**
     * The trigonometric moment E[cos n(theta - mu)] = I_n(beta)/I_0(beta).
     *
     * @param n the order (at least 0)
     * @return I_n / I_0
     */
    public double trigMoment(int n) {
        double[] scaled = Bessel.scaledI(n, beta);
        return scaled[n] / scaled[0];
    }

    /**
     * E[cos theta] = cos(mu) I_1/I_0.
     *
     * @return the mean cosine
     */
    public double meanCos() {
        return Math.cos(mu) * trigMoment(1);
    }

    /**
     * E[sin theta] = sin(mu) I_1/I_0.
     *
     * @return the mean sine
     */
    public double meanSin() {
        return Math.sin(mu) * trigMoment(1);
    }

    /**
     * E[phi^2] of the centred angle phi = arg e^{i (theta - mu)} in (-pi, pi]:
     * pi^2/3 + 4 sum_{k&gt;=1} (-1)^k I_k / (k^2 I_0) (from the Fourier series of phi^2).
     *
     * @return the second moment of the centred angle
     */
    public double centredAngleSquared() {
        int kMax = (int) Math.ceil(3 * beta + 10 * Math.sqrt(beta) + 60);
        double[] scaled = Bessel.scaledI(kMax, beta);
        double s = 0;
        for (int k = kMax; k >= 1; k--) {
            s += (k % 2 == 0 ? 4.0 : -4.0) * scaled[k] / (scaled[0] * k * k);
        }
        return Math.PI * Math.PI / 3 + s;
    }

    /**
     * A one-line description such as {@code von Mises beta=2 mu=0}.
     *
     * @return the description
     */
    public String describe() {
        return String.format(Locale.ROOT, "von Mises beta=%s mu=%s", beta, mu);
    }
}
