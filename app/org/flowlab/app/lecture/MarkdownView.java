package org.flowlab.app.lecture;

import java.util.Iterator;
import java.util.regex.Matcher;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

/**
 * Renders lecture Markdown (CommonMark) into JavaFX nodes, with {@code $...$} inline and
 * {@code $$...$$} display math typeset by {@link MathRenderer} and set on the text baseline.
 * Fenced {@code exercise} blocks become checked exercises ({@link ExerciseView}); a malformed
 * one becomes a box that says what is wrong. Links are handed to the rendering's link callback
 * ({@code flowlab:} links are "Try it" actions).
 */
public final class MarkdownView extends VBox {

    /** Style class of a formula that JLaTeXMath could not typeset (shown as raw text). */
    public static final String MATH_ERROR = "math-error";

    private final Rendering rendering;
    private final MathText math;
    private final Iterator<LectureDocument.ExerciseBlock> blocks;
    private final String path;

    /**
     * Renders a Markdown text (a question, a hint, a solution) that holds no exercise blocks.
     *
     * @param markdown the text
     * @param rendering renderer, link callback, theme and progress
     */
    public MarkdownView(String markdown, Rendering rendering) {
        this(LectureDocument.parse("", markdown), rendering);
    }

    /**
     * Renders a parsed lecture pane.
     *
     * @param doc the pane
     * @param rendering renderer, link callback, theme and progress
     */
    public MarkdownView(LectureDocument doc, Rendering rendering) {
        this.rendering = rendering;
        this.math = doc.math();
        this.blocks = doc.blocks().iterator();
        this.path = doc.path();
        getStyleClass().add("markdown");
        setSpacing(10);
        for (org.commonmark.node.Node n = doc.document().getFirstChild(); n != null; n = n.getNext()) {
            Node block = block(n);
            if (block != null) {
                getChildren().add(block);
            }
        }
    }

    private Node block(org.commonmark.node.Node n) {
        if (n instanceof Heading h) {
            TextFlow flow = inline(h);
            flow.getStyleClass().add("md-h" + Math.min(h.getLevel(), 3));
            return flow;
        }
        if (n instanceof Paragraph p) {
            Node display = displayMath(p);
            if (display != null) {
                return display;
            }
            TextFlow flow = inline(p);
            flow.getStyleClass().add("md-paragraph");
            return flow;
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n);
        }
        if (n instanceof FencedCodeBlock code) {
            String info = code.getInfo() == null ? "" : code.getInfo().trim();
            if (LectureDocument.EXERCISE_INFO.equals(info)) {
                return exercise();
            }
            return codeBlock(code.getLiteral());
        }
        if (n instanceof IndentedCodeBlock code) {
            return codeBlock(code.getLiteral());
        }
        if (n instanceof BlockQuote q) {
            VBox box = new VBox(6);
            box.getStyleClass().add("md-quote");
            for (org.commonmark.node.Node c = q.getFirstChild(); c != null; c = c.getNext()) {
                Node b = block(c);
                if (b != null) {
                    box.getChildren().add(b);
                }
            }
            return box;
        }
        if (n instanceof ThematicBreak) {
            javafx.scene.control.Separator s = new javafx.scene.control.Separator();
            s.getStyleClass().add("md-rule");
            return s;
        }
        return null;
    }

    private Node list(org.commonmark.node.Node n) {
        VBox list = new VBox(4);
        list.getStyleClass().add("md-list");
        int number = n instanceof OrderedList ol ? ol.getStartNumber() : 0;
        for (org.commonmark.node.Node item = n.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem) {
                Label bullet = new Label(n instanceof OrderedList ? (number++) + "." : "•");
                bullet.getStyleClass().add("md-bullet");
                bullet.setMinWidth(24);
                VBox content = new VBox(4);
                for (org.commonmark.node.Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                    Node b = block(c);
                    if (b != null) {
                        content.getChildren().add(b);
                    }
                }
                list.getChildren().add(new HBox(4, bullet, content));
            }
        }
        return list;
    }

    private Node exercise() {
        LectureDocument.ExerciseBlock b = blocks.next();
        if (b.exercise() != null) {
            return new ExerciseView(b.exercise(), b.number(), rendering);
        }
        Label error = new Label("This exercise block is malformed: " + b.error()
                + (path.isEmpty() ? "" : "\n(" + path + ", exercise " + b.number() + ")"));
        error.getStyleClass().add("exercise-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        return error;
    }

    private Node codeBlock(String literal) {
        Label l = new Label(literal.stripTrailing());
        l.getStyleClass().add("md-code-block");
        l.setWrapText(true);
        return l;
    }

    private Node displayMath(Paragraph p) {
        if (p.getFirstChild() instanceof org.commonmark.node.Text t && t.getNext() == null) {
            Matcher m = MathText.PLACEHOLDER.matcher(t.getLiteral().trim());
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1));
                if (math.displayed().get(i)) {
                    HBox box = new HBox(formulaNode(i, true));
                    box.setAlignment(Pos.CENTER);
                    box.getStyleClass().add("md-display-math");
                    return box;
                }
            }
        }
        return null;
    }

    private TextFlow inline(org.commonmark.node.Node parent) {
        TextFlow flow = new TextFlow();
        addInline(flow, parent, false, false);
        return flow;
    }

    private void addInline(TextFlow flow, org.commonmark.node.Node parent, boolean bold, boolean italic) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                addText(flow, t.getLiteral(), bold, italic);
            } else if (n instanceof Emphasis) {
                addInline(flow, n, bold, true);
            } else if (n instanceof StrongEmphasis) {
                addInline(flow, n, true, italic);
            } else if (n instanceof Code c) {
                Text code = new Text(c.getLiteral());
                code.getStyleClass().addAll("md-text", "md-code");
                flow.getChildren().add(code);
            } else if (n instanceof SoftLineBreak) {
                addText(flow, " ", bold, italic);
            } else if (n instanceof HardLineBreak) {
                addText(flow, "\n", bold, italic);
            } else if (n instanceof Link link) {
                flow.getChildren().add(link(link));
            } else {
                addInline(flow, n, bold, italic);
            }
        }
    }

    private Hyperlink link(Link link) {
        StringBuilder text = new StringBuilder();
        appendPlain(text, link);
        Hyperlink h = new Hyperlink(text.toString());
        if (MathText.PLACEHOLDER.matcher(text).find()) {
            // a formula in the link text: typeset it inside the link
            TextFlow label = new TextFlow();
            addText(label, text.toString(), false, false);
            label.getChildren().forEach(c -> c.getStyleClass().add("md-link"));
            h.setText("");
            h.setGraphic(label);
            h.setAccessibleText(math.restore(text.toString()));
        }
        String target = link.getDestination();
        if (target.startsWith("flowlab:")) {
            h.getStyleClass().add("try-it");
            h.setId("tryIt-" + target.substring("flowlab:".length()).replaceAll("[^A-Za-z0-9]+", "-"));
            h.setTooltip(new Tooltip(target));
        }
        h.setOnAction(e -> rendering.links().accept(target));
        return h;
    }

    private static void appendPlain(StringBuilder out, org.commonmark.node.Node parent) {
        for (org.commonmark.node.Node c = parent.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof org.commonmark.node.Text t) {
                out.append(t.getLiteral());
            } else if (c instanceof Code code) {
                out.append(code.getLiteral());
            } else {
                appendPlain(out, c);
            }
        }
    }

    private void addText(TextFlow flow, String literal, boolean bold, boolean italic) {
        Matcher m = MathText.PLACEHOLDER.matcher(literal);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                flow.getChildren().add(text(literal.substring(last, m.start()), bold, italic));
            }
            flow.getChildren().add(formulaNode(Integer.parseInt(m.group(1)), false));
            last = m.end();
        }
        if (last < literal.length()) {
            flow.getChildren().add(text(literal.substring(last), bold, italic));
        }
    }

    private Text text(String s, boolean bold, boolean italic) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        if (bold) {
            t.getStyleClass().add("md-bold");
        }
        if (italic) {
            t.getStyleClass().add("md-italic");
        }
        return t;
    }

    private Node formulaNode(int index, boolean display) {
        String latex = math.formulas().get(index);
        MathRenderer.Formula formula = rendering.math().render(latex, display, display ? 23f : 19f, rendering.dark());
        if (formula == null) {
            Text fallback = new Text(latex);
            fallback.getStyleClass().addAll("md-text", "md-code", MATH_ERROR);
            return fallback;
        }
        return new MathNode(formula, display ? "math-display" : "math-inline");
    }
}
