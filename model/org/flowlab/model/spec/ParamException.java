package org.flowlab.model.spec;

/**
 * A bad parameter value, naming the parameter so that a form can show the message next to its
 * field.
 */
public final class ParamException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key the parameter key, such as {@code L}
     * @param message a one-line message for the user
     */
    public ParamException(String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * The parameter at fault.
     *
     * @return its key
     */
    public String key() {
        return key;
    }
}
