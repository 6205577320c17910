package org.flowlab.model.compute;

import java.util.Locale;

/** The user's device setting: always the CPU, always a GPU, or a GPU when one is present. */
public enum DeviceChoice {
    /** Run on the CPU. */
    CPU,
    /** Run on the first GPU; fails when the engine reports none. */
    GPU,
    /** Run on the first GPU when the engine reports one, else on the CPU. */
    AUTO;

    /**
     * Parses {@code cpu}, {@code gpu} or {@code auto} (any case).
     *
     * @param text the setting as typed by a user
     * @return the choice
     * @throws IllegalArgumentException with a one-line message when the text is none of those
     */
    public static DeviceChoice parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "cpu":
                    return CPU;
                case "gpu":
                case "cuda":
                    return GPU;
                case "auto":
                    return AUTO;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("device must be cpu, gpu or auto, not '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
