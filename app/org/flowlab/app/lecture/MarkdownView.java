package org.flowlab.app.lecture;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
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
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders lecture Markdown (CommonMark) into JavaFX nodes, with {@code $...$} inline and
 * {@code $$...$$} display math typeset by {@link MathRenderer}. Links whose target starts with
 * {@code flowlab:} are "Try it" actions handed to a callback instead of a browser.
 */
public final class MarkdownView extends VBox {

    private static final Pattern DISPLAY_MATH = Pattern.compile("\\$\\$(.+?)\\$\\$", Pattern.DOTALL);
    private static final Pattern INLINE_MATH = Pattern.compile("(?<![\\\\$])\\$([^$\\n]+?)\\$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\u2060M(\\d+)\u2060");

    private final MathRenderer math;
    private final Consumer<String> actions;
    private final boolean dark;
    private final List<String> formulas = new ArrayList<>();
    private final List<Boolean> displayed = new ArrayList<>();

    /**
     * Renders a document.
     *
     * @param markdown the text
     * @param math the formula renderer
     * @param actions receives the targets of {@code flowlab:} links
     * @param dark whether to typeset math for the dark theme
     */
    public MarkdownView(String markdown, MathRenderer math, Consumer<String> actions, boolean dark) {
        this.math = math;
        this.actions = actions;
        this.dark = dark;
        getStyleClass().add("markdown");
        setSpacing(10);
        String protectedText = protectMath(markdown);
        org.commonmark.node.Node doc = Parser.builder().build().parse(protectedText);
        for (org.commonmark.node.Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            Node block = block(n);
            if (block != null) {
                getChildren().add(block);
            }
        }
    }

    /** Replaces math by placeholders so Markdown emphasis rules never touch formulas. */
    private String protectMath(String text) {
        StringBuilder out = new StringBuilder();
        Matcher d = DISPLAY_MATH.matcher(text);
        int last = 0;
        while (d.find()) {
            out.append(protectInline(text.substring(last, d.start())));
            out.append("\n\n").append(placeholder(d.group(1).trim(), true)).append("\n\n");
            last = d.end();
        }
        out.append(protectInline(text.substring(last)));
        return out.toString();
    }

    private String protectInline(String text) {
        Matcher m = INLINE_MATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(placeholder(m.group(1), false)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String placeholder(String latex, boolean display) {
        formulas.add(latex);
        displayed.add(display);
        return "\u2060M" + (formulas.size() - 1) + "\u2060";
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
            VBox list = new VBox(4);
            list.getStyleClass().add("md-list");
            int number = n instanceof OrderedList ol ? ol.getStartNumber() : 0;
            for (org.commonmark.node.Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem li) {
                    Label bullet = new Label(n instanceof OrderedList ? (number++) + "." : "•");
                    bullet.getStyleClass().add("md-bullet");
                    bullet.setMinWidth(24);
                    VBox content = new VBox(4);
                    for (org.commonmark.node.Node c = li.getFirstChild(); c != null; c = c.getNext()) {
                        Node b = block(c);
                        if (b != null) {
                            content.getChildren().add(b);
                        }
                    }
                    HBox row = new HBox(4, bullet, content);
                    list.getChildren().add(row);
                }
            }
            return list;
        }
        if (n instanceof FencedCodeBlock code) {
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

    private Node codeBlock(String literal) {
        Label l = new Label(literal.stripTrailing());
        l.getStyleClass().add("md-code-block");
        l.setWrapText(true);
        return l;
    }

    private Node displayMath(Paragraph p) {
        if (p.getFirstChild() instanceof org.commonmark.node.Text t && t.getNext() == null) {
            Matcher m = PLACEHOLDER.matcher(t.getLiteral().trim());
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1));
                if (displayed.get(i)) {
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
        for (org.commonmark.node.Node c = link.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof org.commonmark.node.Text t) {
                text.append(t.getLiteral());
            }
        }
        Hyperlink h = new Hyperlink(text.toString());
        String target = link.getDestination();
        if (target.startsWith("flowlab:")) {
            h.getStyleClass().add("try-it");
            h.setId("tryIt-" + target.substring("flowlab:".length()).replaceAll("[^A-Za-z0-9]+", "-"));
        }
        h.setOnAction(e -> actions.accept(target));
        return h;
    }

    private void addText(TextFlow flow, String literal, boolean bold, boolean italic) {
        Matcher m = PLACEHOLDER.matcher(literal);
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
        String latex = formulas.get(index);
        MathRenderer.Formula formula = math.render(latex, display, display ? 23f : 21f, dark);
        if (formula == null) {
            Text fallback = new Text(latex);
            fallback.getStyleClass().addAll("md-text", "md-code");
            return fallback;
        }
        ImageView view = new ImageView(formula.image());
        view.getStyleClass().add(display ? "math-display" : "math-inline");
        if (!display) {
            // a TextFlow sits images on the baseline: move down by the formula's depth below it
            view.setTranslateY(formula.depth());
        }
        return view;
    }
}
