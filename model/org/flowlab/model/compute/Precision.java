package org.flowlab.model.compute;

import ai.djl.ndarray.types.DataType;

/** Floating-point precision of a flow's parameters and samples. */
public enum Precision {
    /** Single precision: the default for training. */
    FLOAT32(DataType.FLOAT32),
    /** Double precision: used by the numerical tests. */
    FLOAT64(DataType.FLOAT64);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /**
     * Returns the DJL data type of this precision.
     *
     * @return the data type
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Reads a precision from text: float32 (or fp32) and float64 (or fp64), in any case.
     *
     * @param text the text
     * @return the precision
     * @throws IllegalArgumentException with a one-line message for anything else
     */
    public static Precision parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "float32":
            case "fp32":
                return FLOAT32;
            case "float64":
            case "fp64":
                return FLOAT64;
            default:
                throw new IllegalArgumentException("precision must be float32 or float64, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
