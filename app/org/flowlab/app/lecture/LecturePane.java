package org.flowlab.app.lecture;

import javafx.scene.Node;

/** One page of the lecture viewer. */
public interface LecturePane {

    /**
     * The title shown in the list of lectures.
     *
     * @return the title
     */
    String title();

    /**
     * The page's content.
     *
     * @return the node
     */
    Node view();

    /** Frees what the page holds (timelines, runs) when the user leaves it. */
    void reset();
}
