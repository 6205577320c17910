package org.flowlab.app.view.dashboard;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

/** The panel of a theory that has no dashboard of its own: the step and ESS of the latest samples. */
final class PlainDashboard implements TheoryDashboard<Void> {

    private final Label text = new Label();
    private final StackPane root = new StackPane(text);

    PlainDashboard(String theoryId) {
        root.setId("plainDashboard");
        root.getStyleClass().add("panel");
        text.getStyleClass().add("guide");
        text.setWrapText(true);
        text.setText("No pictures for the theory " + theoryId + " yet: the curves above show its training.");
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void reset(RunSpec spec) {
        text.setText("No pictures for " + spec.theoryKind().title() + " yet: the curves above show its training.");
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        text.setText(String.format(
                Locale.ROOT,
                "Step %d: %d model samples of %d numbers each.",
                snapshot.step(),
                snapshot.count(),
                snapshot.configurationSize()));
    }
}
