package org.flowlab.app.view.compare;

import java.util.List;
import java.util.Map;

/**
 * A ready-made comparison: the form's settings (run A), the loss of run B and, for continuous
 * flows, B's gradient route. Every preset fills the form and starts both runs.
 *
 * @param id the id used in links ({@code flowlab:compare?preset=<id>}) and node ids
 * @param title the button's text
 * @param tooltip what it shows
 * @param form the settings of run A (and of B, apart from its loss and route)
 * @param lossB the loss of run B
 * @param gradB B's gradient route (continuous flows), or null
 */
public record ComparePreset(
        String id, String title, String tooltip, Map<String, String> form, String lossB, String gradB) {

    /** Reverse KL (mode-seeking) against forward KL (mode-covering) on a two-mode mixture. */
    public static final ComparePreset MODE_SEEKING = new ComparePreset(
            "mode-seeking",
            "Mode-seeking vs mode-covering",
            "Two-mode mixture, the same affine (Gaussian) flow and seed: A trains by reverse KL, B by forward KL",
            Map.of(
                    "theory",
                    "mixture2d",
                    "mixture",
                    "pair",
                    "mu",
                    "4",
                    "sigma",
                    "1",
                    "flow",
                    "affine2d",
                    "loss",
                    "rkl",
                    "steps",
                    "600",
                    "batch",
                    "256",
                    "lr",
                    "0.02"),
            "fkl",
            null);

    /** The standard reverse-KL gradient against path gradients on φ⁴. */
    public static final ComparePreset PATH_GRADIENTS = new ComparePreset(
            "path-gradients",
            "Reverse KL vs path gradients",
            "φ⁴ symmetric phase, L = 8: the same flow trained with the standard and the path-gradient estimator",
            Map.of(
                    "theory", "phi4", "L", "8", "m2", "-0.5", "lambda", "4.5", "flow", "realnvp", "loss", "rkl",
                    "steps", "1500", "batch", "64", "lr", "0.001"),
            "pathgrad",
            null);

    /** One continuous flow trained by back-propagation through the solver (A) and by the adjoint (B). */
    public static final ComparePreset ADJOINT = new ComparePreset(
            "adjoint",
            "Back-propagation vs adjoint",
            "Three-mode mixture, a continuous flow (MLP velocity, RK4, 10 steps): A back-propagates through the solver,"
                    + " B solves the adjoint ODE; the loss curves should match",
            Map.ofEntries(
                    Map.entry("theory", "mixture2d"),
                    Map.entry("mixture", "three"),
                    Map.entry("sigma", "1"),
                    Map.entry("flow", "cnf"),
                    Map.entry("velocity", "mlp"),
                    Map.entry("integrator", "rk4"),
                    Map.entry("odeSteps", "10"),
                    Map.entry("grad", "backprop"),
                    Map.entry("loss", "rkl"),
                    Map.entry("steps", "300"),
                    Map.entry("batch", "128"),
                    Map.entry("lr", "0.003"),
                    Map.entry("precision", "float64")),
            "rkl",
            "adjoint");

    /**
     * Every preset, in button order.
     *
     * @return the presets
     */
    public static List<ComparePreset> all() {
        return List.of(MODE_SEEKING, PATH_GRADIENTS, ADJOINT);
    }

    /**
     * A preset by id.
     *
     * @param id e.g. {@code adjoint}
     * @return the preset
     * @throws IllegalArgumentException naming the valid ids
     */
    public static ComparePreset byId(String id) {
        for (ComparePreset p : all()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "unknown comparison preset '" + id + "'; use mode-seeking, path-gradients or adjoint");
    }
}
