package vsam.gui.form;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import vsam.api.config.ConfigBuilder;
import vsam.api.config.ConfigException;
import vsam.api.config.ConfigJson;
import vsam.api.config.DataConfig;
import vsam.api.config.MethodCatalogue;
import vsam.api.config.MethodKind;
import vsam.api.config.Recipe;
import vsam.api.config.RunConfig;
import vsam.api.config.Setting;
import vsam.api.config.Settings;
import vsam.api.model.ModelFile;
import vsam.data.DataCatalog;
import vsam.data.DataException;
import vsam.gui.run.BackendOption;

/**
 * The view-model of the configuration form: one text property per entry of the settings catalogue
 * ({@link Settings}), keyed by the setting's path (the same path {@link ConfigException#field()} names),
 * plus the runs folder. Every change re-validates through {@link ConfigBuilder}, as the command line
 * does, so the rules, defaults and messages are the same. The result is either a {@link RunConfig} or
 * the list of problems, first one per field, with the offending fields marked. Besides the
 * configuration it checks what the command line checks before a run: that the data folder exists and
 * that the backend and device are available.
 *
 * <p>Another method's fields are left out. A field hidden by its condition (AdamW's β while SGD is
 * chosen) keeps its value while that value is valid, and is left out otherwise: it cannot block a run
 * the user cannot see the reason for. When
 * the method or the data set changes, every field still at the old choice's default moves to the new
 * one's (ASAM's radius, CIFAR's augmentation); a value the user typed stays.
 *
 * <p>Uses JavaFX properties (javafx.base) for binding but no controls: it can be tested without a
 * toolkit. Call it on one thread (the JavaFX thread in the app).
 */
public final class ConfigForm {

    /** The folder run folders are created in (not part of the configuration). */
    public static final String RUNS_FOLDER = "runsFolder";

    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<Optional<RunConfig>> config = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ObservableSet<String> invalidFields = FXCollections.observableSet();
    private Optional<List<BackendOption>> backends = Optional.empty();
    private List<ConfigException> problems = List.of();
    private boolean loading;

    /** A form holding {@link RunConfig#defaults()} and runs folder {@code runs}; backends not probed yet. */
    public ConfigForm() {
        for (Setting<?> s : Settings.ALL) {
            fields.put(s.path(), new SimpleStringProperty(this, s.path(), ""));
        }
        fields.put(RUNS_FOLDER, new SimpleStringProperty(this, RUNS_FOLDER, "runs"));
        load(RunConfig.defaults());
        field(Settings.METHOD).addListener((obs, old, now) -> choiceChanged(new Choice(old, text(Settings.DATASET),
                text(Settings.MODEL)), new Choice(now, text(Settings.DATASET), text(Settings.MODEL))));
        field(Settings.DATASET).addListener((obs, old, now) -> choiceChanged(new Choice(text(Settings.METHOD), old,
                text(Settings.MODEL)), new Choice(text(Settings.METHOD), now, text(Settings.MODEL))));
        field(Settings.MODEL).addListener((obs, old, now) -> {
            choiceChanged(new Choice(text(Settings.METHOD), text(Settings.DATASET), old),
                    new Choice(text(Settings.METHOD), text(Settings.DATASET), now));
            modelChanged(now);
        });
        fields.values().forEach(p -> p.addListener((obs, old, now) -> validate()));
        validate();
    }

    /** The text of the field with key {@code key} (a setting's path, or {@link #RUNS_FOLDER}), for binding to a control. */
    public StringProperty field(String key) {
        StringProperty p = fields.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no form field '" + key + "'");
        }
        return p;
    }

    /** The text of setting {@code s}'s field. */
    public StringProperty field(Setting<?> s) {
        return field(s.path());
    }

    /** Every field key, in form order. */
    public Set<String> keys() {
        return fields.keySet();
    }

    /** The valid configuration, or empty while anything is invalid. */
    public ReadOnlyObjectProperty<Optional<RunConfig>> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** The current configuration, if valid. */
    public Optional<RunConfig> config() {
        return config.get();
    }

    /** Whether the form holds a valid configuration with an available backend. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The problems, one per line; empty when valid. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The problems found by the last validation. */
    public List<ConfigException> problems() {
        return problems;
    }

    /** Keys of the fields that are wrong, for marking the controls. */
    public ObservableSet<String> invalidFields() {
        return invalidFields;
    }

    /** The folder new run folders go in. */
    public Path runsFolder() {
        return Path.of(fields.get(RUNS_FOLDER).get().strip());
    }

    /** The backends the probe found (empty list: none found); until called, the form says it is still probing. */
    public void setBackends(List<BackendOption> options) {
        this.backends = Optional.of(List.copyOf(options));
        String b = text(Settings.BACKEND_ID);
        String d = text(Settings.DEVICE);
        if (BackendOption.problem(options, b, d).isPresent()) {
            // The configured choice is not usable here: move to the first one that is, if any.
            options.stream().filter(BackendOption::available).findFirst().ifPresent(o -> {
                loading = true;
                field(Settings.BACKEND_ID).set(o.backend());
                field(Settings.DEVICE).set(o.device());
                loading = false;
            });
        }
        validate();
    }

    /** The probe's results, once known. */
    public Optional<List<BackendOption>> backends() {
        return backends;
    }

    /** The keys of the fields that belong to method family {@code family} (ρ, vSAM's K, ...), in form order. */
    public static List<String> methodFields(String family) {
        try {
            return MethodCatalogue.byFamily(family).settings().stream().map(Setting::path).toList();
        } catch (ConfigException e) {
            return List.of();
        }
    }

    /** Whether the form shows setting {@code s} now: it applies to the chosen method and its condition holds. */
    public boolean shows(Setting<?> s) {
        return appliesNow(s) && s.shown().map(c -> c.texts().contains(text(c.on()).strip())).orElse(true);
    }

    private boolean appliesNow(Setting<?> s) {
        Optional<String> family = family();
        return !s.isMethodSpecific() || (family.isPresent() && s.appliesTo(family.get()));
    }

    private static boolean parses(Setting<?> s, String text) {
        try {
            s.parse(text);
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    /** Sets every field from {@code c} (the runs folder is kept). */
    public void load(RunConfig c) {
        loading = true;
        try {
            Map<String, Object> tree = ConfigJson.toTree(c);
            String family = c.method().kind().family();
            for (Setting<?> s : Settings.ALL) {
                if (s.appliesTo(family) || !s.isMethodSpecific()) {
                    field(s).set(s.text(tree));
                } else if (field(s).get().isEmpty()) {
                    String first = MethodCatalogue.families().stream().filter(s::appliesTo).findFirst().orElseThrow();
                    field(s).set(defaultText(s, first, c.data().dataset(), c.model()));
                }
            }
        } finally {
            loading = false;
        }
        validate();
    }

    /**
     * Loads {@code recipe} on top of the form's configuration (the defaults while it is invalid): the
     * recipe's settings replace the fields it fixes, the others stay (see {@link Recipe#apply}).
     */
    public void applyRecipe(Recipe recipe) {
        load(recipe.apply(config().orElseGet(RunConfig::defaults)));
    }

    /**
     * A model file that names its init scheme sets the init field to it, as it sets the run's
     * (docs/ARCHITECTURE.md, "Model files"); changing the field afterwards is then the conflict the
     * form reports.
     */
    private void modelChanged(String model) {
        if (loading || model == null || !model.strip().endsWith(".json")) {
            return;
        }
        try {
            ModelFile file = ModelFile.read(Path.of(model.strip()));
            file.init().ifPresent(i -> field(Settings.INIT).set(Settings.INIT.type().format(i)));
            file.quantization().ifPresent(q -> field(Settings.QUANTIZE).set(q.format()));
        } catch (ConfigException | InvalidPathException e) {
            // validate() reports what is wrong with the file
        }
    }

    /** The three fields the other defaults depend on, as typed. */
    private record Choice(String method, String dataset, String model) {
        boolean complete() {
            return method != null && dataset != null && model != null;
        }
    }

    /** A field at the old method's, data set's or model's default follows to the new one's. */
    private void choiceChanged(Choice old, Choice now) {
        if (loading || !old.complete() || !now.complete()) {
            return;
        }
        Optional<String> before = familyOf(old.method());
        Optional<String> after = familyOf(now.method());
        if (before.isEmpty() || after.isEmpty() || !DataConfig.DATASETS.contains(old.dataset().strip())
                || !DataConfig.DATASETS.contains(now.dataset().strip())) {
            return;
        }
        for (Setting<?> s : Settings.ALL) {
            if (s == Settings.METHOD || s == Settings.DATASET || s == Settings.SAM_K || s == Settings.MODEL
                    || !s.appliesTo(before.get()) || !s.appliesTo(after.get())) {
                continue;
            }
            String oldDefault = defaultText(s, before.get(), old.dataset().strip(), old.model().strip());
            String newDefault = defaultText(s, after.get(), now.dataset().strip(), now.model().strip());
            if (!oldDefault.equals(newDefault) && field(s).get().strip().equals(oldDefault)) {
                field(s).set(newDefault);
            }
        }
    }

    private static String defaultText(Setting<?> s, String family, String dataset, String model) {
        return s.text(ConfigJson.toTree(RunConfig.defaults(MethodCatalogue.byFamily(family).defaultName(), dataset, model)));
    }

    /** Re-validates every field; called on every change. */
    public void validate() {
        if (loading) {
            return;
        }
        ConfigBuilder builder = new ConfigBuilder();
        for (Setting<?> s : Settings.ALL) {
            String text = text(s);
            if (!appliesNow(s) || (s.type().isOptional() && text.isBlank())) {
                continue;
            }
            if (shows(s) || parses(s, text)) {
                builder.set(s, text); // a hidden field keeps its value while valid, and cannot block a run
            }
        }
        ConfigBuilder.Outcome outcome = builder.outcome();
        List<ConfigException> found = new ArrayList<>();
        Set<String> bad = new LinkedHashSet<>();
        for (ConfigException e : outcome.problems()) {
            if (bad.add(keyOf(e.field()))) {
                found.add(e);
            }
        }
        outcome.config().ifPresent(c -> dataFolderProblem(c.data()).ifPresent(msg -> {
            found.add(new ConfigException(Settings.DATA_DIR.path(), msg));
            bad.add(Settings.DATA_DIR.path());
        }));
        String backend = text(Settings.BACKEND_ID);
        String device = text(Settings.DEVICE);
        if (!bad.contains(Settings.BACKEND_ID.path()) && !bad.contains(Settings.DEVICE.path())) {
            Optional<String> problem = backends.isEmpty() ? Optional.of("finding the backends (probing their devices)…")
                    : BackendOption.problem(backends.get(), backend, device);
            problem.ifPresent(msg -> {
                found.add(new ConfigException(Settings.BACKEND_ID.path(), msg));
                bad.add(Settings.BACKEND_ID.path());
            });
        }
        runsFolderProblem(field(RUNS_FOLDER).get()).ifPresent(msg -> {
            found.add(new ConfigException(RUNS_FOLDER, msg));
            bad.add(RUNS_FOLDER);
        });
        problems = List.copyOf(found);
        invalidFields.retainAll(bad);
        invalidFields.addAll(bad);
        error.set(String.join("\n", found.stream().map(Throwable::getMessage).toList()));
        config.set(found.isEmpty() ? outcome.config() : Optional.empty());
        valid.set(found.isEmpty() && outcome.config().isPresent());
    }

    private static Optional<String> dataFolderProblem(DataConfig data) {
        try {
            DataCatalog.forConfig(data).searchPath(data.dataset());
            return Optional.empty();
        } catch (DataException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> runsFolderProblem(String text) {
        if (text.isBlank()) {
            return Optional.of("invalid runsFolder: (empty) (allowed: a folder name)");
        }
        try {
            Path p = Path.of(text.strip());
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return Optional.of(p + ": the runs folder is a file, not a folder");
            }
            return Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.of("invalid runsFolder: '" + text + "' (allowed: a folder name; " + e.getReason() + ")");
        }
    }

    /**
     * The form key of a problem's field: the setting whose path is the longest prefix of it
     * ({@code method.vsam.warmup.unit} is the warm-up field's); SAM-k's period, part of {@code method.name},
     * is the k field's while SAM-k is chosen.
     */
    private String keyOf(String field) {
        if (field.equals(Settings.METHOD.path()) && family().filter(MethodCatalogue.SAM_K_FAMILY::equals).isPresent()) {
            return Settings.SAM_K.path();
        }
        String best = field;
        int length = -1;
        for (Setting<?> s : Settings.ALL) {
            if ((field.equals(s.path()) || field.startsWith(s.path() + ".")) && s.path().length() > length) {
                best = s.path();
                length = s.path().length();
            }
        }
        return best;
    }

    /** The chosen method's family, if the method field names one. */
    private Optional<String> family() {
        return familyOf(text(Settings.METHOD));
    }

    private static Optional<String> familyOf(String method) {
        try {
            String m = method.strip();
            return Optional.of(m.equals(MethodCatalogue.SAM_K_FAMILY) ? m : MethodCatalogue.kind(MethodCatalogue.normalise(m)).family());
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /** The method families the form offers, in catalogue order. */
    public static List<String> methods() {
        return MethodCatalogue.KINDS.stream().map(MethodKind::family).toList();
    }

    private String text(Setting<?> s) {
        String v = field(s).get();
        return v == null ? "" : v;
    }
}
