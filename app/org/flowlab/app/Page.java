package org.flowlab.app;

import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;

/**
 * One tab of the window (Lab, Compare, Lectures, ...). The application builds its tabs from a
 * list of page factories ({@code FlowLabApp.PAGES}, each a {@code Function<PageContext, Page>},
 * usually a constructor taking a {@link PageContext}) and talks to each through this interface
 * only: a new tab is its own files plus one line in that list. Its menu commands and shortcuts
 * (Train, Pause, Stop, Save, Open, Export, Copy link) reach it through {@link #supports} and
 * {@link #perform}; Ctrl+1…n select the tabs in list order.
 *
 * <p>Pages that train or sample do so on the application's one {@link
 * org.flowlab.app.task.AppTrainer} (from the context), never on their own threads with a
 * gradient collector.
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

    /**
     * Whether the page carries out a menu command (the window greys out the others).
     *
     * @param action the command
     * @return true if {@link #perform} does something with it
     */
    default boolean supports(PageAction action) {
        return false;
    }

    /**
     * Carries out a menu command or shortcut (only those it {@link #supports}); FX thread.
     *
     * @param action the command
     */
    default void perform(PageAction action) {}

    /**
     * Enters or leaves presentation mode: the window enlarges its fonts (charts and pictures
     * follow); the page hides what is secondary (settings sidebars, chart options) and shows
     * its main pictures large.
     *
     * @param on whether presentation mode is on
     */
    default void setPresentation(boolean on) {}

    /**
     * Called when the window closes while the page is busy or holds an unsaved run and the user
     * chose to save: saves what the page has (asking where), waiting until it is written.
     *
     * @return true when saved (the window closes), false when cancelled or failed (it stays)
     */
    default boolean saveBeforeClose() {
        return true;
    }

    /**
     * Whether the page holds a model trained since it was last saved or opened; closing the
     * window then asks first, as it does while the page trains.
     *
     * @return true when there is unsaved training
     */
    default boolean hasUnsavedRun() {
        return false;
    }

    /** Stops the page's work and frees what it holds (timelines, native memory); called once. */
    void dispose();
}
