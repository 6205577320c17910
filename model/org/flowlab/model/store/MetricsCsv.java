package org.flowlab.model.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.model.train.TrainingStep;

/**
 * The metrics table of a run, {@code metrics.csv}: a header and one line per step,
 * {@code step,loss,ess,accept,grad_norm,ms_per_step,skipped}, with {@code nan} for missing
 * values. Reading is strict: the steps must be 1, 2, 3, ... and every field must parse.
 */
final class MetricsCsv {

    static final String HEADER = "step,loss,ess,accept,grad_norm,ms_per_step,skipped";

    private MetricsCsv() {}

    static String write(List<TrainingStep> history) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (TrainingStep s : history) {
            b.append(s.step())
                    .append(',')
                    .append(num(s.loss()))
                    .append(',')
                    .append(num(s.ess()))
                    .append(',')
                    .append(num(s.acceptRate()))
                    .append(',')
                    .append(num(s.gradNorm()))
                    .append(',')
                    .append(num(s.msPerStep()))
                    .append(',')
                    .append(s.skipped() ? 1 : 0)
                    .append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "nan" : Double.toString(v);
    }

    /**
     * Parses the table.
     *
     * @param text the file's text
     * @param file the file, for messages
     * @return the steps
     * @throws IOException naming the file and the line
     */
    static List<TrainingStep> read(String text, String file) throws IOException {
        List<TrainingStep> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new IOException(file + " is damaged: its first line is not the header " + HEADER);
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int row = i + 1;
            String[] f = line.split(",", -1);
            if (f.length != 7) {
                throw new IOException(file + " is damaged at line " + row + ": " + f.length + " fields instead of 7");
            }
            int step;
            try {
                step = Integer.parseInt(f[0].strip());
            } catch (NumberFormatException e) {
                throw new IOException(file + " is damaged at line " + row + ": the step is not a whole number");
            }
            if (step != out.size() + 1) {
                throw new IOException(file + " is damaged at line " + row + ": step " + step + " where step "
                        + (out.size() + 1) + " belongs");
            }
            if (!f[6].strip().equals("0") && !f[6].strip().equals("1")) {
                throw new IOException(file + " is damaged at line " + row + ": the last field must be 0 or 1");
            }
            try {
                out.add(new TrainingStep(
                        step,
                        parse(f[1]),
                        parse(f[2]),
                        parse(f[3]),
                        parse(f[4]),
                        parse(f[5]),
                        Double.NaN,
                        "1".equals(f[6].strip())));
            } catch (NumberFormatException e) {
                throw new IOException(file + " is damaged at line " + row + ": a field is not a number");
            }
        }
        return out;
    }

    private static double parse(String text) {
        String t = text.strip();
        return "nan".equalsIgnoreCase(t) ? Double.NaN : Double.parseDouble(t);
    }
}
