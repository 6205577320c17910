package org.flowlab.model.lattice;

/**
 * A two-dimensional periodic L x L lattice with sites stored in row-major order,
 * {@code site = t * L + x}; direction 0 is t (rows) and direction 1 is x (columns).
 *
 * <p>Neighbour tables are precomputed so that the Java-side physics (HMC forces, observables)
 * never computes a modulus in its inner loops.
 */
public final class Lattice {

    /** Number of directions of a two-dimensional lattice. */
    public static final int DIMENSIONS = 2;

    private final int size;
    private final int[][] forward;

    /**
     * Creates the lattice.
     *
     * @param size the linear size L, at least 2
     */
    public Lattice(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("lattice size L must be at least 2, got " + size);
        }
        this.size = size;
        int volume = size * size;
        forward = new int[DIMENSIONS][volume];
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                int s = t * size + x;
                forward[0][s] = ((t + 1) % size) * size + x;
                forward[1][s] = t * size + (x + 1) % size;
            }
        }
    }

    /**
     * Returns the linear size L.
     *
     * @return L
     */
    public int size() {
        return size;
    }

    /**
     * Returns the number of sites V = L^2.
     *
     * @return V
     */
    public int volume() {
        return size * size;
    }

    /**
     * Index of the site (t, x), both taken modulo L.
     *
     * @param t row
     * @param x column
     * @return the site index
     */
    public int site(int t, int x) {
        return Math.floorMod(t, size) * size + Math.floorMod(x, size);
    }

    /**
     * The neighbour of a site one step forward in direction mu.
     *
     * @param mu direction (0 = t, 1 = x)
     * @param site the site
     * @return site + mu-hat
     */
    public int up(int mu, int site) {
        return forward[mu][site];
    }
}
