package org.flowlab.app.view.course;

import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.stage.Window;
import org.flowlab.app.Page;
import org.flowlab.app.PageContext;
import org.flowlab.app.lecture.ExerciseProgress;
import org.flowlab.app.lecture.LectureView;

/** The Lectures tab: the lecture viewer as a page; its "Try it" links go to the window. */
public final class LecturesPage implements Page {

    private final LectureView view;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    /**
     * Builds the tab.
     *
     * @param context the window's context (its link handler receives the lectures' links)
     */
    public LecturesPage(PageContext context) {
        view = new LectureView(
                context.links(), ExerciseProgress.forUser(), new CourseTools(context.trainer(), this::window));
    }

    private Window window() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }

    @Override
    public String id() {
        return "lectures";
    }

    @Override
    public String title() {
        return "Lectures";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void setDark(boolean dark) {
        view.setDark(dark);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public void openLink(Map<String, String> parameters) {
        view.openLink(parameters);
    }

    @Override
    public void dispose() {
        // the viewer holds no threads or native memory
    }
}
