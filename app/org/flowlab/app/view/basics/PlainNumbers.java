package org.flowlab.app.view.basics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.flowlab.app.chart.MetricChart;
import org.jfree.chart.axis.LogAxis;

/**
 * Tick labels for a logarithmic loss axis as plain numbers with three significant digits
 * (0.631, 0.00012) instead of powers such as 10^−0.2, which mean little to a beginner.
 */
final class PlainNumbers extends NumberFormat {

    private static final long serialVersionUID = 1L;

    /**
     * Puts a chart's value axis on a log scale labelled with plain numbers.
     *
     * @param chart the chart
     */
    static void logAxis(MetricChart chart) {
        chart.setLogScale(true);
        if (chart.chart().getXYPlot().getRangeAxis() instanceof LogAxis axis) {
            axis.setNumberFormatOverride(new PlainNumbers());
        }
    }

    /**
     * Formats one number.
     *
     * @param v the number
     * @return such as 0.631 or 1.2e-05
     */
    static String text(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e5) {
            return new BigDecimal(v)
                    .round(new MathContext(3))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(text(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(number);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null;
    }
}
