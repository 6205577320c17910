package org.flowlab.model.train;

/** Thrown when training produces non-finite losses or gradients step after step. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a one-line explanation for the user
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
