package org.flowlab.app.view.beyond;

/** Which observables the tab shows for each theory, and how to write them. */
final class Observables {

    private Observables() {}

    /**
     * The main observable quoted per stage.
     *
     * @param theory the theory id
     * @return its name in the theory's observables
     */
    static String main(String theory) {
        switch (theory) {
            case "u1":
                return "plaquette";
            case "mixture2d":
                return "r2";
            default:
                return "phi2";
        }
    }

    /**
     * How to write the main observable.
     *
     * @param theory the theory id
     * @return e.g. ⟨φ²⟩
     */
    static String mainLabel(String theory) {
        switch (theory) {
            case "u1":
                return "⟨cos θ_P⟩";
            case "mixture2d":
                return "⟨|x|²⟩";
            default:
                return "⟨φ²⟩";
        }
    }

    /**
     * What the histograms show.
     *
     * @param theory the theory id
     * @return e.g. the magnetisation M
     */
    static String histogramLabel(String theory) {
        switch (theory) {
            case "u1":
                return "the topological charge Q";
            case "mixture2d":
                return "the first coordinate x";
            default:
                return "the magnetisation M";
        }
    }

    /**
     * The independent reference samples at a target: HMC, or exact draws for the mixtures.
     *
     * @param theory the theory id
     * @return e.g. HMC
     */
    static String referenceLabel(String theory) {
        return "mixture2d".equals(theory) ? "exact samples" : "HMC";
    }
}
