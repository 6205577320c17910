package org.flowlab.model.ml;

import java.util.Locale;

/**
 * A loss: a measure of how badly the network does, averaged over the samples,
 * 𝓛 = (1/n) Σᵢ ℓ(ŷᵢ, yᵢ), where ŷ is the network's output and y the target.
 *
 * <ul>
 *   <li>MSE: ℓ = (y − ŷ)², minimised by the conditional <em>mean</em> of y;
 *   <li>MAE: ℓ = |y − ŷ|, minimised by the conditional <em>median</em>, so a minority of
 *       outliers barely moves it;
 *   <li>binary cross-entropy with a logistic output: the network's output is a logit z,
 *       ŷ = σ(z) = 1/(1 + e^{−z}) is the probability of class 1, and
 *       ℓ = −[y log ŷ + (1 − y) log(1 − ŷ)] = softplus(z) − y z.
 * </ul>
 */
public enum Loss {

    /** Mean squared error. */
    MSE("mse"),
    /** Mean absolute error. */
    MAE("mae"),
    /** Binary cross-entropy on a logit output. */
    CROSS_ENTROPY("bce");

    private final String key;

    Loss(String key) {
        this.key = key;
    }

    /**
     * The name used on the command line and in links.
     *
     * @return mse, mae or bce
     */
    public String key() {
        return key;
    }

    /**
     * The loss of one sample.
     *
     * @param output the network's output ŷ (a logit z for cross-entropy)
     * @param target the target y (0 or 1 for cross-entropy)
     * @return ℓ(ŷ, y)
     */
    public double value(double output, double target) {
        double r = output - target;
        switch (this) {
            case MSE:
                return r * r;
            case MAE:
                return Math.abs(r);
            default:
                return softplus(output) - target * output;
        }
    }

    /**
     * The derivative ∂ℓ/∂ŷ of one sample's loss: 2(ŷ − y), sign(ŷ − y) (0 at a tie), or
     * σ(z) − y.
     *
     * @param output the network's output
     * @param target the target
     * @return the derivative
     */
    public double derivative(double output, double target) {
        double r = output - target;
        switch (this) {
            case MSE:
                return 2 * r;
            case MAE:
                return Math.signum(r);
            default:
                return Activation.logistic(output) - target;
        }
    }

    /**
     * log(1 + e^z) without overflow.
     *
     * @param z the argument
     * @return softplus(z)
     */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /**
     * Parses a regression loss name: mse or mae.
     *
     * @param name the name, any case
     * @return the loss
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Loss parseRegression(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT);
        if (k.equals("mse")) {
            return MSE;
        }
        if (k.equals("mae")) {
            return MAE;
        }
        throw new IllegalArgumentException("loss must be mse or mae, not '" + name + "'");
    }
}
