package vsam.gui.form;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
import vsam.api.config.ConfigException;
import vsam.api.config.DataConfig;
import vsam.api.config.MethodConfig;
import vsam.api.config.OptimizerConfig;
import vsam.api.config.Recipe;
import vsam.api.config.RunConfig;
import vsam.api.config.ScheduleConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;
import vsam.api.model.InitScheme;
import vsam.api.model.Models;
import vsam.api.model.Quantization;
import vsam.api.network.LossOptions;
import vsam.data.DataCatalog;
import vsam.data.DataException;
import vsam.gui.run.BackendOption;

/**
 * The view-model of the configuration form: one text property per field of {@link RunConfig} (keyed by
 * the field's dotted path, the same path {@link ConfigException#field()} names), re-validated on every
 * change by building the very records the command line builds, so the rules and messages are the
 * same. The result is either a {@link RunConfig} or the list of problems, first one per record, with
 * the offending fields marked. Besides the records it checks what the command line checks before a
 * run: that the data folder exists and that the backend and device are available.
 *
 * <p>Uses JavaFX properties (javafx.base) for binding but no controls: it can be tested without a
 * toolkit. Call it on one thread (the JavaFX thread in the app).
 */
public final class ConfigForm {

    /** Field keys: dotted paths of {@link RunConfig}. */
    public static final String BACKEND = "backend";
    /** Device, e.g. cpu. */
    public static final String DEVICE = "device";
    /** Backend CPU threads. */
    public static final String THREADS = "threads";
    /** Model id. */
    public static final String MODEL = "model";
    /**
     * Quantization-aware training of the model: empty or {@code none} for full precision, else the text
     * form of {@link Quantization} ({@code w4a4}, {@code w2a2/fp}); it becomes the model id's suffix
     * ({@code cnn-s+w4a4}).
     */
    public static final String QUANTIZE = "quantize";
    /** Initialisation scheme: {@code pytorch} or {@code he}. */
    public static final String INIT = "init";
    /** Data set name. */
    public static final String DATASET = "data.dataset";
    /** Data folder; empty for the known locations. */
    public static final String DATA_DIR = "data.dataDir";
    /** Training subset size. */
    public static final String TRAIN_SUBSET = "data.trainSubset";
    /** Label noise probability. */
    public static final String LABEL_NOISE = "data.labelNoise";
    /** Label noise seed. */
    public static final String NOISE_SEED = "data.noiseSeed";
    /** Crop-and-flip augmentation: {@code true} or {@code false}. */
    public static final String AUGMENT = "data.augment";
    /** Cutout side in pixels; 0 = off. */
    public static final String CUTOUT = "data.cutout";
    /** Epochs. */
    public static final String EPOCHS = "epochs";
    /** Batch size. */
    public static final String BATCH_SIZE = "batchSize";
    /** Run seed. */
    public static final String SEED = "seed";
    /** Label smoothing. */
    public static final String LABEL_SMOOTHING = "labelSmoothing";
    /** Label-smoothing convention: {@code uniform} or {@code others}. */
    public static final String SMOOTHING = "smoothing";
    /** Base optimizer: {@code sgd} or {@code adamw}. */
    public static final String OPTIMIZER = "optimizer.kind";
    /** Peak learning rate. */
    public static final String LEARNING_RATE = "optimizer.learningRate";
    /** SGD momentum. */
    public static final String MOMENTUM = "optimizer.momentum";
    /** Weight decay. */
    public static final String WEIGHT_DECAY = "optimizer.weightDecay";
    /** Nesterov momentum: {@code true} or {@code false}. */
    public static final String NESTEROV = "optimizer.nesterov";
    /** AdamW β₁. */
    public static final String BETA1 = "optimizer.beta1";
    /** AdamW β₂. */
    public static final String BETA2 = "optimizer.beta2";
    /** AdamW ε. */
    public static final String EPSILON = "optimizer.epsilon";
    /** Schedule: {@code constant}, {@code cosine} or {@code step}. */
    public static final String SCHEDULE = "schedule.kind";
    /** Learning-rate warm-up epochs. */
    public static final String LR_WARMUP = "schedule.warmupEpochs";
    /** Step schedule: epochs between decays. */
    public static final String STEP_EPOCHS = "schedule.stepEpochs";
    /** Step schedule: decay factor. */
    public static final String STEP_FACTOR = "schedule.stepFactor";
    /** Method: one of {@link MethodConfig#NAMES} ({@code sam-k} takes its period from {@link #SAM_K}). */
    public static final String METHOD = "method.name";
    /** SAM-k's k (part of the method name {@code sam-<k>}). */
    public static final String SAM_K = "method.samK";
    /** Perturbation radius. */
    public static final String RHO = "method.rho";
    /** LookSAM's k. */
    public static final String LOOKSAM_K = "method.lookSamPeriod";
    /** LookSAM's α. */
    public static final String LOOKSAM_ALPHA = "method.lookSamAlpha";
    /** RST's p. */
    public static final String RST_P = "method.rstProbability";
    /** RST's schedule: {@code constant} or {@code linear}. */
    public static final String RST_SCHEDULE = "method.rstSchedule";
    /** AE-SAM's δ. */
    public static final String AESAM_DELTA = "method.aesamDelta";
    /** AE-SAM's λ₁. */
    public static final String AESAM_LAMBDA1 = "method.aesamLambda1";
    /** AE-SAM's λ₂. */
    public static final String AESAM_LAMBDA2 = "method.aesamLambda2";
    /** vSAM's K. */
    public static final String WINDOW = "method.vsam.window";
    /** vSAM's B. */
    public static final String BLOCKS = "method.vsam.blocks";
    /** vSAM's α₁. */
    public static final String ALPHA1 = "method.vsam.alpha1";
    /** vSAM's α₂. */
    public static final String ALPHA2 = "method.vsam.alpha2";
    /** vSAM's γ. */
    public static final String GAMMA = "method.vsam.gamma";
    /** vSAM's reuse horizon. */
    public static final String REUSE_HORIZON = "method.vsam.reuseHorizon";
    /** vSAM's upper bound of s/K. */
    public static final String MAX_FRACTION = "method.vsam.maxSamplingFraction";
    /** vSAM's statistics scope. */
    public static final String STATS_SCOPE = "method.vsam.statsScope";
    /** vSAM's warm-up: {@code auto}, {@code <n>ep} or {@code <n>it}. */
    public static final String VSAM_WARMUP = "method.vsam.warmup";
    /** vSAM's initial s. */
    public static final String INITIAL_S = "method.vsam.initialS";
    /** vSAM's gain horizon (0 = the paper's controller). */
    public static final String GAIN_HORIZON = "method.vsam.gainHorizon";
    /** The folder run folders are created in (not part of the configuration). */
    public static final String RUNS_FOLDER = "runsFolder";

    /** The method names the form offers, {@code sam-k} standing for {@code sam-<k>}. */
    public static final List<String> METHODS = MethodConfig.NAMES;

    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final Map<String, String> defaultTexts = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<Optional<RunConfig>> config = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ObservableSet<String> invalidFields = FXCollections.observableSet();
    private Optional<List<BackendOption>> backends = Optional.empty();
    private List<ConfigException> problems = List.of();
    private boolean loading;

    /** A form holding {@link RunConfig#defaults()} and runs folder {@code runs}; backends not probed yet. */
    public ConfigForm() {
        for (String key : List.of(BACKEND, DEVICE, THREADS, MODEL, QUANTIZE, INIT, DATASET, DATA_DIR, TRAIN_SUBSET, LABEL_NOISE,
                NOISE_SEED, AUGMENT, CUTOUT, METHOD, SAM_K, RHO, LOOKSAM_K, LOOKSAM_ALPHA, RST_P, RST_SCHEDULE, AESAM_DELTA, AESAM_LAMBDA1,
                AESAM_LAMBDA2, WINDOW, BLOCKS, ALPHA1, ALPHA2, GAMMA, REUSE_HORIZON, MAX_FRACTION, STATS_SCOPE, VSAM_WARMUP,
                INITIAL_S, GAIN_HORIZON, EPOCHS, BATCH_SIZE, SEED, LABEL_SMOOTHING, SMOOTHING, OPTIMIZER, LEARNING_RATE, MOMENTUM, WEIGHT_DECAY,
                NESTEROV, BETA1, BETA2, EPSILON, SCHEDULE, LR_WARMUP, STEP_EPOCHS, STEP_FACTOR, RUNS_FOLDER)) {
            StringProperty p = new SimpleStringProperty(this, key, "");
            fields.put(key, p);
        }
        fields.get(RUNS_FOLDER).set("runs");
        fields.get(SAM_K).set("5");
        load(RunConfig.defaults());
        fields.forEach((k, v) -> defaultTexts.put(k, v.get()));
        fields.get(METHOD).addListener((obs, old, now) -> methodChanged(old, now));
        fields.get(DATASET).addListener((obs, old, now) -> {
            if (!loading && now != null) {
                fields.get(AUGMENT).set(Boolean.toString(now.startsWith("cifar")));
            }
        });
        fields.values().forEach(p -> p.addListener((obs, old, now) -> validate()));
        validate();
    }

    /** The text of field {@code key} (one of the constants above), for binding to a control. */
    public StringProperty field(String key) {
        StringProperty p = fields.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no form field '" + key + "'");
        }
        return p;
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
        String b = fields.get(BACKEND).get();
        String d = fields.get(DEVICE).get();
        if (BackendOption.problem(options, b, d).isPresent()) {
            // The configured choice is not usable here: move to the first one that is, if any.
            options.stream().filter(BackendOption::available).findFirst().ifPresent(o -> {
                loading = true;
                fields.get(BACKEND).set(o.backend());
                fields.get(DEVICE).set(o.device());
                loading = false;
            });
        }
        validate();
    }

    /** The probe's results, once known. */
    public Optional<List<BackendOption>> backends() {
        return backends;
    }

    /** The fields that apply to {@code method} beyond the method name (rho, vSAM's K, ...), in form order. */
    public static List<String> methodFields(String method) {
        return switch (method) {
            case "sgd" -> List.of();
            case "sam", "asam" -> List.of(RHO);
            case "sam-k" -> List.of(SAM_K, RHO);
            case "looksam" -> List.of(RHO, LOOKSAM_K, LOOKSAM_ALPHA);
            case "rst" -> List.of(RHO, RST_P, RST_SCHEDULE);
            case "aesam" -> List.of(RHO, AESAM_DELTA, AESAM_LAMBDA1, AESAM_LAMBDA2);
            case "vsam" -> List.of(RHO, WINDOW, BLOCKS, ALPHA1, ALPHA2, GAMMA, REUSE_HORIZON, MAX_FRACTION, STATS_SCOPE,
                    VSAM_WARMUP, INITIAL_S, GAIN_HORIZON);
            default -> List.of(RHO);
        };
    }

    /** Sets every field from {@code c} (the runs folder is kept). */
    public void load(RunConfig c) {
        loading = true;
        try {
            set(BACKEND, c.backend());
            set(DEVICE, c.device());
            set(THREADS, c.threads());
            set(MODEL, Models.baseId(c.model()));
            set(QUANTIZE, Models.quantizationOf(c.model()).map(Quantization::format).orElse(NO_QUANTIZATION));
            set(INIT, lower(c.init()));
            DataConfig d = c.data();
            set(DATASET, d.dataset());
            set(DATA_DIR, d.dataDir().orElse(""));
            set(TRAIN_SUBSET, d.trainSubset());
            set(LABEL_NOISE, d.labelNoise());
            set(NOISE_SEED, d.noiseSeed());
            set(AUGMENT, d.augment());
            set(CUTOUT, d.cutout());
            set(EPOCHS, c.epochs());
            set(BATCH_SIZE, c.batchSize());
            set(SEED, c.seed());
            set(LABEL_SMOOTHING, c.labelSmoothing());
            set(SMOOTHING, lower(c.smoothing()));
            OptimizerConfig o = c.optimizer();
            set(OPTIMIZER, lower(o.kind()));
            set(LEARNING_RATE, o.learningRate());
            set(MOMENTUM, o.momentum());
            set(WEIGHT_DECAY, o.weightDecay());
            set(NESTEROV, o.nesterov());
            set(BETA1, o.beta1());
            set(BETA2, o.beta2());
            set(EPSILON, o.epsilon());
            ScheduleConfig s = c.schedule();
            set(SCHEDULE, lower(s.kind()));
            set(LR_WARMUP, s.warmupEpochs());
            set(STEP_EPOCHS, s.stepEpochs());
            set(STEP_FACTOR, s.stepFactor());
            MethodConfig m = c.method();
            if (m.samPeriod().isPresent()) {
                set(METHOD, "sam-k");
                set(SAM_K, m.samPeriod().getAsInt());
            } else {
                set(METHOD, m.name());
            }
            set(RHO, m.rho());
            set(LOOKSAM_K, m.lookSamPeriod());
            set(LOOKSAM_ALPHA, m.lookSamAlpha());
            set(RST_P, m.rstProbability());
            set(RST_SCHEDULE, lower(m.rstSchedule()));
            set(AESAM_DELTA, m.aesamDelta());
            set(AESAM_LAMBDA1, m.aesamLambda1());
            set(AESAM_LAMBDA2, m.aesamLambda2());
            VsamConfig v = m.vsam();
            set(WINDOW, v.window());
            set(BLOCKS, v.blocks());
            set(ALPHA1, v.alpha1());
            set(ALPHA2, v.alpha2());
            set(GAMMA, v.gamma());
            set(REUSE_HORIZON, v.reuseHorizon());
            set(MAX_FRACTION, v.maxSamplingFraction());
            set(STATS_SCOPE, v.statsScope());
            set(VSAM_WARMUP, warmupText(v.warmup()));
            set(INITIAL_S, v.initialS());
            set(GAIN_HORIZON, v.gainHorizon());
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

    /** The text the form shows for a warm-up: {@code auto}, {@code 2.5ep} or {@code 300it}. */
    public static String warmupText(Warmup w) {
        return switch (w.unit()) {
            case AUTO -> "auto";
            case EPOCHS -> number(w.amount()) + "ep";
            case ITERATIONS -> (long) w.amount() + "it";
        };
    }

    private void methodChanged(String old, String now) {
        if (loading || old == null || now == null || old.equals(now)) {
            return;
        }
        // A radius left at the old method's default follows the new method's default (ASAM's is 2.0).
        double oldDefault = defaultRho(old);
        try {
            if (Double.parseDouble(fields.get(RHO).get().strip()) == oldDefault) {
                fields.get(RHO).set(number(defaultRho(now)));
            }
        } catch (NumberFormatException e) {
            // an unparsable radius stays as typed, marked invalid
        }
    }

    private static double defaultRho(String method) {
        return "asam".equals(method) ? MethodConfig.DEFAULT_ASAM_RHO : MethodConfig.DEFAULT_RHO;
    }

    /** Re-validates every field; called on every change. */
    public void validate() {
        if (loading) {
            return;
        }
        Parser p = new Parser();
        String backend = p.text(BACKEND);
        String device = p.text(DEVICE);
        int threads = p.integer(THREADS);
        Optional<Quantization> quantization = p.parse(QUANTIZE, ConfigForm::quantization, Optional.empty());
        String model = Models.quantizedId(p.text(MODEL), quantization);
        InitScheme init = p.choice(INIT, InitScheme.class);
        String dataset = p.text(DATASET);
        String dataDir = p.text(DATA_DIR).strip();
        int trainSubset = p.integer(TRAIN_SUBSET);
        double labelNoise = p.decimal(LABEL_NOISE);
        long noiseSeed = p.longInteger(NOISE_SEED);
        boolean augment = p.bool(AUGMENT);
        int cutout = p.integer(CUTOUT);
        int epochs = p.integer(EPOCHS);
        int batchSize = p.integer(BATCH_SIZE);
        long seed = p.longInteger(SEED);
        double labelSmoothing = p.decimal(LABEL_SMOOTHING);
        LossOptions.Convention smoothing = p.choice(SMOOTHING, LossOptions.Convention.class);
        OptimizerConfig.Kind kind = p.choice(OPTIMIZER, OptimizerConfig.Kind.class);
        double lr = p.decimal(LEARNING_RATE);
        double momentum = p.decimal(MOMENTUM);
        double weightDecay = p.decimal(WEIGHT_DECAY);
        boolean nesterov = p.bool(NESTEROV);
        double beta1 = p.decimal(BETA1);
        double beta2 = p.decimal(BETA2);
        double epsilon = p.decimal(EPSILON);
        ScheduleConfig.Kind scheduleKind = p.choice(SCHEDULE, ScheduleConfig.Kind.class);
        double lrWarmup = p.decimal(LR_WARMUP);
        int stepEpochs = p.integer(STEP_EPOCHS);
        double stepFactor = p.decimal(STEP_FACTOR);
        String method = p.text(METHOD);
        int samK = method.equals("sam-k") ? p.integer(SAM_K) : 5;
        double rho = p.decimal(RHO);
        int lookK = p.integer(LOOKSAM_K);
        double lookAlpha = p.decimal(LOOKSAM_ALPHA);
        double rstP = p.decimal(RST_P);
        MethodConfig.RstSchedule rstSchedule = p.choice(RST_SCHEDULE, MethodConfig.RstSchedule.class);
        double delta = p.decimal(AESAM_DELTA);
        double lambda1 = p.decimal(AESAM_LAMBDA1);
        double lambda2 = p.decimal(AESAM_LAMBDA2);
        int window = p.integer(WINDOW);
        int blocks = p.integer(BLOCKS);
        double alpha1 = p.decimal(ALPHA1);
        double alpha2 = p.decimal(ALPHA2);
        double gamma = p.decimal(GAMMA);
        int horizon = p.integer(REUSE_HORIZON);
        double maxFraction = p.decimal(MAX_FRACTION);
        int statsScope = p.integer(STATS_SCOPE);
        Warmup warmup = p.parse(VSAM_WARMUP, Warmup::parse, Warmup.auto());
        double initialS = p.decimal(INITIAL_S);
        long gainHorizon = p.longInteger(GAIN_HORIZON);
        String runsFolder = p.text(RUNS_FOLDER);

        List<ConfigException> found = new ArrayList<>(p.errors);
        Set<String> bad = new java.util.LinkedHashSet<>(p.badKeys);
        RunConfig defaults = RunConfig.defaults();
        // Each record is built on its own, so one bad field does not hide the problems of the others.
        VsamConfig vsam = build(found, bad, () -> new VsamConfig(window, blocks, alpha1, alpha2, gamma, horizon, maxFraction,
                statsScope, warmup, initialS, gainHorizon), defaults.method().vsam());
        String methodName = method.equals("sam-k") ? "sam-" + samK : method;
        MethodConfig methodConfig = build(found, bad, () -> new MethodConfig(methodName, rho, lookK, lookAlpha, rstP,
                rstSchedule, delta, lambda1, lambda2, vsam), defaults.method());
        OptimizerConfig optimizer = build(found, bad, () -> new OptimizerConfig(kind, lr, momentum, weightDecay, nesterov,
                beta1, beta2, epsilon), defaults.optimizer());
        ScheduleConfig schedule = build(found, bad, () -> new ScheduleConfig(scheduleKind, lrWarmup, stepEpochs, stepFactor),
                defaults.schedule());
        DataConfig data = build(found, bad, () -> new DataConfig(dataset, dataDir.isEmpty() ? Optional.empty()
                : Optional.of(dataDir), trainSubset, labelNoise, noiseSeed, augment, cutout), defaults.data());
        RunConfig run = build(found, bad, () -> new RunConfig(backend, device, threads, model, init, data, epochs, batchSize,
                seed, labelSmoothing, smoothing, optimizer, schedule, methodConfig), null);
        if (!bad.contains(DATA_DIR) && !bad.contains(DATASET)) {
            try {
                DataCatalog.forConfig(data).searchPath(data.dataset());
            } catch (DataException e) {
                found.add(new ConfigException(DATA_DIR, e.getMessage()));
                bad.add(DATA_DIR);
            }
        }
        if (!bad.contains(BACKEND) && !bad.contains(DEVICE)) {
            Optional<String> problem = backends.isEmpty() ? Optional.of("finding the backends (probing their devices)…")
                    : BackendOption.problem(backends.get(), backend, device);
            problem.ifPresent(msg -> {
                found.add(new ConfigException(BACKEND, msg));
                bad.add(BACKEND);
            });
        }
        if (!bad.contains(RUNS_FOLDER)) {
            runsFolderProblem(runsFolder).ifPresent(msg -> {
                found.add(new ConfigException(RUNS_FOLDER, msg));
                bad.add(RUNS_FOLDER);
            });
        }
        if (method.equals("sam-k") && bad.remove(METHOD)) {
            bad.add(SAM_K); // SAM-k's period is part of the method name: the k field is the one to fix
        }
        problems = List.copyOf(found);
        invalidFields.retainAll(bad);
        invalidFields.addAll(bad);
        error.set(String.join("\n", found.stream().map(Throwable::getMessage).toList()));
        config.set(found.isEmpty() ? Optional.ofNullable(run) : Optional.empty());
        valid.set(found.isEmpty() && run != null);
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

    private interface RecordBuilder<R> {
        R build();
    }

    /**
     * Builds a record; on a validation error records it (unless its field failed to parse, which is
     * reported already) and returns the fallback, so the records after it are still checked.
     */
    private static <R> R build(List<ConfigException> found, Set<String> bad, RecordBuilder<R> builder, R fallback) {
        try {
            return builder.build();
        } catch (ConfigException e) {
            String key = keyOf(e.field());
            if (!bad.contains(key)) {
                found.add(e);
                bad.add(key);
            }
            return fallback;
        }
    }

    /** The quantize field's text for full precision. */
    public static final String NO_QUANTIZATION = "none";

    /** The quantize field read: empty for {@code none} or blank, else the parsed quantization. */
    private static Optional<Quantization> quantization(String text) {
        if (text.isBlank() || text.strip().equalsIgnoreCase(NO_QUANTIZATION)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quantization.parse(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(QUANTIZE, e.getMessage().replaceFirst("^bad quantization", "invalid quantize:"));
        }
    }

    /** The form key of a record field path. */
    private static String keyOf(String field) {
        return field.startsWith(VSAM_WARMUP) ? VSAM_WARMUP : field;
    }

    /** Parses field texts, collecting a {@link ConfigException} per unparsable field. */
    private final class Parser {
        final List<ConfigException> errors = new ArrayList<>();
        final Set<String> badKeys = new java.util.LinkedHashSet<>();

        String text(String key) {
            String v = fields.get(key).get();
            return v == null ? "" : v;
        }

        int integer(String key) {
            return parse(key, t -> Integer.parseInt(t.strip()), 0, "an integer");
        }

        long longInteger(String key) {
            return parse(key, t -> Long.parseLong(t.strip()), 0L, "an integer");
        }

        double decimal(String key) {
            return parse(key, t -> Double.parseDouble(t.strip()), 0.0, "a number");
        }

        boolean bool(String key) {
            String t = text(key).strip();
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
            fail(key, new ConfigException(key, "'" + t + "'", "true or false"));
            return Boolean.parseBoolean(defaultTexts.getOrDefault(key, "false"));
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String t = text(key).strip();
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            fail(key, new ConfigException(key, "'" + t + "'", "one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(ConfigForm::lower).toList())));
            return type.getEnumConstants()[0];
        }

        <T> T parse(String key, Function<String, T> parser, T fallback, String allowed) {
            String t = text(key);
            try {
                if (t.isBlank()) {
                    throw new NumberFormatException("empty");
                }
                return parser.apply(t);
            } catch (NumberFormatException e) {
                fail(key, new ConfigException(key, t.isBlank() ? "(empty)" : "'" + t + "'", allowed));
                return fallback(key, parser, fallback);
            }
        }

        <T> T parse(String key, Function<String, T> parser, T fallback) {
            try {
                return parser.apply(text(key));
            } catch (ConfigException e) {
                fail(key, e);
                return fallback(key, parser, fallback);
            }
        }

        /** The field's default value (so that records built with it report only their own problems). */
        private <T> T fallback(String key, Function<String, T> parser, T last) {
            String d = defaultTexts.get(key);
            if (d == null) {
                return last;
            }
            try {
                return parser.apply(d);
            } catch (RuntimeException e) {
                return last;
            }
        }

        private void fail(String key, ConfigException e) {
            errors.add(e);
            badKeys.add(key);
        }
    }

    private void set(String key, Object value) {
        fields.get(key).set(value instanceof Double d ? number(d) : String.valueOf(value));
    }

    /** A number as a person would type it: {@code 0.05}, {@code 0.0005}, {@code 10}, {@code 1.0E-8}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e9) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
