package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.ParamDef;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The options generated from the catalogue's parameter definitions, and their spellings. */
class KindOptionsTest {

    private static CommandLine command(String name) {
        return FlowLabCli.commandLine().getSubcommands().get(name);
    }

    /** Parses {@code train} with the arguments, as the top-level command line does. */
    private static TrainCommand train(String... args) {
        CommandLine cl = FlowLabCli.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        cl.parseArgs(all);
        return cl.getSubcommands().get("train").getCommand();
    }

    @Test
    void camelCaseKeysAreAlsoWrittenInKebabCase() {
        assertEquals("hidden-layers", KindOptions.kebab("hiddenLayers"));
        assertEquals("data-seed", KindOptions.kebab("dataSeed"));
        assertEquals("L", KindOptions.kebab("L"));
        assertEquals("m2", KindOptions.kebab("m2"));
    }

    @Test
    void everyParameterOfEveryRegisteredKindIsAnOptionOfTrain() {
        CommandSpec train = command("train").getCommandSpec();
        for (List<? extends Kind> kinds : List.of(Catalog.theories(), Catalog.flows(), Catalog.losses())) {
            for (Kind k : kinds) {
                for (ParamDef d : k.params()) {
                    assertNotNull(train.findOption("--" + KindOptions.kebab(d.key())), k.id() + " " + d.key());
                    assertNotNull(train.findOption("--" + d.key()), k.id() + " " + d.key());
                }
            }
        }
    }

    @Test
    void commandsOfferOnlyTheirParts() {
        CommandSpec hmc = command("hmc").getCommandSpec();
        assertNotNull(hmc.findOption("--beta"));
        assertNull(hmc.findOption("--layers"), "hmc has no flow");
        assertNull(hmc.findOption("--method"), "the method belongs to exact");
        assertNotNull(command("exact").getCommandSpec().findOption("--method"));
    }

    @Test
    void oldSpellingsStillWork() {
        // when
        TrainCommand train = train(
                "--theory",
                "phi4",
                "-L",
                "6",
                "--lam",
                "0.5",
                "--no-tanh",
                "--hiddenLayers",
                "3",
                "--data-seed",
                "9",
                "--loss",
                "fkl");
        // then
        assertEquals(
                Map.of("L", "6", "lambda", "0.5"), train.kinds.values(KindOptions.Part.THEORY, Catalog.theory("phi4")));
        assertEquals(
                Map.of("tanh", "false", "hiddenLayers", "3"),
                train.kinds.values(KindOptions.Part.FLOW, Catalog.flow("realnvp")));
        assertEquals(Map.of("dataSeed", "9"), train.kinds.values(KindOptions.Part.LOSS, Catalog.loss("fkl")));
    }

    @Test
    void aTrueFalseParameterTakesAnOptionalValue() {
        assertEquals(
                Map.of("tanh", "false"),
                train("--tanh", "false").kinds.values(KindOptions.Part.FLOW, Catalog.flow("realnvp")));
        assertEquals(
                Map.of("tanh", "true"), train("--tanh").kinds.values(KindOptions.Part.FLOW, Catalog.flow("realnvp")));
    }
}
