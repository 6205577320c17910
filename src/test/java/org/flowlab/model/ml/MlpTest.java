package org.flowlab.model.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The network, its back-propagated gradients, its parameter count and the two optimisers. */
class MlpTest {

    static Stream<Arguments> networksAndLosses() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Activation a : Activation.values()) {
            for (Loss l : Loss.values()) {
                b.add(Arguments.of(a, l));
            }
        }
        return b.build();
    }

    /** Back-propagation against central finite differences, every parameter, in float64. */
    @ParameterizedTest
    @MethodSource("networksAndLosses")
    void gradientMatchesFiniteDifferences(Activation activation, Loss loss) {
        // given: a 2 → 5 → 5 → 5 → 1 network with random weights and six random samples
        SplittableRandom rng = new SplittableRandom(7);
        Mlp net = new Mlp(2, 5, 3, activation, rng);
        double[][] x = new double[6][];
        double[] y = new double[6];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1};
            y[i] = loss == Loss.CROSS_ENTROPY ? rng.nextInt(2) : 2 * rng.nextDouble() - 1;
        }
        int[] all = {0, 1, 2, 3, 4, 5};
        double[] gradient = new double[net.parameterCount()];
        // when
        net.lossAndGradient(x, y, all, 1, 4, loss, gradient);
        // then
        double[] p = net.parameters();
        double h = 1e-6;
        double[] scratch = new double[gradient.length];
        for (int k = 0; k < p.length; k++) {
            double keep = p[k];
            p[k] = keep + h;
            double up = net.lossAndGradient(x, y, all, 1, 4, loss, scratch);
            p[k] = keep - h;
            double down = net.lossAndGradient(x, y, all, 1, 4, loss, scratch);
            p[k] = keep;
            double numeric = (up - down) / (2 * h);
            assertEquals(
                    numeric, gradient[k], 1e-7 + 1e-6 * Math.abs(numeric), activation + " " + loss + " parameter " + k);
        }
        assertTrue(java.util.Arrays.stream(gradient).anyMatch(g -> Math.abs(g) > 1e-3), "a non-trivial gradient");
    }

    @Test
    void parameterCountIsWeightsPlusBiases() {
        assertEquals(1153, Mlp.parameterCount(1, 32, 2));
        assertEquals(1153, new Mlp(1, 32, 2, Activation.TANH, new SplittableRandom(1)).parameterCount());
        assertEquals(
                2 * 16 + 16 + 16 * 16 + 16 + 16 + 1,
                new Mlp(2, 16, 2, Activation.RELU, new SplittableRandom(1)).parameterCount());
        assertEquals(2 * 3 + 3 + 3 + 1, new Mlp(2, 3, 1, Activation.RELU, new SplittableRandom(1)).parameterCount());
    }

    @Test
    void outputIsTheBiasPlusTheUnitsTimesTheirWeights() {
        // given
        Mlp net = new Mlp(1, 7, 2, Activation.SIGMOID, new SplittableRandom(3));
        double[] h = new double[7];
        // when
        double f = net.lastHidden(new double[] {0.3}, h);
        // then
        double sum = net.outputBias();
        double[] v = net.outputWeights();
        for (int j = 0; j < 7; j++) {
            sum += v[j] * h[j];
        }
        assertEquals(f, sum, 1e-14);
    }

    @Test
    void sgdStepsAgainstTheGradientAndAdamFirstStepIsTheLearningRate() {
        // given
        double[] p = {1, 1, 1};
        double[] g = {0.5, -2, 1e-4};
        // when
        Optimizer.Kind.SGD.create(0.1, 3).update(p, g);
        // then
        assertEquals(1 - 0.05, p[0], 1e-15);
        assertEquals(1 + 0.2, p[1], 1e-15);
        // Adam's bias-corrected first step is lr · g/|g| whatever the gradient's size
        double[] q = {0, 0, 0};
        Optimizer.Kind.ADAM.create(0.01, 3).update(q, g);
        assertEquals(-0.01, q[0], 1e-9);
        assertEquals(0.01, q[1], 1e-9);
        assertEquals(-0.01, q[2], 1e-5);
    }

    @Test
    void theFastTanhAgreesWithTheLibrary() {
        for (double u = -30; u <= 30; u += 0.0137) {
            assertEquals(Math.tanh(u), Activation.TANH.apply(u), 4e-16, "u = " + u);
        }
        assertEquals(1, Activation.TANH.apply(800), 0);
        assertEquals(-1, Activation.TANH.apply(-800), 0);
    }

    @Test
    void lossesAndTheirDerivatives() {
        assertEquals(4, Loss.MSE.value(3, 1), 0);
        assertEquals(2, Loss.MAE.value(-1, 1), 0);
        assertEquals(-1, Loss.MAE.derivative(-1, 1), 0);
        // a logit of 0 is the probability 1/2: cross-entropy ln 2 whatever the label
        assertEquals(Math.log(2), Loss.CROSS_ENTROPY.value(0, 1), 1e-15);
        assertEquals(Math.log(2), Loss.CROSS_ENTROPY.value(0, 0), 1e-15);
        // no overflow for large logits
        assertEquals(800, Loss.CROSS_ENTROPY.value(-800, 1), 1e-9);
        assertEquals(0, Loss.CROSS_ENTROPY.value(800, 1), 1e-12);
    }
}
