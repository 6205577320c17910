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

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
