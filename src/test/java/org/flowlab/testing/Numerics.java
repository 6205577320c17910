package org.flowlab.testing;

/** Dense linear algebra and finite differences for tests. */
public final class Numerics {

    private Numerics() {}

    /**
     * log |det A| by LU decomposition with partial pivoting.
     *
     * @param a square matrix (not modified)
     * @return log of the absolute determinant
     */
    public static double logAbsDet(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double logDet = 0;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double d = m[col][col];
            if (d == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            logDet += Math.log(Math.abs(d));
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / d;
                for (int c = col; c < n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        return logDet;
    }
}
