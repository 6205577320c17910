package org.flowlab.app;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;

import java.util.Map;

/**
 * One tab of the window (Lab, Compare, Lectures, ...). The application builds its tabs from a
 * list of pages and talks to each through this interface only: a new tab is its own files plus
 * one line in that list.
 *
 * <p>Pages that train or sample do so on the application's one {@link
 * org.flowlab.app.task.AppTrainer}, never on their own threads with a gradient collector.
 */
public interface Page {

    /**
     * A short stable identifier, used in {@code flowlab:} links ({@code flowlab:lab?...}) and for
     * node ids, such as {@code lab}.
     *
     * @return the id (lower case, no spaces)
     */
    String id();

    /**
     * The tab's title.
     *
     * @return the title
     */
    String title();

    /**
     * The tab's content (built once, then reused).
     *
     * @return the view
     */
    Node view();

    /**
     * Applies the theme to what CSS does not reach (charts, canvases).
     *
     * @param dark whether the dark theme is active
     */
    default void setDark(boolean dark) {}

    /**
     * Whether the page has work going (training, sampling, a scan); the window asks before
     * closing a busy page.
     *
     * @return the property
     */
    ReadOnlyBooleanProperty busyProperty();

    /**
     * Carries out a {@code flowlab:} link addressed to this page: fills the page's settings
     * from the link's parameters and, unless {@code start=false} is among them, starts the
     * experiment. Called on the FX thread.
     *
     * @param parameters the link's decoded query parameters
     * @throws IllegalArgumentException with a one-line message naming the bad parameter; the
     *     window shows it and starts nothing
     */
    default void openLink(Map<String, String> parameters) {
        throw new IllegalArgumentException("the " + title() + " tab takes no links");
    }

    /** Stops the page's work and frees what it holds (timelines, native memory); called once. */
    void dispose();
}
