package org.flowlab.app;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The commands of the window's menus and keyboard shortcuts that a page may carry out (see
 * {@link Page#supports} and {@link Page#perform}). The window sends each to the selected page.
 */
public enum PageAction {
    /** Start training (Ctrl+Enter). */
    TRAIN("Train", new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN)),
    /** Pause, or resume a paused run (Space). */
    PAUSE("Pause / resume", new KeyCodeCombination(KeyCode.SPACE)),
    /** Stop the run after its current step (Esc). */
    STOP("Stop", new KeyCodeCombination(KeyCode.ESCAPE)),
    /** Save the run (Ctrl+S). */
    SAVE("Save run…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN)),
    /** Open a saved run (Ctrl+O). */
    OPEN("Open run…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN)),
    /** Export every chart as PNG (Ctrl+E). */
    EXPORT("Export all charts as PNG…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN)),
    /** Copy the page's setup as a {@code flowlab:} link (Ctrl+L). */
    COPY_LINK("Copy link to this setup", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));

    private final String title;
    private final KeyCombination keys;

    PageAction(String title, KeyCombination keys) {
        this.title = title;
        this.keys = keys;
    }

    /**
     * The menu title.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * The keyboard shortcut.
     *
     * @return the key combination
     */
    public KeyCombination keys() {
        return keys;
    }
}
