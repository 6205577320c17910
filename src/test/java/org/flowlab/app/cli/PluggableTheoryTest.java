package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Kind;
import org.flowlab.testing.GaussianLatticeKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A theory defined only in the test tree ({@link GaussianLatticeKind}) and registered by one
 * line in {@code META-INF/services} works through {@code exact}, {@code hmc} and {@code train}
 * on the command line, with options generated from its parameters ({@code --variance} exists
 * nowhere else).
 */
class PluggableTheoryTest {

    /** Exit code, standard output and standard error of one command line. */
    private record Run(int code, String out, String err) {
        JsonNode lastJson() throws Exception {
            List<String> lines = out.strip().lines().toList();
            return Json.MAPPER.readTree(lines.get(lines.size() - 1));
        }
    }

    private static Run run(String... args) {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theCatalogueOffersItWithTheFlowsOfItsGeometry() {
        assertEquals(
                GaussianLatticeKind.ID, Catalog.theory(GaussianLatticeKind.ID).id());
        List<String> flows =
                Catalog.flowsFor(GaussianLatticeKind.ID).stream().map(Kind::id).collect(Collectors.toList());
        assertEquals(List.of("realnvp", "cnf"), flows);
    }

    @Test
    void exactPrintsItsExactValues() throws Exception {
        // when
        Run r = run("exact", "--theory", GaussianLatticeKind.ID, "--L", "4", "--variance", "2.5", "--json");
        // then
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.lastJson();
        assertEquals(GaussianLatticeKind.ID, j.get("theory").asText());
        assertEquals(4, j.get("L").asInt());
        assertEquals(2.5, j.get("phi2").asDouble(), 0);
        assertEquals(2.5, j.get("chi2").asDouble(), 0);
    }

    @Test
    void hmcReproducesTheExactValues() throws Exception {
        // when: a short chain on 4 x 4 sites of variance 2
        Run r = run(
                "hmc",
                "--theory",
                GaussianLatticeKind.ID,
                "--L",
                "4",
                "--variance",
                "2",
                "--n",
                "4000",
                "--therm",
                "100",
                "--start",
                "hot",
                "--seed",
                "3",
                "--json");
        // then: within four standard errors of the exact value, and the error is small
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.lastJson();
        assertEquals(2.0, j.get("exact").get("phi2").asDouble(), 0);
        JsonNode phi2 = j.get("observables").get("phi2");
        double err = phi2.get("err").asDouble();
        assertTrue(err > 0 && err < 0.05, phi2.toString());
        assertEquals(2.0, phi2.get("mean").asDouble(), 4 * err, phi2.toString());
    }

    @Test
    void trainTrainsAFlowOnItAndReportsItsObservables() throws Exception {
        // when
        Run r = run(
                "train",
                "--theory",
                GaussianLatticeKind.ID,
                "--L",
                "4",
                "--variance",
                "0.5",
                "--layers",
                "2",
                "--hidden",
                "4",
                "--batch",
                "16",
                "--steps",
                "4",
                "--every",
                "2",
                "--eval-batch",
                "64",
                "--json");
        // then
        assertEquals(0, r.code(), r.err());
        JsonNode summary = r.lastJson().get("summary");
        assertEquals(4, summary.get("steps").asInt());
        assertTrue(summary.get("description").asText().startsWith(GaussianLatticeKind.ID), summary.toString());
        assertTrue(summary.get("observables").has("phi2"), summary.toString());
        assertEquals(64, summary.get("ess_samples").asInt());
    }

    @Test
    void optionsOfOtherTheoriesAreRejectedByName() {
        for (String command : new String[] {"train", "hmc", "exact"}) {
            Run r = run(command, "--theory", GaussianLatticeKind.ID, "--beta", "2");
            assertEquals(2, r.code(), command + ": " + r.err());
            assertEquals(
                    "--beta does not apply to theory " + GaussianLatticeKind.ID,
                    r.err().strip().replaceFirst("^\\w+: ", ""));
        }
        Run foreign = run("hmc", "--theory", "u1", "--variance", "2");
        assertEquals(2, foreign.code(), foreign.err());
        assertTrue(foreign.err().contains("--variance does not apply to theory u1"), foreign.err());
    }
}
