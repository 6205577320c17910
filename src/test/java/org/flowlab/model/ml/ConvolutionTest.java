package org.flowlab.model.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The "why convolutions" panel: equivariance, the filter itself, parameter counts. */
class ConvolutionTest {

    @Test
    void theConvolutionPanelsOutputShiftsWithItsInput() {
        for (Convolution.Filter f : Convolution.Filter.values()) {
            // given: a phi^4 configuration from HMC, shifted by (3, -2)
            ConvolutionDemo demo = ConvolutionDemo.create(8, f, 3, -2, 4);
            // then: conv(T phi) = T conv(phi) to rounding ...
            assertTrue(demo.equivarianceError() < 1e-12, f + ": " + demo.equivarianceError());
            // ... and the check is not empty: the output did move
            double moved = 0;
            for (int i = 0; i < demo.output().length; i++) {
                moved = Math.max(moved, Math.abs(demo.output()[i] - demo.shiftedOutput()[i]));
            }
            assertTrue(moved > 0.1, f + ": the shifted output differs from the unshifted one");
        }
    }

    @Test
    void aPositionDependentLayerFailsTheSameCheck() {
        // given: the Laplacian output multiplied by a site-dependent factor (not a convolution)
        int l = 8;
        double[] phi = ConvolutionDemo.phi4Configuration(l, 2);
        double[] kernel = Convolution.Filter.LAPLACIAN.weights(0);
        double[] out = weighted(Convolution.apply(phi, l, kernel, 0));
        double[] outShifted = weighted(Convolution.apply(Convolution.shift(phi, l, 1, 0), l, kernel, 0));
        double[] expected = Convolution.shift(out, l, 1, 0);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - outShifted[i]));
        }
        assertTrue(max > 0.1, "the equivariance check detects position dependence: " + max);
    }

    private static double[] weighted(double[] field) {
        double[] w = field.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= 1 + 0.1 * i;
        }
        return w;
    }

    @Test
    void theLaplacianFilterIsTheLatticeLaplacian() {
        int l = 5;
        double[] phi = new double[l * l];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = Math.sin(1.3 * i) + 0.1 * i;
        }
        double[] out = Convolution.apply(phi, l, Convolution.Filter.LAPLACIAN.weights(0), 0.5);
        for (int t = 0; t < l; t++) {
            for (int x = 0; x < l; x++) {
                double expected = 0.5
                        - 4 * phi[t * l + x]
                        + phi[((t + 1) % l) * l + x]
                        + phi[((t + l - 1) % l) * l + x]
                        + phi[t * l + (x + 1) % l]
                        + phi[t * l + (x + l - 1) % l];
                assertEquals(expected, out[t * l + x], 1e-12);
            }
        }
        // a shift moves content right and down: (T phi)(t, x) = phi(t - dt, x - dx)
        double[] shifted = Convolution.shift(phi, l, 2, 1);
        assertEquals(phi[0], shifted[1 * l + 2], 0);
    }

    @Test
    void parameterCounts() {
        assertEquals(10, Convolution.convParameterCount(3, 1, 1));
        assertEquals(4160, Convolution.denseParameterCount(64, 64));
        assertEquals(
                65792,
                ConvolutionDemo.create(16, Convolution.Filter.BLUR, 0, 0, 1).denseParameters());
    }
}
