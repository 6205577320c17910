package org.flowlab.app.view.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.flowlab.app.Page;
import org.flowlab.app.PageAction;
import org.flowlab.app.PageContext;
import org.flowlab.app.view.RunLayout;
import org.flowlab.app.view.form.SpecLinks;

/**
 * The Lab as a tab of the window: its links ({@code flowlab:lab?theory=...&seed=...}), its menu
 * commands (all of them), presentation mode and closing.
 */
public final class LabPage implements Page {

    private final LabView lab;

    /**
     * Builds the Lab.
     *
     * @param context the window's preferences, trainer, links and messages
     */
    public LabPage(PageContext context) {
        lab = new LabView(context);
        lab.setOnCopyLink(this::copyLink);
    }

    /**
     * The Lab's view.
     *
     * @return the view
     */
    public LabView lab() {
        return lab;
    }

    @Override
    public String id() {
        return "lab";
    }

    @Override
    public String title() {
        return "Lab";
    }

    @Override
    public Node view() {
        return lab;
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return lab.service().runningProperty();
    }

    @Override
    public void openLink(Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>(parameters);
        boolean start = RunLayout.startFlag(values.remove("start"));
        lab.openSettings(values, start);
    }

    /**
     * The Lab's current setup as a link: every parameter, the seed included.
     *
     * @return {@code flowlab:lab?theory=...}, or null when the form is not valid
     */
    public String currentLink() {
        try {
            return SpecLinks.link(id(), SpecLinks.parameters(lab.editor().spec()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void copyLink() {
        String link = currentLink();
        if (link == null) {
            lab.status("Fix the settings first: the form is not valid.");
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(link);
        Clipboard.getSystemClipboard().setContent(content);
        lab.status("Copied: " + link);
    }

    @Override
    public boolean supports(PageAction action) {
        return true;
    }

    @Override
    public void perform(PageAction action) {
        switch (action) {
            case TRAIN -> lab.pressTrain();
            case PAUSE -> lab.pressPause();
            case STOP -> lab.service().stop();
            case SAVE -> lab.files().saveWithDialog();
            case OPEN -> {
                if (!lab.service().runningProperty().get()) {
                    lab.files().openWithDialog();
                }
            }
            case EXPORT -> lab.files().exportChartsWithDialog();
            case COPY_LINK -> copyLink();
            default -> {}
        }
    }

    @Override
    public void setPresentation(boolean on) {
        lab.setPresentation(on);
    }

    @Override
    public boolean hasUnsavedRun() {
        return lab.files().unsaved();
    }

    @Override
    public boolean saveBeforeClose() {
        lab.service().pause();
        return lab.files().saveAndWait();
    }

    @Override
    public void setDark(boolean dark) {
        lab.setDark(dark);
    }

    @Override
    public void dispose() {
        lab.dispose();
    }
}
