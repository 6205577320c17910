package org.flowlab.app.cli;

import java.util.List;
import java.util.Set;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.ParamException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks shared by the commands: a value against the shared limits ({@link Limits}), with
 * the option named in the message, and options that do not belong to the chosen theory.
 */
final class CliChecks {

    private CliChecks() {}

    /**
     * Checks a value against the definition with a key.
     *
     * @param defs the definitions
     * @param key the key
     * @param option the option, for the message
     * @param value the value
     * @throws IllegalArgumentException naming the option
     */
    static void setting(List<ParamDef> defs, String key, String option, Object value) {
        try {
            Limits.check(defs, key, value);
        } catch (ParamException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /**
     * Whether an option was given on the command line.
     *
     * @param spec the command
     * @param option its name
     * @return true when given
     */
    static boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * Refuses options that do not apply to the chosen theory.
     *
     * @param spec the command
     * @param theory the theory, for the message
     * @param common options of every theory
     * @param own options of this theory
     * @throws IllegalArgumentException naming the first foreign option
     */
    static void onlyOptionsOf(CommandSpec spec, String theory, Set<String> common, Set<String> own) {
        if (spec.commandLine().getParseResult() == null) {
            return;
        }
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            boolean known = false;
            for (String name : o.names()) {
                known |= common.contains(name) || own.contains(name);
            }
            if (!known) {
                throw new IllegalArgumentException(o.names()[0] + " does not apply to theory " + theory);
            }
        }
    }
}
