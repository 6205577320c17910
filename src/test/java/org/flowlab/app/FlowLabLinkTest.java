package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Links are parsed strictly: a damaged link is named, never half followed. */
class FlowLabLinkTest {

    @Test
    void aGoodLinkGivesItsPageAndDecodedParameters() {
        FlowLabLink link = FlowLabLink.parse("flowlab:lab?theory=phi4&m2=-0.5&note=a%20b%2Bc&x=%CF%86");
        assertEquals("lab", link.page());
        assertEquals(Map.of("theory", "phi4", "m2", "-0.5", "note", "a b+c", "x", "φ"), link.parameters());
        assertEquals(
                java.util.List.of("theory", "m2", "note", "x"),
                java.util.List.copyOf(link.parameters().keySet()));
        assertEquals(Map.of(), FlowLabLink.parse("flowlab:lectures").parameters());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "flowlab:lab?m2=%zz | broken % escape",
                "flowlab:lab?m2=%4 | broken % escape",
                "flowlab:lab?m2=%ff | valid UTF-8",
                "flowlab:lab?m2 | key=value",
                "flowlab:lab?=3 | key=value",
                "flowlab:lab?L=4&L=8 | given twice",
                "flowlab:Lab Tab?L=4 | not a tab name",
                "flowlab:?L=4 | not a tab name",
                "http://example.org | not a FlowLab link",
                "flowlab:lab?a%20b=1 | not a setting name",
            })
    void aDamagedLinkIsRefusedWithAMessageNamingTheProblem(String link, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowLabLink.parse(link));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void overlongLinksAndTooManySettingsAreRefused() {
        String longLink = "flowlab:lab?note=" + "x".repeat(FlowLabLink.MAX_LENGTH);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowLabLink.parse(longLink))
                .getMessage()
                .contains("characters"));
        StringBuilder many = new StringBuilder("flowlab:lab?");
        for (int i = 0; i <= FlowLabLink.MAX_PARAMETERS; i++) {
            many.append("k").append(i).append("=1&");
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowLabLink.parse(many.toString()))
                .getMessage()
                .contains("more than"));
    }
}
