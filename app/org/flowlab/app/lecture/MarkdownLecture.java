package org.flowlab.app.lecture;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

import org.flowlab.app.Resources;

import java.util.function.Consumer;

/** A lecture pane read from a Markdown file under {@code lectures/}. */
public final class MarkdownLecture implements LecturePane {

    private final String path;
    private final String title;
    private final String text;
    private final MathRenderer math;
    private final Consumer<String> actions;
    private ScrollPane view;
    private boolean dark;

    /**
     * Loads a lecture.
     *
     * @param path class-path path such as {@code lectures/02-learning-flows.md}
     * @param math shared formula renderer
     * @param actions receives the targets of "Try it" links
     */
    public MarkdownLecture(String path, MathRenderer math, Consumer<String> actions) {
        this.path = path;
        this.text = Resources.text(path);
        this.math = math;
        this.actions = actions;
        this.title = firstHeading(text, path);
    }

    private static String firstHeading(String text, String fallback) {
        for (String line : text.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).trim();
            }
        }
        return fallback;
    }

    @Override
    public String title() {
        return title;
    }

    /**
     * The resource path of the lecture.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * Selects the theme the formulas are typeset for; the view is rebuilt on next request.
     *
     * @param isDark whether the dark theme is active
     */
    public void setDark(boolean isDark) {
        if (isDark != dark) {
            dark = isDark;
            view = null;
        }
    }

    @Override
    public Node view() {
        if (view == null) {
            MarkdownView content = new MarkdownView(text, math, actions, dark);
            content.setPadding(new Insets(20, 40, 40, 40));
            content.setMaxWidth(980);
            javafx.scene.layout.StackPane centred = new javafx.scene.layout.StackPane(content);
            javafx.scene.layout.StackPane.setAlignment(content, javafx.geometry.Pos.TOP_CENTER);
            view = new ScrollPane(centred);
            view.setFitToWidth(true);
            view.getStyleClass().add("lecture-scroll");
        }
        return view;
    }

    @Override
    public void reset() {
        // a text page holds nothing that runs
    }
}
