package vsam.gui.form;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vsam.api.config.Recipe;
import vsam.api.config.Setting;
import vsam.api.config.Setting.Section;
import vsam.api.config.Settings;
import vsam.gui.files.FileDialogs;
import vsam.gui.run.BackendOption;

/**
 * The configuration form, generated from the settings catalogue ({@link Settings}): a section per part
 * of the configuration (backend, model and data, method, training with its optimizer and schedule), a
 * control per setting (a check box for on/off, a drop-down for a fixed list, else a text field) with
 * the catalogue's label and help, and only the settings that apply now (the chosen method's, AdamW's
 * β only for AdamW; {@link ConfigForm#shows}). Backend and device share one drop-down from the probe
 * (unavailable ones disabled with the reason). Fields that fail validation are outlined in red with the
 * message as tooltip, and all messages are listed under the form.
 *
 * <p>Controls have ids made from the setting paths with dots replaced by dashes ({@code #epochs},
 * {@code #optimizer-learningRate}, {@code #method-vsam-window}), for tests and style sheets.
 */
public final class ConfigView extends VBox {

    private final ConfigForm form;
    private final FileDialogs dialogs;
    private final Map<String, Control> controls = new HashMap<>();
    private final Map<String, String> hints = new HashMap<>();
    private final ComboBox<BackendOption> backendBox = new ComboBox<>();
    private final Label backendDetail = new Label();
    private final List<SectionGrid> grids = new ArrayList<>();
    private final Label errors = new Label();
    private boolean syncingBackend;

    /**
     * @param form    the view-model
     * @param dialogs folder choosers for the data and runs folders
     */
    public ConfigView(ConfigForm form, FileDialogs dialogs) {
        this.form = form;
        this.dialogs = dialogs;
        setSpacing(6);
        setPadding(new Insets(8));
        getStyleClass().add("config-view");
        getChildren().addAll(section("Backend", backendSection()),
                section("Model and data", box(grid(Section.DATA), recipes())),
                section("Method", box(grid(Section.METHOD))),
                section("Training", box(grid(Section.TRAINING), grid(Section.OPTIMIZER), grid(Section.SCHEDULE))),
                section("Output", outputSection()), errors);
        errors.setId("formError");
        errors.getStyleClass().add("form-error");
        errors.setWrapText(true);
        errors.textProperty().bind(form.errorProperty());
        errors.visibleProperty().bind(form.errorProperty().isNotEmpty());
        errors.managedProperty().bind(errors.visibleProperty());
        // What is shown depends on the method and on the settings that conditions name.
        Set<Setting<?>> deciding = new HashSet<>();
        deciding.add(Settings.METHOD);
        Settings.ALL.forEach(s -> s.shown().ifPresent(c -> deciding.add(c.on())));
        deciding.forEach(d -> form.field(d).addListener((obs, old, now) -> refill()));
        refill();
        form.invalidFields().addListener((SetChangeListener<String>) change -> markInvalid());
        form.errorProperty().addListener((obs, old, now) -> markInvalid());
        markInvalid();
    }

    /** Shows the probe's results in the backend drop-down and hands them to the form. */
    public void setBackends(List<BackendOption> options) {
        syncingBackend = true;
        backendBox.setItems(FXCollections.observableArrayList(options));
        backendBox.setPromptText(options.isEmpty() ? "no backend found" : "choose a backend");
        syncingBackend = false;
        form.setBackends(options);
        selectBackendFromForm();
    }

    /** The control bound to field {@code key}, if the form shows one. */
    public Control control(String key) {
        return controls.get(key);
    }

    private Node backendSection() {
        GridPane g = grid();
        backendBox.setId("backend");
        backendBox.setPromptText("probing backends…");
        backendBox.setMaxWidth(Double.MAX_VALUE);
        backendBox.setCellFactory(list -> new BackendCell());
        backendBox.setButtonCell(new BackendCell());
        backendBox.valueProperty().addListener((obs, old, now) -> {
            if (!syncingBackend && now != null && now.available()) {
                form.field(Settings.BACKEND_ID).set(now.backend());
                form.field(Settings.DEVICE).set(now.device());
            }
            showBackendDetail();
        });
        form.field(Settings.BACKEND_ID).addListener((obs, old, now) -> selectBackendFromForm());
        form.field(Settings.DEVICE).addListener((obs, old, now) -> selectBackendFromForm());
        for (Setting<?> s : List.of(Settings.BACKEND_ID, Settings.DEVICE)) {
            controls.put(s.path(), backendBox);
        }
        hints.put(Settings.BACKEND_ID.path(), "Backends found at run time; unavailable devices are listed with the reason.");
        backendDetail.setId("backendDetail");
        backendDetail.setWrapText(true);
        backendDetail.getStyleClass().add("hint");
        g.add(new Label("Backend / device"), 0, 0);
        g.add(backendBox, 1, 0);
        g.add(backendDetail, 0, 1, 2, 1);
        SectionGrid rest = new SectionGrid(Settings.in(Section.BACKEND).stream()
                .filter(s -> s != Settings.BACKEND_ID && s != Settings.DEVICE).toList());
        return box(g, rest.pane);
    }

    private GridPane grid(Section section) {
        return new SectionGrid(Settings.in(section)).pane;
    }

    /** A section's settings in a two-column grid, refilled with the ones the form shows now. */
    private final class SectionGrid {
        final GridPane pane = ConfigView.grid();
        final List<Setting<?>> settings;
        final Map<Setting<?>, Node> rows = new HashMap<>();

        SectionGrid(List<Setting<?>> settings) {
            this.settings = settings;
            for (Setting<?> s : settings) {
                rows.put(s, row(s));
            }
            grids.add(this);
        }

        void refill() {
            pane.getChildren().clear();
            int row = 0;
            for (Setting<?> s : settings) {
                if (form.shows(s)) {
                    pane.add(new Label(s.label()), 0, row);
                    pane.add(rows.get(s), 1, row);
                    row++;
                }
            }
        }
    }

    private void refill() {
        grids.forEach(SectionGrid::refill);
    }

    /** The control of a setting; the data folder and the model get a chooser beside them. */
    private Node row(Setting<?> s) {
        Control c = control(s);
        if (s == Settings.MODEL) {
            ((ComboBox<?>) c).setEditable(true);
            Button file = new Button("from file…");
            file.setId("chooseModelFile");
            file.setTooltip(new Tooltip("Train a model file (vsam models show cnn-s prints one to start from)"));
            file.setOnAction(e -> dialogs.openFile("Model file", "json").ifPresent(p -> form.field(Settings.MODEL).set(p.toString())));
            HBox row = new HBox(4, c, file);
            HBox.setHgrow(c, Priority.ALWAYS);
            return row;
        }
        if (s != Settings.DATA_DIR) {
            return c;
        }
        ((TextField) c).setPromptText("known locations");
        Button choose = new Button("…");
        choose.setId("chooseDataDir");
        choose.setTooltip(new Tooltip("Choose the data folder"));
        choose.setOnAction(e -> dialogs.chooseFolder("Data folder").ifPresent(p -> form.field(Settings.DATA_DIR).set(p.toString())));
        HBox row = new HBox(4, c, choose);
        HBox.setHgrow(c, Priority.ALWAYS);
        return row;
    }

    private Control control(Setting<?> s) {
        if (s.type().isFlag()) {
            return check(s.path(), s.help());
        }
        List<String> choices = s == Settings.METHOD ? ConfigForm.methods() : s.type().choices();
        return choices.isEmpty() ? text(s.path(), s.help()) : choice(s.path(), choices, s.help());
    }

    private Node recipes() {
        HBox recipes = new HBox(4);
        for (Recipe r : Recipe.values()) {
            Button b = new Button(r.id());
            b.setId("recipe-" + r.id());
            b.setTooltip(new Tooltip("Load the " + r.id() + " recipe into the form (method and backend stay)."));
            b.setOnAction(e -> form.applyRecipe(r));
            recipes.getChildren().add(b);
        }
        GridPane g = grid();
        g.add(new Label("Recipe"), 0, 0);
        g.add(recipes, 1, 0);
        return g;
    }

    private static VBox box(Node... nodes) {
        return new VBox(4, nodes);
    }

    private Node outputSection() {
        GridPane g = grid();
        TextField runs = text(ConfigForm.RUNS_FOLDER, "Each run writes runs-folder/<date-time>-<method> (as 'vsam train').");
        Button choose = new Button("…");
        choose.setId("chooseRunsFolder");
        choose.setTooltip(new Tooltip("Choose the runs folder"));
        choose.setOnAction(e -> dialogs.chooseFolder("Runs folder").ifPresent(p -> form.field(ConfigForm.RUNS_FOLDER).set(p.toString())));
        HBox row = new HBox(4, runs, choose);
        HBox.setHgrow(runs, Priority.ALWAYS);
        g.add(new Label("Runs folder"), 0, 0);
        g.add(row, 1, 0);
        return g;
    }

    private void selectBackendFromForm() {
        String b = form.field(Settings.BACKEND_ID).get();
        String d = form.field(Settings.DEVICE).get();
        syncingBackend = true;
        backendBox.getItems().stream().filter(o -> o.backend().equals(b) && o.device().equals(d)).findFirst()
                .ifPresentOrElse(backendBox::setValue, () -> backendBox.setValue(null));
        syncingBackend = false;
        showBackendDetail();
    }

    private void showBackendDetail() {
        BackendOption o = backendBox.getValue();
        if (o == null) {
            String b = form.field(Settings.BACKEND_ID).get();
            String d = form.field(Settings.DEVICE).get();
            backendDetail.setText(form.backends().isEmpty() ? "probing backends…" : "configured: " + b + " · " + d);
        } else {
            backendDetail.setText(o.description() + " — " + o.device() + ": " + o.detail());
        }
    }

    private void markInvalid() {
        Map<String, String> messages = new HashMap<>();
        form.problems().forEach(p -> messages.putIfAbsent(p.field(), p.getMessage()));
        for (Map.Entry<String, Control> e : controls.entrySet()) {
            Control c = e.getValue();
            boolean bad = form.invalidFields().contains(e.getKey())
                    || (c == backendBox && form.invalidFields().contains(Settings.DEVICE.path()));
            if (c == backendBox && !bad) {
                bad = form.invalidFields().contains(Settings.BACKEND_ID.path());
            }
            if (bad) {
                if (!c.getStyleClass().contains("invalid")) {
                    c.getStyleClass().add("invalid");
                }
            } else {
                c.getStyleClass().remove("invalid");
            }
            String message = messages.get(e.getKey());
            String hint = hints.getOrDefault(e.getKey(), "");
            c.setTooltip(new Tooltip(bad && message != null ? message + "\n\n" + hint : hint));
        }
    }

    private static TitledPane section(String title, Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(true);
        p.setAnimated(false);
        return p;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints(118);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        g.getColumnConstraints().addAll(labels, fields);
        return g;
    }




    private TextField text(String key, String hint) {
        TextField t = new TextField();
        t.setPrefColumnCount(10);
        t.textProperty().bindBidirectional(form.field(key));
        register(key, t, hint);
        return t;
    }

    private ComboBox<String> choice(String key, List<String> items, String hint) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(items));
        c.setMaxWidth(Double.MAX_VALUE);
        c.valueProperty().bindBidirectional(form.field(key));
        register(key, c, hint);
        return c;
    }

    private CheckBox check(String key, String hint) {
        CheckBox c = new CheckBox();
        StringProperty field = form.field(key);
        c.setSelected(Boolean.parseBoolean(field.get()));
        c.selectedProperty().addListener((obs, old, now) -> field.set(Boolean.toString(now)));
        field.addListener((obs, old, now) -> c.setSelected(Boolean.parseBoolean(now)));
        register(key, c, hint);
        return c;
    }

    private void register(String key, Control c, String hint) {
        c.setId(key.replace('.', '-'));
        controls.put(key, c);
        hints.put(key, hint);
        c.setTooltip(new Tooltip(hint));
    }

    /** A drop-down line: the choice, greyed out and disabled with the reason when unavailable. */
    private static final class BackendCell extends ListCell<BackendOption> {
        @Override
        protected void updateItem(BackendOption o, boolean empty) {
            super.updateItem(o, empty);
            if (empty || o == null) {
                setText(null);
                setDisable(false);
                setTooltip(null);
                getStyleClass().remove("unavailable");
                return;
            }
            setText(o.available() ? o.label() : o.label() + " — unavailable: " + o.detail());
            setDisable(!o.available());
            setTooltip(new Tooltip(o.description() + "\n" + o.detail()));
            if (o.available()) {
                getStyleClass().remove("unavailable");
            } else if (!getStyleClass().contains("unavailable")) {
                getStyleClass().add("unavailable");
            }
        }
    }
}
