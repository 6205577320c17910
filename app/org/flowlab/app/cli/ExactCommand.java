package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowlab.model.observe.ObservableNames;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlab exact}: prints what is known exactly about a theory at given settings; the
 * values come from the theory's kind ({@link TheoryKind#exactTable}).
 */
@Command(
        name = "exact",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print exact expectation values: the free phi^4 field (lambda = 0), U(1) gauge theory on",
            "the L x L torus (Bessel-function sums), and the moments of the toy targets.",
            "Theory parameters not given take their defaults; an option of another theory is an error.",
            "Example: exact --theory u1 --L 8 --beta 2 --json",
            "Example: exact --theory phi4 --L 8 --m2 1 --lam 0 --json"
        })
final class ExactCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--theory",
            defaultValue = "u1",
            description = "the theory (phi4, u1, mixture2d, vonmises, ...). Default: ${DEFAULT-VALUE}")
    String theory;

    @Mixin
    KindOptions kinds = new KindOptions(KindOptions.Part.THEORY, KindOptions.Part.EXACT);

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    /**
     * The JSON report: the theory, its settings and those of the computation, then every exact
     * value (renamed observable keys also under their old names, see {@link ObservableNames}).
     *
     * @param theory the theory's id
     * @param values settings and values, in print order
     */
    record Report(String theory, @JsonAnyGetter Map<String, Object> values) {}

    @Override
    public Integer call() {
        TheoryKind kind = Catalog.theory(theory);
        Settings settings = kinds.named(() -> kind.settings(kinds.values(KindOptions.Part.THEORY, kind)));
        Settings options = kinds.named(() -> Settings.of(
                kind.exactParams(), kinds.values(KindOptions.Part.EXACT, kind), "the exact results of " + kind.id()));
        kinds.rejectUnused();
        // building the target checks combinations of values (such as m2 > 0 for the free field)
        kind.create(settings);
        Map<String, Object> values = new LinkedHashMap<>(Json.typed(kind.params(), settings));
        values.putAll(Json.typed(kind.exactParams(), options));
        values.putAll(ObservableNames.withLegacyAliases(kind.exactTable(settings, options)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(new Report(kind.id(), values)));
        } else {
            out.printf(Locale.ROOT, "%-28s %s%n", "theory", kind.id());
            values.forEach((k, v) -> out.printf(Locale.ROOT, "%-28s %s%n", k, v instanceof String ? v : Json.line(v)));
        }
        out.flush();
        return 0;
    }
}
