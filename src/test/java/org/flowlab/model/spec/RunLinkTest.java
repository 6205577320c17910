package org.flowlab.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunLinkTest {

    private static final String COMPLETE =
            "flowlab:lab?theory=phi4&L=8&m2=-0.5&lambda=1.5&flow=realnvp&layers=8&hidden=8"
                    + "&hiddenLayers=2&kernel=3&tanh=true&loss=rkl&batch=64&lr=0.001&steps=1500&seed=1&precision=float32";

    @Test
    void aCompleteLabLinkDescribesItsRun() {
        // when
        RunLink link = RunLink.parse(COMPLETE);
        RunSpec spec = link.spec();
        // then
        assertTrue(link.isRun());
        assertTrue(link.starts());
        assertEquals(List.of(), link.missingKeys());
        assertEquals("phi4", spec.theory());
        assertEquals("-0.5", spec.theorySettings().text("m2"));
        assertEquals(1500, spec.training().steps());
        assertEquals(1, spec.training().seed());
    }

    @Test
    void theLinkOfASpecIsCompleteAndGivesTheSameSpec() {
        // given
        RunSpec spec = RunLink.parse(COMPLETE).spec();
        // when
        RunLink again = RunLink.parse(RunLink.labLink(spec));
        // then
        assertEquals(List.of(), again.missingKeys());
        assertEquals(spec, again.spec());
    }

    @Test
    void missingKeysAreNamedAndTakeCatalogueDefaults() {
        // given
        RunLink link = RunLink.parse("flowlab:lab?theory=phi4&m2=-0.5&lambda=1.5&L=8&steps=1500");
        // then
        assertEquals(
                List.of(
                        "flow",
                        "loss",
                        "precision",
                        "layers",
                        "hidden",
                        "hiddenLayers",
                        "kernel",
                        "tanh",
                        "batch",
                        "lr",
                        "seed"),
                link.missingKeys());
        assertEquals("realnvp", link.spec().flow());
        assertEquals(64, link.spec().training().batch());
    }

    @Test
    void aCompareLinkDescribesRunB() {
        // given
        RunLink link = RunLink.parse(
                "flowlab:compare?theory=mixture2d&mixture=pair&mu=4&sigma=1&flow=affine2d&loss=rkl"
                        + "&lossB=fkl&samples=500&thin=10&therm=1000&dataSeed=7&batch=256&lr=0.02&steps=600&seed=1&precision=float32");
        // when
        RunSpec b = link.specB();
        // then
        assertEquals(List.of(), link.missingKeys());
        assertEquals("rkl", link.spec().loss());
        assertEquals("fkl", b.loss());
        assertEquals("500", b.lossSettings().text("samples"));
        assertEquals("7", b.lossSettings().text("dataSeed"));
        assertEquals(link.spec().training(), b.training());
    }

    @Test
    void gradBChangesTheGradientRouteOfRunB() {
        RunLink link = RunLink.parse(
                "flowlab:compare?theory=mixture2d&mixture=three&flow=cnf&velocity=mlp&loss=rkl&gradB=adjoint");
        assertEquals("backprop", link.spec().flowSettings().text("grad"));
        assertEquals("adjoint", link.specB().flowSettings().text("grad"));
        assertTrue(link.missingKeys().contains("lossB"));
    }

    @Test
    void startFalseAndOtherPagesParse() {
        assertFalse(RunLink.parse(COMPLETE + "&start=false").starts());
        RunLink tool = RunLink.parse("flowlab:lectures?tool=gauge&L=8");
        assertFalse(tool.isRun());
        assertEquals("gauge", tool.parameters().get("tool"));
        assertEquals(
                "a b", RunLink.parse("flowlab:basics?title=a%20b").parameters().get("title"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://x.org|starts with 'flowlab:'",
                "flowlab:nowhere?x=1|unknown page 'nowhere'",
                "flowlab:lab?theory|not key=value",
                "flowlab:lab?theory=|has no value",
                "flowlab:lab?L=4&L=8|appears twice",
                "flowlab:lab?theory=phi4&beta=2|'beta' is not a parameter",
                "flowlab:lab?theory=phi4&L=3|even lattice size",
                "flowlab:lab?theory=quark|unknown theory 'quark'"
            })
    void badLinksAreRejectedWithOneLine(String link, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            RunLink parsed = RunLink.parse(link);
            parsed.spec();
        });
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
