package org.flowlab.model.lattice;

import ai.djl.ndarray.types.Shape;

/**
 * The kind of configuration a target is defined on, and so the kind of field a flow must
 * produce. Theories declare theirs ({@link Target#geometry()}); flow families declare the ones
 * they act on, so that the catalogue matches flows to theories without naming either.
 */
public enum FieldGeometry {
    /** A real scalar field on an L x L periodic lattice, event shape [L, L]. */
    LATTICE_FIELD("real field on an L × L lattice", false),
    /** U(1) link angles θ_μ(x) in [0, 2π) on an L x L torus, event shape [2, L, L]. */
    U1_LINKS("U(1) links on an L × L lattice", true),
    /** A point of the plane, event shape [2]. */
    PLANE("point in the plane", false),
    /** One angle in [0, 2π), event shape [1]. */
    CIRCLE("angle on the circle", true);

    private final String words;
    private final boolean periodic;

    FieldGeometry(String words, boolean periodic) {
        this.words = words;
        this.periodic = periodic;
    }

    /**
     * Whether the coordinates are angles, periodic with period 2π.
     *
     * @return true for links and the circle
     */
    public boolean periodic() {
        return periodic;
    }

    /**
     * The lattice size L of an event shape of this geometry.
     *
     * @param eventShape [L, L] for a lattice field, [2, L, L] for links
     * @return L
     * @throws IllegalArgumentException for the plane and the circle, or a shape that does not fit
     */
    public int latticeSize(Shape eventShape) {
        long[] s = eventShape.getShape();
        if (this == LATTICE_FIELD && s.length == 2 && s[0] == s[1]) {
            return (int) s[0];
        }
        if (this == U1_LINKS && s.length == 3 && s[0] == Lattice.DIMENSIONS && s[1] == s[2]) {
            return (int) s[1];
        }
        throw new IllegalArgumentException("a " + words + " has no lattice of shape " + eventShape);
    }

    @Override
    public String toString() {
        return words;
    }
}
