package org.flowlab.model.ml;

import java.util.Locale;

/**
 * A gradient-based update of the parameters ω from the gradient g = ∂𝓛/∂ω of a (mini-)batch
 * loss: plain stochastic gradient descent, ω ← ω − η g, or Adam (Kingma, Ba 2014,
 * <a href="https://arxiv.org/abs/1412.6980">arXiv:1412.6980</a>), which divides each
 * component's running mean gradient by its running root-mean-square, so every parameter
 * moves by about η per step whatever the scale of its gradient.
 */
public abstract class Optimizer {

    /** The two optimisers. */
    public enum Kind {
        /** Stochastic gradient descent. */
        SGD("sgd"),
        /** Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e−8. */
        ADAM("adam");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /**
         * The name used on the command line and in links.
         *
         * @return sgd or adam
         */
        public String key() {
            return key;
        }

        /**
         * Creates the optimiser.
         *
         * @param learningRate the step size η
         * @param parameters the number of parameters
         * @return a fresh optimiser (Adam starts with zero moments)
         */
        public Optimizer create(double learningRate, int parameters) {
            return this == SGD ? new Sgd(learningRate) : new Adam(learningRate, parameters);
        }

        /**
         * Parses sgd or adam.
         *
         * @param name the name, any case
         * @return the kind
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Kind parse(String name) {
            String k = name.trim().toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.key.equals(k)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("optimizer must be sgd or adam, not '" + name + "'");
        }
    }

    /**
     * Applies one update in place.
     *
     * @param parameters ω, updated
     * @param gradient g
     */
    public abstract void update(double[] parameters, double[] gradient);

    private static final class Sgd extends Optimizer {
        private final double learningRate;

        Sgd(double learningRate) {
            this.learningRate = learningRate;
        }

        @Override
        public void update(double[] parameters, double[] gradient) {
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] -= learningRate * gradient[i];
            }
        }
    }

    private static final class Adam extends Optimizer {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPSILON = 1e-8;
        private final double learningRate;
        private final double[] mean;
        private final double[] meanSquare;
        private long step;

        Adam(double learningRate, int parameters) {
            this.learningRate = learningRate;
            this.mean = new double[parameters];
            this.meanSquare = new double[parameters];
        }

        @Override
        public void update(double[] parameters, double[] gradient) {
            step++;
            double correction1 = 1 - Math.pow(BETA1, step);
            double correction2 = 1 - Math.pow(BETA2, step);
            for (int i = 0; i < parameters.length; i++) {
                double g = gradient[i];
                mean[i] = BETA1 * mean[i] + (1 - BETA1) * g;
                meanSquare[i] = BETA2 * meanSquare[i] + (1 - BETA2) * g * g;
                double m = mean[i] / correction1;
                double v = meanSquare[i] / correction2;
                parameters[i] -= learningRate * m / (Math.sqrt(v) + EPSILON);
            }
        }
    }
}
