package org.flowlab.app;

import java.util.List;

/**
 * What closing the window would lose: the pages that train and those with an unsaved trained
 * flow, as the question the close dialog asks and the pages a save would save.
 *
 * @param text the question
 * @param savers the pages that can save what would be lost (none: the dialog offers stop and close)
 */
record CloseQuestion(String text, List<Page> savers) {

    /**
     * The question for the window's pages.
     *
     * @param pages the window's pages
     * @return the question, or null when nothing trains and nothing trained is unsaved
     */
    static CloseQuestion of(List<Page> pages) {
        List<Page> busy = pages.stream().filter(p -> p.busyProperty().get()).toList();
        List<Page> unsaved = pages.stream()
                .filter(p -> !busy.contains(p) && p.hasUnsavedRun())
                .toList();
        if (busy.isEmpty() && unsaved.isEmpty()) {
            return null;
        }
        List<Page> savers = pages.stream()
                .filter(p -> (busy.contains(p) || unsaved.contains(p)) && p.supports(PageAction.SAVE))
                .toList();
        StringBuilder q = new StringBuilder();
        if (!busy.isEmpty()) {
            q.append(titles(busy)).append(" is still training. ");
        }
        if (!unsaved.isEmpty()) {
            q.append(titles(unsaved)).append(": the flow trained last is not saved. ");
        }
        q.append(savers.isEmpty() ? "Stop it and close FlowLab?" : "Save the run before closing?");
        return new CloseQuestion(q.toString(), savers);
    }

    private static String titles(List<Page> pages) {
        return String.join(" and ", pages.stream().map(Page::title).toList());
    }
}
