package org.flowlab.model.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How Adam's learning rate changes over a run: a factor on the configured rate for each step.
 * The factor depends only on the step and the run's total steps, so a run continued from disk
 * (or exported to PyTorch) follows the same rates.
 */
public enum LearningRateSchedule {

    /** The configured rate on every step. */
    CONSTANT("the configured rate on every step") {
        @Override
        public double factor(int step, int steps) {
            return 1;
        }
    },

    /**
     * Half a cosine from the configured rate down to {@value #COSINE_FLOOR} of it at the last step:
     * large steps early, when the loss falls fast, and small ones at the end, which take out the
     * noise that a constant rate leaves in the weights.
     */
    COSINE("half a cosine from the rate down to 1 % of it at the last step") {
        @Override
        public double factor(int step, int steps) {
            double progress = Math.min(1, Math.max(0, step / (double) Math.max(1, steps - 1)));
            return COSINE_FLOOR + (1 - COSINE_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }
    };

    /** The cosine schedule's last factor. */
    public static final double COSINE_FLOOR = 0.01;

    private final String description;

    LearningRateSchedule(String description) {
        this.description = description;
    }

    /**
     * The factor on the configured rate for a step.
     *
     * @param step steps completed before this one (0 for the first)
     * @param steps the run's total steps
     * @return the factor, in (0, 1]
     */
    public abstract double factor(int step, int steps);

    /**
     * The name used in forms, links, files and on the command line.
     *
     * @return e.g. {@code cosine}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One line for help texts.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The names of every schedule, in order.
     *
     * @return e.g. [constant, cosine]
     */
    public static List<String> ids() {
        return Arrays.stream(values()).map(LearningRateSchedule::id).toList();
    }

    /**
     * The schedule of a name.
     *
     * @param id e.g. {@code cosine} (case-insensitive)
     * @return the schedule
     * @throws IllegalArgumentException naming the known schedules
     */
    public static LearningRateSchedule parse(String id) {
        for (LearningRateSchedule s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown learning-rate schedule '" + id + "'; known: " + String.join(", ", ids()));
    }
}
