package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.U1Exact;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code exact} and {@code hmc} commands for the U(1) and toy targets, end to end. */
class PhysicsCommandsTest {

    /** Exit code, standard output and standard error of one command line. */
    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
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
    void exactU1PrintsTheTorusValuesByEitherMethod() throws Exception {
        // when
        Run bessel = run("exact", "--theory", "u1", "--L", "8", "--beta", "2", "--json");
        Run quadrature = run("exact", "--theory", "u1", "--L", "8", "--beta", "2", "--method", "quadrature", "--json");
        // then
        assertEquals(0, bessel.code(), bessel.err());
        U1Exact exact = U1Exact.onLattice(8, 2);
        JsonNode b = bessel.json();
        assertEquals(exact.plaquette(), b.get("plaquette").asDouble(), 1e-15);
        assertEquals(exact.topChargeSquared(), b.get("Q2").asDouble(), 1e-15);
        assertEquals(exact.topSusceptibility(), b.get("chi_t").asDouble(), 1e-15);
        assertEquals(b.get("Q2").asDouble(), quadrature.json().get("Q2").asDouble(), 1e-12);
    }

    @Test
    void exactPhi4FreeFieldAndRefusalAtNonZeroLambda() throws Exception {
        // given / when
        Run free = run("exact", "--theory", "phi4", "--L", "8", "--m2", "1", "--lam", "0", "--json");
        Run interacting = run("exact", "--theory", "phi4", "--L", "8", "--m2", "1", "--lam", "0.5", "--json");
        // then
        assertEquals(0, free.code(), free.err());
        assertEquals(
                new FreeFieldExact(8, 1).phiSquared(), free.json().get("phi2").asDouble(), 1e-15);
        assertEquals(1.0, free.json().get("chi2").asDouble(), 1e-15);
        assertEquals(2, interacting.code());
        assertEquals("", interacting.out());
        assertEquals(1, interacting.err().strip().lines().count(), interacting.err());
        assertTrue(interacting.err().contains("no exact result"), interacting.err());
    }

    @Test
    void exactToyTargetsPrintTheirMoments() throws Exception {
        JsonNode pair = run("exact", "--theory", "mixture2d", "--mixture", "pair", "--pair-mu", "3", "--json")
                .json();
        assertEquals(2 + 9, pair.get("mean_squared_norm").asDouble(), 1e-12);
        JsonNode vm =
                run("exact", "--theory", "vonmises", "--beta", "2", "--json").json();
        assertEquals(U1Exact.infiniteVolumePlaquette(2), vm.get("mean_cos").asDouble(), 1e-15);
        assertEquals(0.0, vm.get("log_z").asDouble());
    }

    @Test
    void hmcU1ReportsObservablesExactValuesAndAutocorrelation() throws Exception {
        // given / when: a short chain at beta = 1 on 6 x 6
        Run r = run(
                "hmc",
                "--theory",
                "u1",
                "--L",
                "6",
                "--beta",
                "1",
                "--n",
                "3000",
                "--therm",
                "200",
                "--start",
                "hot",
                "--json",
                "--autocorr");
        // then
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertTrue(j.get("acceptance").asDouble() > 0.9);
        U1Exact exact = U1Exact.onLattice(6, 1);
        for (String name : new String[] {"plaquette", "Q2", "chi_t"}) {
            JsonNode o = j.get("observables").get(name);
            assertTrue(o.has("mean") && o.has("err") && o.has("tau_int"), name);
        }
        JsonNode plaquette = j.get("observables").get("plaquette");
        assertTrue(Math.abs(plaquette.get("mean").asDouble() - exact.plaquette())
                < 4 * plaquette.get("err").asDouble());
        assertEquals(exact.plaquette(), j.get("exact").get("plaquette").asDouble(), 1e-15);
        JsonNode q = j.get("autocorr").get("topCharge");
        assertTrue(q.get("window_found").asBoolean());
        assertEquals(1.0, q.get("rho").get(0).asDouble(), 1e-12);
        assertTrue(q.get("tau_int").asDouble() > 0.3 && q.get("tau_int").asDouble() < 5, q.toString());
    }

    @Test
    void hmcPhi4KeepsItsObservablesAndDefaults() throws Exception {
        Run r = run(
                "hmc",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--m2",
                "1",
                "--lam",
                "0",
                "--n",
                "500",
                "--therm",
                "50",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(0.1, j.get("dt").asDouble());
        assertEquals(10, j.get("nleap").asInt());
        for (String name : new String[] {"absM", "chi2", "phi2"}) {
            assertTrue(j.get("observables").has(name), name);
        }
        assertFalse(j.has("autocorr"));
    }

    @Test
    void frozenObservablesAreReportedWithoutAnError() throws Exception {
        // beta = 12 on 4 x 4 from a cold start: Q stays 0 for a short chain
        Run r = run(
                "hmc",
                "--theory",
                "u1",
                "--L",
                "4",
                "--beta",
                "12",
                "--n",
                "300",
                "--therm",
                "10",
                "--json",
                "--autocorr");
        assertEquals(0, r.code(), r.err());
        JsonNode q2 = r.json().get("observables").get("Q2");
        assertEquals(0.0, q2.get("mean").asDouble());
        assertTrue(q2.get("err").isNull());
        assertTrue(r.json().get("autocorr").get("Q2").get("constant").asBoolean());
        assertTrue(r.err().contains("did not change"), r.err());
    }

    @Test
    void badInputExitsWithTwoAndOneLine() {
        for (String[] args : new String[][] {
            {"hmc", "--theory", "su2"},
            {"hmc", "--theory", "u1", "--beta", "-1"},
            {"hmc", "--theory", "u1", "--start", "warm"},
            {"exact", "--theory", "u1", "--method", "guess"},
            {"exact", "--theory", "vonmises", "--beta", "nan"},
        }) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
