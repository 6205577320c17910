package org.flowlab.app.view.chains;

import javafx.util.StringConverter;

/** Display names of the theories the Markov-chain views sample. */
final class TheoryNames {

    /** Shows "phi4" and "u1" as their names. */
    static final StringConverter<String> CONVERTER = new StringConverter<>() {
        @Override
        public String toString(String id) {
            if (id == null) {
                return "";
            }
            return switch (id) {
                case "phi4" -> "φ⁴ theory";
                case "u1" -> "U(1) gauge theory";
                default -> id;
            };
        }

        @Override
        public String fromString(String text) {
            return text;
        }
    };

    private TheoryNames() {}
}
