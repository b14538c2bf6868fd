package vsam.gui.form;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import vsam.api.config.DataConfig;
import vsam.api.config.Recipe;
import vsam.api.config.RunConfig;
import vsam.gui.files.FileDialogs;
import vsam.gui.run.BackendOption;

/**
 * The configuration form: backend and device (from the probe; unavailable ones disabled with the
 * reason), model and data, the method with its own hyper-parameters, training and optimizer, and where
 * run folders go. Every control is bound to a {@link ConfigForm} field; fields that fail validation are
 * outlined in red with the message as tooltip, and all messages are listed under the form.
 *
 * <p>Controls have ids made from the field keys with dots replaced by dashes ({@code #epochs},
 * {@code #optimizer-learningRate}, {@code #method-vsam-window}), for tests and style sheets.
 */
public final class ConfigView extends VBox {

    private final ConfigForm form;
    private final FileDialogs dialogs;
    private final Map<String, Control> controls = new HashMap<>();
    private final Map<String, String> hints = new HashMap<>();
    private final ComboBox<BackendOption> backendBox = new ComboBox<>();
    private final Label backendDetail = new Label();
    private final GridPane methodGrid = grid();
    private final GridPane optimizerGrid = grid();
    private final GridPane scheduleGrid = grid();
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
        getChildren().addAll(section("Backend", backendSection()), section("Model and data", dataSection()),
                section("Method", methodSection()), section("Training", trainingSection()),
                section("Output", outputSection()), errors);
        errors.setId("formError");
        errors.getStyleClass().add("form-error");
        errors.setWrapText(true);
        errors.textProperty().bind(form.errorProperty());
        errors.visibleProperty().bind(form.errorProperty().isNotEmpty());
        errors.managedProperty().bind(errors.visibleProperty());
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
                form.field(ConfigForm.BACKEND).set(now.backend());
                form.field(ConfigForm.DEVICE).set(now.device());
            }
            showBackendDetail();
        });
        form.field(ConfigForm.BACKEND).addListener((obs, old, now) -> selectBackendFromForm());
        form.field(ConfigForm.DEVICE).addListener((obs, old, now) -> selectBackendFromForm());
        controls.put(ConfigForm.BACKEND, backendBox);
        controls.put(ConfigForm.DEVICE, backendBox);
        hints.put(ConfigForm.BACKEND, "Backends found at run time; unavailable devices are listed with the reason.");
        backendDetail.setId("backendDetail");
        backendDetail.setWrapText(true);
        backendDetail.getStyleClass().add("hint");
        g.add(new Label("Backend / device"), 0, 0);
        g.add(backendBox, 1, 0);
        g.add(backendDetail, 0, 1, 2, 1);
        addText(g, 2, "Threads", ConfigForm.THREADS, "CPU threads of the backend; 0 = its default.");
        return g;
    }

    private Node dataSection() {
        GridPane g = grid();
        addChoice(g, 0, "Model", ConfigForm.MODEL, RunConfig.MODELS, "mlp, cnn-s or resnet18 (the same spec on every backend).");
        addText(g, 1, "Quantize", ConfigForm.QUANTIZE,
                "Quantization-aware training (LSQ): none, or w<bits>a<bits> like w4a4 or w2a2/fp (first and last layer at 8 bits, or /fp).");
        addChoice(g, 2, "Initialisation", ConfigForm.INIT, List.of("pytorch", "he"),
                "pytorch: torch.nn's defaults, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) weights and biases; he: He-normal, zero biases (the old default).");
        addChoice(g, 3, "Data set", ConfigForm.DATASET, DataConfig.DATASETS,
                "fashion-mnist falls back to the embedded subset when no files are installed.");
        TextField dir = text(ConfigForm.DATA_DIR, "Folder holding the data set files; empty = $VSAM_DATA and the known locations.");
        dir.setPromptText("known locations");
        Button choose = new Button("…");
        choose.setId("chooseDataDir");
        choose.setTooltip(new Tooltip("Choose the data folder"));
        choose.setOnAction(e -> dialogs.chooseFolder("Data folder").ifPresent(p -> form.field(ConfigForm.DATA_DIR).set(p.toString())));
        HBox row = new HBox(4, dir, choose);
        HBox.setHgrow(dir, Priority.ALWAYS);
        g.add(new Label("Data folder"), 0, 4);
        g.add(row, 1, 4);
        addText(g, 5, "Training subset", ConfigForm.TRAIN_SUBSET, "Use only the first N training images; 0 = all.");
        addText(g, 6, "Label noise", ConfigForm.LABEL_NOISE, "Probability of replacing a training label by another class, in [0, 1).");
        addText(g, 7, "Noise seed", ConfigForm.NOISE_SEED, "Seed of the label noise.");
        addCheck(g, 8, "Augment", ConfigForm.AUGMENT, "Random crop with padding and horizontal flip (on by default for CIFAR).");
        addText(g, 9, "Cutout", ConfigForm.CUTOUT, "Zero a random NxN square of a training image with probability 0.5 (after crop, flip and normalisation); 0 = off.");
        HBox recipes = new HBox(4);
        for (Recipe r : Recipe.values()) {
            Button b = new Button(r.id());
            b.setId("recipe-" + r.id());
            b.setTooltip(new Tooltip("Load the " + r.id() + " recipe into the form (method and backend stay)."));
            b.setOnAction(e -> form.applyRecipe(r));
            recipes.getChildren().add(b);
        }
        g.add(new Label("Recipe"), 0, 10);
        g.add(recipes, 1, 10);
        return g;
    }

    private Node methodSection() {
        VBox box = new VBox(4);
        GridPane top = grid();
        addChoice(top, 0, "Method", ConfigForm.METHOD, ConfigForm.METHODS,
                "sgd, sam, asam, vsam, sam-k (SAM every k-th step), looksam, rst, aesam.");
        // Every method field gets its control once; the grid shows the current method's.
        text(ConfigForm.SAM_K, "SAM-k: a SAM step every k-th iteration (the method is named sam-<k>).");
        text(ConfigForm.RHO, "Perturbation radius ρ (0.05 for SAM-like methods, 2.0 for ASAM).");
        text(ConfigForm.LOOKSAM_K, "LookSAM: SAM every k-th step.");
        text(ConfigForm.LOOKSAM_ALPHA, "LookSAM: weight α of the stored orthogonal component.");
        text(ConfigForm.RST_P, "RST: probability p of a SAM step (the final one for the linear schedule).");
        choice(ConfigForm.RST_SCHEDULE, List.of("constant", "linear"), "RST: p constant, or rising linearly to p.");
        text(ConfigForm.AESAM_DELTA, "AE-SAM: EMA decay δ of the gradient-norm statistics.");
        text(ConfigForm.AESAM_LAMBDA1, "AE-SAM: threshold factor λ₁ at the end of training.");
        text(ConfigForm.AESAM_LAMBDA2, "AE-SAM: threshold factor λ₂ at the start of training.");
        text(ConfigForm.WINDOW, "vSAM: K, iterations per sampling window (>= 2).");
        text(ConfigForm.BLOCKS, "vSAM: B, blocks of the sorted-block variance; a divisor of K, at most K/2.");
        text(ConfigForm.ALPHA1, "vSAM: α₁, gain on the trend of the PSF/gradient ratio r.");
        text(ConfigForm.ALPHA2, "vSAM: α₂, gain on the trend of the variation v.");
        text(ConfigForm.GAMMA, "vSAM: γ, decay of the reused PSF; 0 disables reuse.");
        text(ConfigForm.REUSE_HORIZON, "vSAM: the reused PSF is dropped after this many non-sampling steps.");
        text(ConfigForm.MAX_FRACTION, "vSAM: upper bound of s/K, in (0, 1].");
        text(ConfigForm.STATS_SCOPE, "vSAM: the last this-many parameter tensors feed the statistics; 0 = all.");
        text(ConfigForm.VSAM_WARMUP, "vSAM: full-SAM warm-up: auto (max(K, 1.5% of the run)), <n>ep or <n>it.");
        text(ConfigForm.INITIAL_S, "vSAM: s, SAM steps per window, at the end of the warm-up.");
        text(ConfigForm.GAIN_HORIZON, "vSAM refinement: run length (iterations) the gains were tuned for; 0 = paper rule.");
        form.field(ConfigForm.METHOD).addListener((obs, old, now) -> showMethodFields());
        showMethodFields();
        box.getChildren().addAll(top, methodGrid);
        return box;
    }

    private void showMethodFields() {
        methodGrid.getChildren().clear();
        String method = form.field(ConfigForm.METHOD).get();
        int row = 0;
        for (String key : ConfigForm.methodFields(method == null ? "" : method)) {
            methodGrid.add(new Label(label(key)), 0, row);
            methodGrid.add(controls.get(key), 1, row);
            row++;
        }
    }

    private Node trainingSection() {
        VBox box = new VBox(4);
        GridPane g = grid();
        addText(g, 0, "Epochs", ConfigForm.EPOCHS, "Passes over the training set, 1 to 100000.");
        addText(g, 1, "Batch size", ConfigForm.BATCH_SIZE, "Examples per step, 1 to 65536.");
        addText(g, 2, "Seed", ConfigForm.SEED, "Seed of the initial weights, data order, augmentation and sampling decisions.");
        addText(g, 3, "Label smoothing", ConfigForm.LABEL_SMOOTHING, "ε of the training loss, in [0, 1).");
        addChoice(g, 4, "Smoothing convention", ConfigForm.SMOOTHING, List.of("uniform", "others"),
                "uniform: 1-ε+ε/C on the label, ε/C elsewhere (PyTorch); others: 1-ε on the label, ε/(C-1) elsewhere (the SAM authors').");
        addChoice(g, 5, "Base optimizer", ConfigForm.OPTIMIZER, List.of("sgd", "adamw"), "The optimizer the method wraps.");
        addText(g, 6, "Learning rate", ConfigForm.LEARNING_RATE, "Peak learning rate η, > 0.");
        text(ConfigForm.MOMENTUM, "SGD momentum μ in [0, 1).");
        text(ConfigForm.WEIGHT_DECAY, "Weight decay in [0, 1) (decoupled for AdamW).");
        check(ConfigForm.NESTEROV, "Nesterov momentum (SGD; needs momentum > 0).");
        text(ConfigForm.BETA1, "AdamW β₁ in [0, 1).");
        text(ConfigForm.BETA2, "AdamW β₂ in [0, 1).");
        text(ConfigForm.EPSILON, "AdamW ε > 0.");
        GridPane s = grid();
        addChoice(s, 0, "LR schedule", ConfigForm.SCHEDULE, List.of("constant", "cosine", "step"),
                "Per-iteration schedule: constant, cosine to 0, or step decay.");
        text(ConfigForm.LR_WARMUP, "Linear learning-rate warm-up from 0, in epochs (0 = none).");
        text(ConfigForm.STEP_EPOCHS, "Step schedule: epochs between decays.");
        text(ConfigForm.STEP_FACTOR, "Step schedule: decay factor in (0, 1].");
        form.field(ConfigForm.OPTIMIZER).addListener((obs, old, now) -> showOptimizerFields());
        form.field(ConfigForm.SCHEDULE).addListener((obs, old, now) -> showScheduleFields());
        showOptimizerFields();
        showScheduleFields();
        box.getChildren().addAll(g, optimizerGrid, s, scheduleGrid);
        return box;
    }

    private void showOptimizerFields() {
        boolean adam = "adamw".equals(form.field(ConfigForm.OPTIMIZER).get());
        fill(optimizerGrid, adam ? List.of(ConfigForm.WEIGHT_DECAY, ConfigForm.BETA1, ConfigForm.BETA2, ConfigForm.EPSILON)
                : List.of(ConfigForm.MOMENTUM, ConfigForm.WEIGHT_DECAY, ConfigForm.NESTEROV));
    }

    private void showScheduleFields() {
        boolean step = "step".equals(form.field(ConfigForm.SCHEDULE).get());
        fill(scheduleGrid, step ? List.of(ConfigForm.LR_WARMUP, ConfigForm.STEP_EPOCHS, ConfigForm.STEP_FACTOR)
                : List.of(ConfigForm.LR_WARMUP));
    }

    private void fill(GridPane g, List<String> keys) {
        g.getChildren().clear();
        int row = 0;
        for (String key : keys) {
            g.add(new Label(label(key)), 0, row);
            g.add(controls.get(key), 1, row);
            row++;
        }
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
        String b = form.field(ConfigForm.BACKEND).get();
        String d = form.field(ConfigForm.DEVICE).get();
        syncingBackend = true;
        backendBox.getItems().stream().filter(o -> o.backend().equals(b) && o.device().equals(d)).findFirst()
                .ifPresentOrElse(backendBox::setValue, () -> backendBox.setValue(null));
        syncingBackend = false;
        showBackendDetail();
    }

    private void showBackendDetail() {
        BackendOption o = backendBox.getValue();
        if (o == null) {
            String b = form.field(ConfigForm.BACKEND).get();
            String d = form.field(ConfigForm.DEVICE).get();
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
                    || (c == backendBox && form.invalidFields().contains(ConfigForm.DEVICE));
            if (c == backendBox && !bad) {
                bad = form.invalidFields().contains(ConfigForm.BACKEND);
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

    private void addText(GridPane g, int row, String label, String key, String hint) {
        g.add(new Label(label), 0, row);
        g.add(text(key, hint), 1, row);
    }

    private void addChoice(GridPane g, int row, String label, String key, List<String> items, String hint) {
        g.add(new Label(label), 0, row);
        g.add(choice(key, items, hint), 1, row);
    }

    private void addCheck(GridPane g, int row, String label, String key, String hint) {
        g.add(new Label(label), 0, row);
        g.add(check(key, hint), 1, row);
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

    private static String label(String key) {
        return switch (key) {
            case ConfigForm.SAM_K -> "k (SAM period)";
            case ConfigForm.RHO -> "ρ (radius)";
            case ConfigForm.LOOKSAM_K -> "k (SAM period)";
            case ConfigForm.LOOKSAM_ALPHA -> "α (reuse weight)";
            case ConfigForm.RST_P -> "p (SAM probability)";
            case ConfigForm.RST_SCHEDULE -> "p schedule";
            case ConfigForm.AESAM_DELTA -> "δ (EMA decay)";
            case ConfigForm.AESAM_LAMBDA1 -> "λ₁ (end)";
            case ConfigForm.AESAM_LAMBDA2 -> "λ₂ (start)";
            case ConfigForm.WINDOW -> "K (window)";
            case ConfigForm.BLOCKS -> "B (blocks)";
            case ConfigForm.ALPHA1 -> "α₁ (ratio gain)";
            case ConfigForm.ALPHA2 -> "α₂ (variation gain)";
            case ConfigForm.GAMMA -> "γ (reuse decay)";
            case ConfigForm.REUSE_HORIZON -> "Reuse horizon";
            case ConfigForm.MAX_FRACTION -> "Max s/K";
            case ConfigForm.STATS_SCOPE -> "Stats scope";
            case ConfigForm.VSAM_WARMUP -> "Warm-up";
            case ConfigForm.INITIAL_S -> "Initial s";
            case ConfigForm.GAIN_HORIZON -> "Gain horizon";
            case ConfigForm.MOMENTUM -> "Momentum";
            case ConfigForm.WEIGHT_DECAY -> "Weight decay";
            case ConfigForm.NESTEROV -> "Nesterov";
            case ConfigForm.BETA1 -> "β₁";
            case ConfigForm.BETA2 -> "β₂";
            case ConfigForm.EPSILON -> "ε";
            case ConfigForm.LR_WARMUP -> "LR warm-up (ep)";
            case ConfigForm.STEP_EPOCHS -> "Step every (ep)";
            case ConfigForm.STEP_FACTOR -> "Step factor";
            default -> key;
        };
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
