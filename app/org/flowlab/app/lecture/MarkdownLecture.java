package org.flowlab.app.lecture;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import org.flowlab.app.Resources;

/** A lecture pane read from a Markdown file under {@code lectures/}. */
public final class MarkdownLecture implements LecturePane {

    private final LectureDocument document;
    private Rendering rendering;
    private ScrollPane view;

    /**
     * Loads a lecture.
     *
     * @param path class-path path such as {@code lectures/02c-reverse-kl.md}
     * @param rendering renderer, link callback, theme and progress
     */
    public MarkdownLecture(String path, Rendering rendering) {
        this.document = LectureDocument.parse(path, Resources.text(path));
        this.rendering = rendering;
    }

    @Override
    public String title() {
        return document.title();
    }

    /**
     * The resource path of the lecture.
     *
     * @return the path
     */
    public String path() {
        return document.path();
    }

    /**
     * The file name without directory and extension, as {@code flowlab:lectures?pane=} names it.
     *
     * @return e.g. {@code 02c-reverse-kl}
     */
    public String name() {
        String p = document.path();
        String file = p.substring(p.lastIndexOf('/') + 1);
        return file.endsWith(".md") ? file.substring(0, file.length() - 3) : file;
    }

    /**
     * The parsed pane.
     *
     * @return the document
     */
    public LectureDocument document() {
        return document;
    }

    /**
     * The ids of the pane's well-formed exercises.
     *
     * @return the ids, in order
     */
    public List<String> exerciseIds() {
        return document.exercises().stream().map(Exercise::id).toList();
    }

    /**
     * Selects the theme the formulas are typeset for; the view is rebuilt on next request.
     *
     * @param isDark whether the dark theme is active
     */
    public void setDark(boolean isDark) {
        if (isDark != rendering.dark()) {
            rendering = rendering.withDark(isDark);
            view = null;
        }
    }

    /** Drops the built view, so the next request builds it again (after a progress reset). */
    public void invalidate() {
        view = null;
    }

    @Override
    public Node view() {
        if (view == null) {
            MarkdownView content = new MarkdownView(document, rendering);
            content.setPadding(new Insets(20, 40, 40, 40));
            content.setMaxWidth(980);
            StackPane centred = new StackPane(content);
            StackPane.setAlignment(content, Pos.TOP_CENTER);
            view = new ScrollPane(centred);
            view.setFitToWidth(true);
            view.getStyleClass().add("lecture-scroll");
        }
        return view;
    }

    @Override
    public void reset() {
        // a text page holds nothing that runs; its tools live in their own windows
    }
}
