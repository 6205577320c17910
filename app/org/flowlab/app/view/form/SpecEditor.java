package org.flowlab.app.view.form;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.LossKind;
import org.flowlab.model.spec.MemoryEstimate;
import org.flowlab.model.spec.ParamException;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;
import org.flowlab.model.spec.TrainingParams;

/**
 * The run editor of the sidebar: theory, flow and loss pickers, each with a property sheet
 * generated from its parameter definitions, preset buttons for the theory, the training
 * settings and the device. {@link #validProperty()} is true only when every value is valid on
 * its own and the parts fit together (checked by building the {@link RunSpec}); otherwise the
 * message is shown next to the field at fault, or under the form.
 */
public final class SpecEditor extends VBox {

    private final ComboBox<TheoryKind> theoryBox =
            new ComboBox<>(FXCollections.observableArrayList(Catalog.theories()));
    private final ComboBox<FlowKind> flowBox = new ComboBox<>();
    private final ComboBox<LossKind> lossBox = new ComboBox<>(FXCollections.observableArrayList(Catalog.losses()));
    private final VBox theoryHolder = new VBox();
    private final VBox flowHolder = new VBox();
    private final VBox lossHolder = new VBox();
    private final VBox dataPanel = new VBox(4);
    private final Label dataLabel = new Label();
    private final javafx.scene.control.ProgressBar dataProgress = new javafx.scene.control.ProgressBar(0);
    private final FlowPane presets = new FlowPane(6, 6);
    private final ParamSheet trainingSheet;
    private final ChoiceBox<DeviceChoice> device =
            new ChoiceBox<>(FXCollections.observableArrayList(DeviceChoice.values()));
    private final ChoiceBox<Precision> precision =
            new ChoiceBox<>(FXCollections.observableArrayList(Precision.values()));
    private final Label formError = new Label();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final String idPrefix;
    private ParamSheet theorySheet;
    private ParamSheet flowSheet;
    private ParamSheet lossSheet;
    private boolean updating;
    private Runnable onChange = () -> {};

    /**
     * Builds the editor.
     *
     * @param idPrefix prefix of every node id ("" in the lab)
     * @param theories the theories offered (normally every theory)
     */
    public SpecEditor(String idPrefix, List<TheoryKind> theories) {
        this.idPrefix = idPrefix;
        setSpacing(6);
        getStyleClass().add("spec-editor");
        theoryBox.getItems().setAll(theories);
        configure(theoryBox, "theoryPicker", TheoryKind::title);
        configure(flowBox, "flowPicker", FlowKind::title);
        configure(lossBox, "lossPicker", LossKind::title);
        trainingSheet = new ParamSheet(idPrefix, TrainingParams.params());
        trainingSheet.setOnChange(this::check);
        device.setId(idPrefix + "device");
        device.setValue(DeviceChoice.AUTO);
        device.setTooltip(new Tooltip("auto: a GPU when the PyTorch engine reports one, else the CPU"));
        precision.setId(idPrefix + "precision");
        precision.setValue(Precision.FLOAT32);
        precision.setTooltip(new Tooltip("float32 is faster; float64 keeps two runs that should agree"
                + " (back-propagation and adjoint) together for longer"));
        formError.setId(idPrefix + "formError");
        formError.getStyleClass().add("field-error");
        formError.setWrapText(true);
        presets.getStyleClass().add("presets");

        Label deviceLabel = new Label("device");
        deviceLabel.getStyleClass().add("form-label");
        deviceLabel.setMinWidth(100);
        HBox deviceRow = new HBox(8, deviceLabel, device);
        deviceRow.setAlignment(Pos.CENTER_LEFT);
        Label precisionLabel = new Label("precision");
        precisionLabel.getStyleClass().add("form-label");
        precisionLabel.setMinWidth(100);
        HBox precisionRow = new HBox(8, precisionLabel, precision);
        precisionRow.setAlignment(Pos.CENTER_LEFT);

        dataPanel.setId(idPrefix + "dataPanel");
        dataPanel.getStyleClass().add("panel");
        dataLabel.setWrapText(true);
        dataLabel.getStyleClass().add("form-hint");
        dataProgress.setMaxWidth(Double.MAX_VALUE);
        dataPanel.getChildren().addAll(dataLabel, dataProgress);
        dataPanel.setVisible(false);
        dataPanel.managedProperty().bind(dataPanel.visibleProperty());

        getChildren()
                .addAll(
                        section("Theory"),
                        theoryBox,
                        presets,
                        theoryHolder,
                        section("Flow"),
                        flowBox,
                        flowHolder,
                        section("Loss"),
                        lossBox,
                        lossHolder,
                        dataPanel,
                        section("Training (Adam)"),
                        trainingSheet,
                        deviceRow,
                        precisionRow,
                        formError);

        theoryBox.valueProperty().addListener((o, was, now) -> theoryChanged(now));
        flowBox.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                flowSheet = sheet(now, flowHolder);
                check();
            }
        });
        lossBox.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                lossSheet = sheet(now, lossHolder);
                if (now.needsData()) {
                    showData(
                            "The training set is drawn from the target when training starts (HMC for lattice theories,"
                                    + " exact samples for the toys) and cached for later runs.",
                            0);
                } else {
                    dataPanel.setVisible(false);
                }
                check();
            }
        });
        lossBox.setValue(Catalog.losses().get(0));
        theoryBox.setValue(theories.get(0));
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-section");
        VBox.setMargin(l, new Insets(8, 0, 0, 0));
        return l;
    }

    private <T extends Kind> void configure(ComboBox<T> box, String id, Function<T, String> title) {
        box.setId(idPrefix + id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : title.apply(item));
                setTooltip(empty || item == null ? null : new Tooltip(item.description()));
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
    }

    private ParamSheet sheet(Kind kind, VBox holder) {
        ParamSheet s = new ParamSheet(idPrefix, kind.params());
        s.setOnChange(this::check);
        holder.getChildren().setAll(s);
        return s;
    }

    private void theoryChanged(TheoryKind theory) {
        if (theory == null) {
            return;
        }
        updating = true;
        try {
            theorySheet = sheet(theory, theoryHolder);
            presets.getChildren().clear();
            int i = 0;
            for (Map.Entry<String, Map<String, String>> p : theory.presets().entrySet()) {
                Button b = new Button(p.getKey());
                b.setId(idPrefix + "preset-" + theory.id() + "-" + i++);
                b.setTooltip(new Tooltip(p.getValue().toString()));
                b.setOnAction(e -> theorySheet.setValues(p.getValue()));
                presets.getChildren().add(b);
            }
            int d = 0;
            for (Map.Entry<String, Map<String, String>> p :
                    DemoPresets.forTheory(theory.id()).entrySet()) {
                Button b = new Button(p.getKey());
                b.setId(idPrefix + "demo-" + theory.id() + "-" + d++);
                b.getStyleClass().add("accent");
                b.setTooltip(new Tooltip("Sets the whole form for a quick live demo: " + p.getValue()));
                b.setOnAction(e -> apply(p.getValue()));
                presets.getChildren().add(b);
            }
            List<FlowKind> flows = Catalog.flowsFor(theory.id());
            flowBox.getItems().setAll(flows);
            flowBox.setValue(flows.isEmpty() ? null : flows.get(0));
            if (flows.isEmpty()) {
                flowHolder.getChildren().setAll(new Label("no flow for this theory yet"));
                flowSheet = null;
            }
        } finally {
            updating = false;
        }
        check();
    }

    /** Validates the whole form and updates {@link #validProperty()} and the messages. */
    public void check() {
        if (updating || theorySheet == null || lossSheet == null) {
            return;
        }
        formError.setText("");
        boolean sheetsValid = theorySheet.validProperty().get()
                && lossSheet.validProperty().get()
                && trainingSheet.validProperty().get()
                && flowSheet != null
                && flowSheet.validProperty().get();
        if (!sheetsValid) {
            valid.set(false);
            if (flowSheet == null) {
                formError.setText("Choose a flow.");
            }
            onChange.run();
            return;
        }
        try {
            spec();
            valid.set(true);
        } catch (ParamException e) {
            valid.set(false);
            boolean shown = theorySheet.showProblem(e.key(), e.getMessage())
                    || flowSheet.showProblem(e.key(), e.getMessage())
                    || lossSheet.showProblem(e.key(), e.getMessage())
                    || trainingSheet.showProblem(e.key(), e.getMessage());
            if (!shown) {
                formError.setText(e.getMessage());
            }
        } catch (IllegalArgumentException e) {
            valid.set(false);
            formError.setText(e.getMessage());
        }
        onChange.run();
    }

    /**
     * Shows the training-set panel under the loss (forward KL).
     *
     * @param text what is happening
     * @param fraction progress in [0, 1], or a negative value for "busy"
     */
    public void showData(String text, double fraction) {
        dataPanel.setVisible(true);
        dataLabel.setText(text);
        dataProgress.setProgress(fraction);
    }

    /**
     * Runs an action after every change of the form.
     *
     * @param action the action
     */
    public void setOnChange(Runnable action) {
        this.onChange = action;
    }

    /**
     * Builds the run spec from the form.
     *
     * @return the spec
     * @throws IllegalArgumentException with the message for the user
     */
    public RunSpec spec() {
        Settings training = Settings.of(TrainingParams.params(), trainingSheet.values(), "training");
        RunSpec spec = RunSpec.create(
                theoryBox.getValue().id(),
                theorySheet.values(),
                flowBox.getValue() == null ? "" : flowBox.getValue().id(),
                flowSheet == null ? Map.of() : flowSheet.values(),
                lossBox.getValue().id(),
                lossSheet.values(),
                TrainingParams.config(training),
                device.getValue(),
                precision.getValue());
        // the same memory estimate as the command line: refuse what would not fit, saying what would
        MemoryEstimate.checkTraining(spec);
        return spec;
    }

    /**
     * Fills the form from a spec (when a saved run is opened, or from a preset).
     *
     * @param spec the spec
     */
    public void setSpec(RunSpec spec) {
        theoryBox.setValue(spec.theoryKind());
        theorySheet.setValues(spec.theorySettings().asMap());
        flowBox.setValue(spec.flowKind());
        flowSheet.setValues(spec.flowSettings().asMap());
        lossBox.setValue(spec.lossKind());
        lossSheet.setValues(spec.lossSettings().asMap());
        trainingSheet.setValues(TrainingParams.values(spec.training()));
        device.setValue(spec.device());
        precision.setValue(spec.precision());
        check();
    }

    /**
     * Applies raw values by key to whichever sheet has the key, and selects theory, flow or loss
     * when the keys {@code theory}, {@code flow} or {@code loss} are present.
     *
     * @param values key to text
     */
    public void apply(Map<String, String> values) {
        if (values.containsKey("theory")) {
            theoryBox.setValue(Catalog.theory(values.get("theory")));
        }
        if (values.containsKey("flow")) {
            flowBox.setValue(Catalog.flow(values.get("flow")));
        }
        if (values.containsKey("loss")) {
            lossBox.setValue(Catalog.loss(values.get("loss")));
        }
        if (values.containsKey("precision")) {
            precision.setValue(Precision.parse(values.get("precision")));
        }
        theorySheet.setValues(values);
        if (flowSheet != null) {
            flowSheet.setValues(values);
        }
        lossSheet.setValues(values);
        trainingSheet.setValues(values);
        check();
    }

    /**
     * Whether the form describes a valid run.
     *
     * @return the property
     */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /**
     * The message under the form ("" when none).
     *
     * @return the text
     */
    public String formError() {
        return formError.getText();
    }

    /**
     * Shows a message under the form.
     *
     * @param message the message
     */
    public void showError(String message) {
        formError.setText(message);
    }

    /**
     * The selected theory.
     *
     * @return the theory
     */
    public TheoryKind theory() {
        return theoryBox.getValue();
    }

    /**
     * The selected flow kind.
     *
     * @return the flow (null while none is offered)
     */
    public FlowKind flow() {
        return flowBox.getValue();
    }

    /**
     * Locks or unlocks the form while a run is going.
     *
     * @param locked true to lock
     */
    public void setLocked(boolean locked) {
        for (Node n : List.of(theoryBox, flowBox, lossBox, device, precision, presets)) {
            n.setDisable(locked);
        }
        theorySheet.setLocked(locked);
        if (flowSheet != null) {
            flowSheet.setLocked(locked);
        }
        lossSheet.setLocked(locked);
        trainingSheet.setLocked(locked);
    }
}
