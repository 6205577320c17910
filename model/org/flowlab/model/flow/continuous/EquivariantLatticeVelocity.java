package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.nn.CircularConvolution;

/**
 * A translation-equivariant velocity for a real scalar field on an L x L torus whose
 * divergence is analytic, after Gerdes, de Haan, Rainone, Bondesan and Cheng, "Learning lattice
 * quantum field theories with equivariant continuous flows", arXiv:2207.00283: time-dependent
 * kernels couple single-site features at x and at y,
 *
 * <pre>
 * v(phi, t)_x = sum_a g_a(phi_x) U_a(x) + h(M, t),      U_a(x) = sum_y sum_b W_ab(x - y, t) f_b(phi_y)
 * f = (phi, sin(omega_1 phi), ..., sin(omega_K phi))          (odd in phi)
 * g = (1, cos(nu_1 phi), ..., cos(nu_K phi))                  (even in phi)
 * W_ab(d, t) = sum_m e_m(t) W_abm(d)
 * h(M, t) = sum_m e_m(t) [c_m0 M + sum_k c_mk sin(kappa_k M)],   M = (1/V) sum_y phi_y
 * div v = sum_x sum_a [ g_a'(phi_x) U_a(x) + g_a(phi_x) sum_b W_ab(0, t) f_b'(phi_x) ] + dh/dM
 * </pre>
 *
 * Only the kernel's centre couples phi_x to itself through f, and the zero-mode term h (a
 * kernel constant over the lattice, followed by a nonlinearity, which lets the flow reshape
 * the magnetisation distribution directly) contributes h'(M)/V on every site, so the Jacobian
 * diagonal is available in closed form and no second derivatives are needed. e(t) is the
 * {@link TimeEmbedding}; omega and nu are trained; the kernels have odd size k &lt;= L with
 * circular padding, so v is equivariant under lattice translations. Every term is odd in phi,
 * so v(-phi) = -v(phi) and the flow keeps the Z_2 symmetry phi -&gt; -phi of the prior. Fields
 * have shape [batch, L, L].
 */
public final class EquivariantLatticeVelocity implements Velocity {

    private final int kernelSize;
    private final CircularConvolution convolution;
    private final int channels;
    private final NDArray oddFrequencies;
    private final NDArray evenFrequencies;
    private final NDArray kernels;
    private final NDArray modeFrequencies;
    private final NDArray modeWeights;
    private final NDIndex centre;

    /**
     * Creates the velocity and registers its parameters.
     *
     * @param params the parameter set
     * @param prefix name prefix
     * @param size lattice size L
     * @param features number K of sine features (the linear feature phi is always present)
     * @param kernelSize odd kernel size k &lt;= L
     * @param rng initial weights
     */
    public EquivariantLatticeVelocity(
            ParameterSet params, String prefix, int size, int features, int kernelSize, RandomGenerator rng) {
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernelSize);
        }
        if (kernelSize > size) {
            throw new IllegalArgumentException(
                    "kernel size " + kernelSize + " is larger than the lattice size " + size);
        }
        if (features < 1) {
            throw new IllegalArgumentException("the equivariant velocity needs at least 1 feature, got " + features);
        }
        this.kernelSize = kernelSize;
        // spread the initial frequencies over [0.5, 3] so the features differ
        double[] omega = new double[features];
        double[] nu = new double[features];
        for (int c = 0; c < features; c++) {
            omega[c] = 0.5 + 2.5 * (c + rng.nextDouble()) / features;
            nu[c] = 0.5 + 2.5 * (c + rng.nextDouble()) / features;
        }
        this.oddFrequencies = params.add(prefix + ".omega", new Shape(1, features, 1, 1), omega);
        this.evenFrequencies = params.add(prefix + ".nu", new Shape(1, features, 1, 1), nu);
        this.channels = features + 1;
        int taps = channels * kernelSize * kernelSize;
        // row m holds the kernels W_m flattened as [a, b, dy, dx]
        this.kernels = params.add(
                prefix + ".kernels",
                new Shape(TimeEmbedding.SIZE, channels * taps),
                TanhMlp.uniform(rng, TimeEmbedding.SIZE * channels * taps, 1 / Math.sqrt(taps * channels)));
        double[] kappa = new double[features];
        for (int c = 0; c < features; c++) {
            kappa[c] = 1 + 5.0 * (c + rng.nextDouble()) / features;
        }
        this.modeFrequencies = params.add(prefix + ".kappa", new Shape(1, features), kappa);
        this.modeWeights = params.add(
                prefix + ".zeroMode",
                new Shape(TimeEmbedding.SIZE, channels),
                TanhMlp.uniform(rng, TimeEmbedding.SIZE * channels, 1 / Math.sqrt(channels)));
        this.convolution = new CircularConvolution(params, prefix + ".convIndex", size, size, kernelSize);
        this.centre =
                new NDIndex().addAllDim().addAllDim().addIndices(kernelSize / 2).addIndices(kernelSize / 2);
    }

    @Override
    public Evaluation evaluate(NDArray phi, double t) {
        NDArray time = TimeEmbedding.array(phi.getManager(), t, phi.getDataType(), new Shape(1, TimeEmbedding.SIZE));
        NDArray kernel = time.matMul(kernels).reshape(channels, channels, kernelSize, kernelSize);
        // channel-major features [channels, batch, L, L], the convolution's layout
        NDArray field = phi.expandDims(0);
        NDArray omega = channelMajor(oddFrequencies, phi);
        NDArray nu = channelMajor(evenFrequencies, phi);
        NDArray ones = field.onesLike();
        NDArray oddAngle = field.mul(omega);
        NDArray odd = field.concat(oddAngle.sin(), 0);
        NDArray oddSlope = ones.concat(oddAngle.cos().mul(omega), 0);
        NDArray evenAngle = field.mul(nu);
        NDArray even = ones.concat(evenAngle.cos(), 0);
        NDArray evenSlope = field.zerosLike().concat(evenAngle.sin().mul(nu).neg(), 0);
        NDArray coupled = convolution.apply(odd, kernel, null);
        NDArray velocity = even.mul(coupled).sum(new int[] {0});
        // only the centre tap W(0, t) couples f(phi_x) to site x itself
        Shape lattice = oddSlope.getShape();
        NDArray centreKernel = kernel.get(centre).reshape(channels, channels);
        NDArray local = centreKernel
                .matMul(oddSlope.reshape(channels, lattice.size() / channels))
                .reshape(lattice);
        NDArray divergence = evenSlope.mul(coupled).add(even.mul(local)).sum(new int[] {0, 2, 3});
        // the zero mode: h(M, t) on every site, dh/dM in the divergence (V sites times 1/V)
        NDArray magnetisation = Tensors.scale(
                        phi.sum(new int[] {1, 2}),
                        1.0 / (phi.getShape().get(1) * phi.getShape().get(2)))
                .expandDims(1);
        NDArray modeAngle = magnetisation.mul(modeFrequencies);
        NDArray modeFeatures = magnetisation.concat(modeAngle.sin(), 1);
        NDArray modeSlopes = magnetisation.onesLike().concat(modeAngle.cos().mul(modeFrequencies), 1);
        NDArray coefficients = time.matMul(modeWeights);
        NDArray shift = modeFeatures.mul(coefficients).sum(new int[] {1});
        velocity = velocity.add(shift.reshape(-1, 1, 1));
        divergence = divergence.add(modeSlopes.mul(coefficients).sum(new int[] {1}));
        return new Evaluation(velocity, divergence);
    }

    /**
     * A frequency vector [1, K, 1, 1] (its saved shape) as [K, 1, 1, 1], moved to the field's
     * manager so that a step leaves no view behind on the parameters' manager.
     */
    private static NDArray channelMajor(NDArray frequencies, NDArray phi) {
        NDArray view = frequencies.reshape(frequencies.getShape().get(1), 1, 1, 1);
        view.attach(phi.getManager());
        return view;
    }
}
