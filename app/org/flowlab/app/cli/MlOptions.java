package org.flowlab.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What {@code fit} and {@code classify} share: option defaults taken from the model's default
 * settings (so the help text and the model cannot disagree), the settings as text for the
 * model's parser (the same parser as the window's form and links), and the output of a report
 * record as one JSON line (snake_case keys) or aligned text.
 */
final class MlOptions {

    private static final ObjectWriter JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .writer();

    private MlOptions() {}

    /** Default values of options named after the settings: {@code --hidden} gets the default of "hidden". */
    abstract static class Defaults implements CommandLine.IDefaultValueProvider {
        private final Map<String, String> defaults;

        protected Defaults(Map<String, String> defaults) {
            this.defaults = defaults;
        }

        @Override
        public String defaultValue(ArgSpec argSpec) {
            if (argSpec instanceof OptionSpec option) {
                return defaults.get(option.longestName().replaceFirst("^--", ""));
            }
            return null;
        }
    }

    /**
     * The values of the options named after settings, as text.
     *
     * @param spec the command
     * @param keys the setting names
     * @return name to the value given (or its default)
     */
    static Map<String, String> settings(CommandLine.Model.CommandSpec spec, Iterable<String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : keys) {
            OptionSpec option = spec.findOption("--" + key);
            Object value = option.getValue();
            if (value != null) {
                m.put(key, value.toString());
            }
        }
        return m;
    }

    /**
     * Rewrites a model message ("hidden must be ...") to name the option ("--hidden must be ...").
     *
     * @param e the model's complaint
     * @param keys the setting names
     * @return the exception to throw (exit 2, one line)
     */
    static IllegalArgumentException asOptionError(IllegalArgumentException e, Iterable<String> keys) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        for (String key : keys) {
            if (message.startsWith(key + " ")) {
                return new IllegalArgumentException("--" + message, e);
            }
        }
        return e;
    }

    /**
     * Prints a report: one JSON line, or one "name value" line per component.
     *
     * @param out where
     * @param report a record of numbers and names
     * @param json whether to print JSON
     */
    static void print(PrintWriter out, Record report, boolean json) {
        try {
            if (json) {
                out.println(JSON.writeValueAsString(report));
            } else {
                Map<?, ?> fields = new ObjectMapper()
                        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .convertValue(report, LinkedHashMap.class);
                fields.forEach((k, v) -> out.printf(Locale.ROOT, "%-18s %s%n", k, v));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /**
     * Refuses a non-finite result (the project's rule: non-finite numbers never pass as results).
     *
     * @param name what
     * @param value the number
     * @return the number
     */
    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(name + " is " + value + ": training diverged; lower --lr");
        }
        return value;
    }
}
