package org.flowlab.app;

import java.util.List;
import java.util.stream.Stream;

/** What closing the window would lose: the pages that train and those with an unsaved trained flow. */
final class CloseQuestion {

    private CloseQuestion() {}

    /**
     * The question the close dialog asks.
     *
     * @param pages the window's pages
     * @return the question, or null when nothing trains and nothing trained is unsaved
     */
    static String of(List<Page> pages) {
        List<Page> busy = pages.stream().filter(p -> p.busyProperty().get()).toList();
        List<Page> unsaved = pages.stream()
                .filter(p -> !busy.contains(p) && p.hasUnsavedRun())
                .toList();
        if (busy.isEmpty() && unsaved.isEmpty()) {
            return null;
        }
        StringBuilder q = new StringBuilder();
        if (!busy.isEmpty()) {
            q.append(titles(busy)).append(" is still training. ");
        }
        if (!unsaved.isEmpty()) {
            q.append(titles(unsaved)).append(": the flow trained last is not saved. ");
        }
        boolean canSave = Stream.concat(busy.stream(), unsaved.stream()).anyMatch(p -> p.supports(PageAction.SAVE));
        return q.append(canSave ? "Save the run before closing?" : "Stop it and close FlowLab?")
                .toString();
    }

    /**
     * The pages that a save before closing would save.
     *
     * @param pages the window's pages
     * @return those that can save and train or hold an unsaved flow
     */
    static List<Page> savers(List<Page> pages) {
        return pages.stream()
                .filter(p -> p.supports(PageAction.SAVE) && (p.busyProperty().get() || p.hasUnsavedRun()))
                .toList();
    }

    private static String titles(List<Page> pages) {
        return String.join(" and ", pages.stream().map(Page::title).toList());
    }
}
