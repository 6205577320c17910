package org.flowlab.app.lecture;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * A lecture pane read without any user interface: its title, its exercise blocks (each parsed,
 * or the reason it could not be) and every link target in it, including the links inside
 * exercise texts. The viewer renders from it; the tests check every pane with it.
 *
 * @param path the class-path path, such as {@code lectures/02c-reverse-kl.md}
 * @param title the first level-1 heading (the path when there is none)
 * @param math the Markdown with its formulas taken out
 * @param document the parsed Markdown
 * @param blocks the exercise blocks in order
 * @param links every link target, in order of appearance
 */
public record LectureDocument(
        String path, String title, MathText math, Node document, List<ExerciseBlock> blocks, List<String> links) {

    /** The info string of an exercise block. */
    public static final String EXERCISE_INFO = "exercise";

    /**
     * One exercise block: the exercise, or why it is malformed.
     *
     * @param number 1-based position among the pane's exercise blocks
     * @param exercise the exercise (null when malformed)
     * @param error the problem in one line (null when well formed)
     */
    public record ExerciseBlock(int number, Exercise exercise, String error) {

        /**
         * The problem, with where it is.
         *
         * @param path the pane
         * @return e.g. "lectures/x.md, exercise 2: the key 'id' is missing"
         */
        public String describeError(String path) {
            return path + ", exercise " + number + ": " + error;
        }
    }

    /**
     * Reads a pane's text.
     *
     * @param path the class-path path (for messages)
     * @param markdown the text
     * @return the document
     */
    public static LectureDocument parse(String path, String markdown) {
        MathText math = MathText.of(markdown);
        Node doc = Parser.builder().build().parse(math.text());
        List<ExerciseBlock> blocks = new ArrayList<>();
        List<String> links = new ArrayList<>();
        String[] title = {null};
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (title[0] == null && heading.getLevel() == 1) {
                    title[0] = math.restore(plainText(heading)).trim();
                }
                visitChildren(heading);
            }

            @Override
            public void visit(FencedCodeBlock block) {
                if (EXERCISE_INFO.equals(
                        block.getInfo() == null ? "" : block.getInfo().trim())) {
                    int number = blocks.size() + 1;
                    try {
                        Exercise e = ExerciseParser.parse(block.getLiteral());
                        blocks.add(new ExerciseBlock(number, e, null));
                        for (String part : texts(e)) {
                            links.addAll(linksIn(part));
                        }
                    } catch (IllegalArgumentException ex) {
                        blocks.add(new ExerciseBlock(number, null, ex.getMessage()));
                    }
                }
            }

            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }
        });
        return new LectureDocument(
                path, title[0] == null ? path : title[0], math, doc, List.copyOf(blocks), List.copyOf(links));
    }

    /**
     * The well-formed exercises, in order.
     *
     * @return the exercises
     */
    public List<Exercise> exercises() {
        return blocks.stream()
                .filter(b -> b.exercise() != null)
                .map(ExerciseBlock::exercise)
                .toList();
    }

    /**
     * The problems of malformed exercise blocks, each with the pane and block number.
     *
     * @return one line per problem (empty when every block is well formed)
     */
    public List<String> errors() {
        return blocks.stream()
                .filter(b -> b.error() != null)
                .map(b -> b.describeError(path))
                .toList();
    }

    /**
     * The texts of an exercise that are Markdown: question, choices, hints and solution.
     *
     * @param e the exercise
     * @return the texts
     */
    public static List<String> texts(Exercise e) {
        List<String> out = new ArrayList<>();
        out.add(e.question());
        out.addAll(e.choices());
        out.addAll(e.hints());
        out.add(e.solution());
        return out;
    }

    private static List<String> linksIn(String markdown) {
        Node doc = Parser.builder().build().parse(MathText.of(markdown).text());
        List<String> out = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                out.add(link.getDestination());
                visitChildren(link);
            }
        });
        return out;
    }

    private static String plainText(Node parent) {
        StringBuilder b = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                b.append(t.getLiteral());
            } else {
                b.append(plainText(n));
            }
        }
        return b.toString();
    }
}
