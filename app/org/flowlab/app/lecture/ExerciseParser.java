package org.flowlab.app.lecture;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the body of an {@code exercise} fenced block of a lecture pane. The body is YAML:
 *
 * <pre>
 * id: ml-param-count            # required: unique across all panes, kebab-case
 * type: number                  # required: number | choice
 * question: How many ...?       # required: Markdown with $..$ math
 * answer: 1153                  # number only: a numeric literal
 * tolerance: 0.5                # number only: absolute tolerance, or instead
 * relative: 0.01                #   a relative one (exactly one of the two)
 * choices: ["MSE", "*MAE"]      # choice only: at least two; correct ones start with '*'
 * hints:                        # required: at least one, shown one at a time
 *   - A dense layer ...
 * solution: |                   # required: the worked answer, hidden until asked for
 *   (1·32 + 32) + ...
 * </pre>
 *
 * Any other key, a missing required key, or a key of the other type is an error whose message
 * names the key.
 */
public final class ExerciseParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> KEYS =
            Set.of("id", "type", "question", "answer", "tolerance", "relative", "choices", "hints", "solution");

    private ExerciseParser() {}

    /**
     * Parses one exercise block.
     *
     * @param yaml the block's body
     * @return the exercise
     * @throws IllegalArgumentException with a one-line message naming the problem
     */
    public static Exercise parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? e.getMessage() : e.getOriginalMessage();
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalArgumentException("not valid YAML" + where + ": " + firstLine(message)
                    + " (quote a text that contains ': ' or starts with a special character)");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the block must be YAML 'key: value' lines (id, type, question, ...)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown key '" + key + "'; the keys are " + String.join(", ", sorted(KEYS)));
            }
        }
        String id = text(root, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "id '" + id + "' must be kebab-case: lower-case letters, digits and single dashes");
        }
        String typeText = text(root, "type");
        Exercise.Type type;
        switch (typeText) {
            case "number":
                type = Exercise.Type.NUMBER;
                break;
            case "choice":
                type = Exercise.Type.CHOICE;
                break;
            default:
                throw new IllegalArgumentException(id + ": type must be number or choice, not '" + typeText + "'");
        }
        String question = text(root, "question");
        List<String> hints = strings(root, "hints", id);
        if (hints.isEmpty()) {
            throw new IllegalArgumentException(id + ": give at least one hint");
        }
        String solution = text(root, "solution");
        if (type == Exercise.Type.NUMBER) {
            forbid(root, id, "choices", "number");
            double answer = number(root, "answer", id);
            boolean hasTol = root.has("tolerance");
            boolean hasRel = root.has("relative");
            if (hasTol == hasRel) {
                throw new IllegalArgumentException(id + ": give exactly one of 'tolerance' (absolute) and 'relative'");
            }
            double tolerance = hasTol ? positive(root, "tolerance", id) : Double.NaN;
            double relative = hasRel ? positive(root, "relative", id) : Double.NaN;
            if (hasRel && answer == 0) {
                throw new IllegalArgumentException(
                        id + ": a relative tolerance cannot check the answer 0; use 'tolerance'");
            }
            return new Exercise(id, type, question, answer, tolerance, relative, List.of(), Set.of(), hints, solution);
        }
        forbid(root, id, "answer", "choice");
        forbid(root, id, "tolerance", "choice");
        forbid(root, id, "relative", "choice");
        List<String> marked = strings(root, "choices", id);
        if (marked.size() < 2) {
            throw new IllegalArgumentException(id + ": a choice exercise needs at least two choices");
        }
        List<String> choices = new ArrayList<>();
        Set<Integer> correct = new LinkedHashSet<>();
        for (int i = 0; i < marked.size(); i++) {
            String c = marked.get(i);
            if (c.startsWith("*")) {
                correct.add(i);
                c = c.substring(1).trim();
            }
            if (c.isEmpty()) {
                throw new IllegalArgumentException(id + ": choice " + (i + 1) + " is empty");
            }
            choices.add(c);
        }
        if (correct.isEmpty()) {
            throw new IllegalArgumentException(id + ": mark the correct choice(s) with a leading '*'");
        }
        return new Exercise(id, type, question, Double.NaN, Double.NaN, Double.NaN, choices, correct, hints, solution);
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        String where =
                root.has("id") && root.get("id").isValueNode() ? root.get("id").asText() + ": " : "";
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(where + "the key '" + key + "' is missing");
        }
        if (!n.isValueNode()) {
            throw new IllegalArgumentException(where + "'" + key + "' must be a text");
        }
        String s = n.asText().strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(where + "'" + key + "' is empty");
        }
        return s;
    }

    private static double number(JsonNode root, String key, String id) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(id + ": the key '" + key + "' is missing");
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(
                    id + ": '" + key + "' must be a number literal, not '" + n.asText() + "'");
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(id + ": '" + key + "' must be finite");
        }
        return v;
    }

    private static double positive(JsonNode root, String key, String id) {
        double v = number(root, key, id);
        if (!(v > 0)) {
            throw new IllegalArgumentException(id + ": '" + key + "' must be positive, got " + v);
        }
        return v;
    }

    private static List<String> strings(JsonNode root, String key, String id) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(id + ": the key '" + key + "' is missing");
        }
        List<String> out = new ArrayList<>();
        if (n.isValueNode()) {
            out.add(n.asText().strip());
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isValueNode()) {
                    throw new IllegalArgumentException(id + ": every entry of '" + key + "' must be a text"
                            + " (quote an entry that contains ': ')");
                }
                out.add(e.asText().strip());
            }
        } else {
            throw new IllegalArgumentException(id + ": '" + key + "' must be a list of texts");
        }
        for (String s : out) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException(id + ": '" + key + "' has an empty entry");
            }
        }
        return out;
    }

    private static void forbid(JsonNode root, String id, String key, String type) {
        if (root.has(key)) {
            throw new IllegalArgumentException(id + ": '" + key + "' does not belong to a " + type + " exercise");
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
