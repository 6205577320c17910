package org.flowlab.app.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.ParamException;
import org.flowlab.model.spec.TheoryKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * Command-line options generated from the catalogue's parameter definitions, the same
 * {@link ParamDef}s the window's form shows: one option per parameter key of every registered
 * theory, flow or loss, so a new kind gets its options without any change here.
 *
 * <p>A command takes them by declaring a mixin with the parts it needs, for example
 * {@code @Mixin KindOptions kinds = new KindOptions(Part.THEORY, Part.FLOW, Part.LOSS);}. Picocli
 * hands the mixin the command's spec, and the mixin adds the options to it. The command picks
 * its kinds (its own {@code --theory} etc.), asks for {@link #values} of each chosen kind, and
 * finally calls {@link #rejectUnused}: an option that the chosen kinds do not have is an error
 * naming it ("--beta does not apply to theory phi4").
 *
 * <p>Spelling: {@code --<key>} with camelCase keys also in kebab case ({@code --hidden-layers}
 * and {@code --hiddenLayers}); a true/false parameter also as {@code --no-<key>}; and the
 * spellings older scripts use, {@link #LEGACY_NAMES}.
 */
@Command
final class KindOptions {

    /** The parts of a run whose parameters a command can take. */
    enum Part {
        /** Parameters of the theories. */
        THEORY("theory", Catalog.theories(), Kind::params),
        /** Parameters of the flow families. */
        FLOW("flow", Catalog.flows(), Kind::params),
        /** Parameters of the losses. */
        LOSS("loss", Catalog.losses(), Kind::params),
        /** Parameters of the theories' exact computations ({@link TheoryKind#exactParams()}). */
        EXACT("exact results of theory", Catalog.theories(), k -> ((TheoryKind) k).exactParams());

        private final String words;
        private final List<? extends Kind> kinds;
        private final Function<Kind, List<ParamDef>> params;

        Part(String words, List<? extends Kind> kinds, Function<Kind, List<ParamDef>> params) {
            this.words = words;
            this.kinds = kinds;
            this.params = params;
        }
    }

    /** Option names kept for scripts written before the options were generated. */
    static final Map<String, List<String>> LEGACY_NAMES = Map.of(
            "L", List.of("-L"),
            "lambda", List.of("--lam"),
            "mu", List.of("--pair-mu"));

    /** One generated option: the key it sets and the parts that have that key. */
    private record Generated(String name, String key, Set<Part> parts) {}

    private final Set<Part> parts;
    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, String> givenAs = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final Map<Part, Kind> chosen = new LinkedHashMap<>();
    private final Map<String, String[]> namesByKey = new LinkedHashMap<>();
    private CommandSpec command;

    /**
     * Creates the options of some parts.
     *
     * @param parts what the command configures
     */
    KindOptions(Part... parts) {
        this.parts = parts.length == 0 ? EnumSet.noneOf(Part.class) : EnumSet.of(parts[0], parts);
    }

    /**
     * Called by picocli with the spec of the command that declares this mixin: adds the
     * generated options to it.
     *
     * @param command the command's spec
     * @throws IllegalStateException when a parameter key clashes with one of the command's own
     *     options (a mistake in a new kind or command)
     */
    @Spec(Spec.Target.MIXEE)
    void install(CommandSpec command) {
        this.command = command;
        for (Map.Entry<String, List<Generated>> e : generate().entrySet()) {
            List<Generated> names = e.getValue();
            Generated first = names.get(0);
            for (Generated g : names) {
                if (command.findOption(g.name()) != null) {
                    throw new IllegalStateException("option " + g.name() + " of " + command.name()
                            + " clashes with the parameter '" + g.key() + "' of a " + first.parts());
                }
            }
            String[] plain = names.stream()
                    .filter(g -> !g.name().startsWith("--no-"))
                    .map(Generated::name)
                    .toArray(String[]::new);
            namesByKey.put(first.key(), plain);
            ParamDef def = definition(first.key(), first.parts());
            boolean flag = def.type() == ParamDef.Type.BOOLEAN;
            OptionSpec.Builder option =
                    OptionSpec.builder(plain).type(String.class).arity(flag ? "0..1" : "1");
            if (flag) {
                option.fallbackValue("true");
            }
            command.addOption(option.paramLabel("<" + first.key() + ">")
                    .description(description(first.key(), first.parts()))
                    .setter(new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            remember(first.key(), plain[0], (String) value);
                            return null;
                        }
                    })
                    .build());
            if (flag) {
                String negated = "--no-" + kebab(first.key());
                command.addOption(OptionSpec.builder(negated)
                        .type(boolean.class)
                        .arity("0")
                        .description(escape(owners(first.key(), first.parts()) + ": sets " + first.key() + " to false"))
                        .setter(new ISetter() {
                            @Override
                            public <T> T set(T value) {
                                if (Boolean.TRUE.equals(value)) {
                                    remember(first.key(), negated, "false");
                                }
                                return null;
                            }
                        })
                        .build());
            }
        }
    }

    private void remember(String key, String option, String value) {
        if (value == null) {
            return;
        }
        given.put(key, value);
        givenAs.put(key, option);
    }

    /** The generated option names, grouped by key, in catalogue order. */
    private Map<String, List<Generated>> generate() {
        Map<String, Set<Part>> partsOfKey = new LinkedHashMap<>();
        for (Part part : parts) {
            for (Kind k : part.kinds) {
                for (ParamDef d : part.params.apply(k)) {
                    partsOfKey
                            .computeIfAbsent(d.key(), x -> EnumSet.noneOf(Part.class))
                            .add(part);
                }
            }
        }
        Map<String, List<Generated>> out = new LinkedHashMap<>();
        partsOfKey.forEach((key, in) -> {
            Set<String> names = new LinkedHashSet<>();
            names.add("--" + kebab(key));
            names.add("--" + key);
            names.addAll(LEGACY_NAMES.getOrDefault(key, List.of()));
            List<Generated> list = new ArrayList<>();
            for (String n : names) {
                list.add(new Generated(n, key, in));
            }
            out.put(key, list);
        });
        return out;
    }

    private static ParamDef definition(String key, Set<Part> in) {
        for (Part part : in) {
            for (Kind k : part.kinds) {
                for (ParamDef d : part.params.apply(k)) {
                    if (d.key().equals(key)) {
                        return d;
                    }
                }
            }
        }
        throw new IllegalStateException("no parameter " + key);
    }

    /** One line per kind that has the parameter: its help, range and default. */
    private static String[] description(String key, Set<Part> in) {
        List<String> lines = new ArrayList<>();
        for (Part part : in) {
            for (Kind k : part.kinds) {
                for (ParamDef d : part.params.apply(k)) {
                    if (d.key().equals(key)) {
                        String range = d.rangeHint().isEmpty() ? "" : " [" + d.rangeHint() + "]";
                        lines.add(escape(k.id() + ": " + d.help() + range + " (default " + d.defaultValue() + ")"));
                    }
                }
            }
        }
        return lines.toArray(String[]::new);
    }

    /** The ids of the kinds that have a parameter, such as {@code realnvp}. */
    private static String owners(String key, Set<Part> in) {
        Set<String> ids = new LinkedHashSet<>();
        for (Part part : in) {
            for (Kind k : part.kinds) {
                if (part.params.apply(k).stream().anyMatch(d -> d.key().equals(key))) {
                    ids.add(k.id());
                }
            }
        }
        return String.join(", ", ids);
    }

    /** Picocli formats descriptions: keep percent signs and variable syntax literal. */
    private static String escape(String text) {
        return text.replace("%", "%%").replace("${", "$${");
    }

    /**
     * {@code hiddenLayers} as {@code hidden-layers}; keys without a lower-to-upper case step
     * ({@code L}, {@code m2}) stay as they are.
     *
     * @param key a parameter key
     * @return the kebab-case spelling
     */
    static String kebab(String key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(key.charAt(i - 1))) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The values given for one chosen kind's parameters (raw text; the kind checks them).
     *
     * @param part which part the kind is chosen for
     * @param kind the chosen kind
     * @return key to value, only for the parameters given on the command line
     */
    Map<String, String> values(Part part, Kind kind) {
        chosen.put(part, kind);
        Map<String, String> out = new LinkedHashMap<>();
        for (ParamDef d : part.params.apply(kind)) {
            String v = given.get(d.key());
            if (v != null) {
                out.put(d.key(), v);
                used.add(d.key());
            }
        }
        return out;
    }

    /**
     * Runs a check of given values and names the option in its message: a
     * {@link ParamException} about a key becomes "--option: message".
     *
     * @param check the check (building settings from {@link #values})
     * @param <T> what it returns
     * @return its result
     * @throws IllegalArgumentException naming the option of the bad value
     */
    <T> T named(Supplier<T> check) {
        try {
            return check.get();
        } catch (ParamException e) {
            String option = typedName(e.key());
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** The spelling of a key's option as the user typed it (a legacy name included). */
    private String typedName(String key) {
        String[] names = namesByKey.get(key);
        if (names != null
                && command != null
                && command.commandLine() != null
                && command.commandLine().getParseResult() != null) {
            for (String arg : command.commandLine().getParseResult().originalArgs()) {
                for (String n : names) {
                    if (arg.equals(n) || arg.startsWith(n + "=")) {
                        return n;
                    }
                }
            }
        }
        return givenAs.getOrDefault(key, "--" + kebab(key));
    }

    /**
     * Whether any parameter of a part was given.
     *
     * @param part the part
     * @return true if an option of one of its kinds' parameters was given
     */
    boolean anyGiven(Part part) {
        return part.kinds.stream()
                .flatMap(k -> part.params.apply(k).stream())
                .anyMatch(d -> given.containsKey(d.key()));
    }

    /**
     * Fails on the first option that no chosen kind took.
     *
     * @throws IllegalArgumentException naming the option and the chosen kinds it does not fit
     */
    void rejectUnused() {
        for (String key : given.keySet()) {
            if (used.contains(key)) {
                continue;
            }
            String where = generate().get(key).get(0).parts().stream()
                    .filter(chosen::containsKey)
                    .map(p -> p.words + " " + chosen.get(p).id())
                    .collect(Collectors.joining(" or "));
            throw new IllegalArgumentException(
                    givenAs.get(key) + " does not apply to " + (where.isEmpty() ? "this command" : where));
        }
    }

    @Override
    public String toString() {
        return "options of "
                + parts.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
