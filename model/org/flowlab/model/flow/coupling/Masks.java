package org.flowlab.model.flow.coupling;

/** Fixed masks that split a lattice into frozen and updated parts. */
public final class Masks {

    private Masks() {}

    /**
     * The checkerboard mask on an L x L lattice: 1 where (t + x + parity) is even.
     *
     * @param size L (even, so the pattern is consistent across the periodic boundary)
     * @param parity 0 or 1
     * @return row-major values 0 or 1
     */
    public static double[] checkerboard(int size, int parity) {
        if (size % 2 != 0) {
            throw new IllegalArgumentException("a checkerboard mask needs an even lattice size L, got " + size);
        }
        double[] m = new double[size * size];
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                m[t * size + x] = (t + x + parity) % 2 == 0 ? 1.0 : 0.0;
            }
        }
        return m;
    }
}
