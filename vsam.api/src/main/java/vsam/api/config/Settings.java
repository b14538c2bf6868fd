package vsam.api.config;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vsam.api.config.Setting.Section;
import vsam.api.model.InitScheme;
import vsam.api.model.ModelFile;
import vsam.api.model.Models;
import vsam.api.model.Quantization;
import vsam.api.network.LossOptions;

/**
 * The settings catalogue: every configuration field of a run, once, in the order the help lists them and
 * problems are reported (docs/ARCHITECTURE.md, "Adding a setting"). The command line's options
 * ({@code vsam train/compare/demo}), the desktop form's fields and validation, the experiment's overrides
 * and the records' own range checks read these entries; JSON reading and writing follow the records.
 *
 * <p>Defaults are not repeated here: they are the values of {@link RunConfig#defaults(String, String)}, so a
 * default that depends on another field (the radius on the method, augmentation on the data set) is
 * written once, in the record that owns it ({@link #defaultText}).
 */
public final class Settings {

    private Settings() {
    }

    // Backend

    public static final Setting<String> BACKEND_ID = Setting.at("backend", SettingType.TEXT).option("--backend")
            .label("Backend").in(Section.BACKEND).help("Backend id (see 'vsam backends').");
    public static final Setting<String> DEVICE = Setting.at("device", SettingType.TEXT).option("--device")
            .label("Device").in(Section.BACKEND).help("Device: cpu or cuda:N.");
    public static final Setting<Integer> THREADS = Setting.at("threads", SettingType.INT).option("--threads")
            .label("Threads").in(Section.BACKEND).allowed(Allowed.between(0, 1024)).help("CPU threads of the backend; 0 = its default.");

    // Model and data

    public static final Setting<String> MODEL = Setting.at("model", SettingType.oneOf(() -> Models.IDS)).option("--model")
            .label("Model").in(Section.DATA)
            .allowed(new Allowed<>(v -> Models.IDS.contains(v) || v.endsWith(".json"),
                    "one of " + String.join(", ", Models.IDS) + ", or a model file (.json)"))
            .help("A built-in model (mlp, cnn-s, resnet18; 'vsam models' lists them), or a model file (.json) in the "
                    + "format 'vsam models show cnn-s' prints; the run folder keeps the file's contents. A file that names "
                    + "an \"init\" scheme sets the run's --init.")
            .bound(new Setting.Binding<>() {
                public String read(Map<String, Object> tree) {
                    if (tree.get("modelFile") instanceof Map<?, ?> file && file.get("source") instanceof String source
                            && source.endsWith(".json")) {
                        return source; // a model file's run reads as the file it came from
                    }
                    return Models.baseId((String) tree.get("model"));
                }

                public void write(Map<String, Object> tree, String value) {
                    if (value.endsWith(".json")) {
                        java.nio.file.Path file = java.nio.file.Path.of(value);
                        ModelFile read = ModelFile.read(file);
                        tree.put("modelFile", read.treeWithSource());
                        tree.put("model", Models.quantizedId(ModelFile.nameOf(file), read.quantization().or(() -> quantizationIn(tree))));
                        // a file that names its init scheme fixes the run's (docs/ARCHITECTURE.md, "Model files")
                        read.init().ifPresent(scheme -> INIT.write(tree, scheme));
                    } else {
                        tree.put("modelFile", Json.NULL);
                        tree.put("model", Models.quantizedId(value, quantizationIn(tree)));
                    }
                }
            });
    public static final Setting<Optional<Quantization>> QUANTIZE = Setting.at("quantize", QuantizationText.TYPE)
            .option("--quantize").label("Quantize").in(Section.DATA)
            .help("Quantization-aware training with LSQ: none, or w<bits>a<bits> for weights and activations (bits 2, 3, 4, 8), "
                    + "optionally /<bits> or /fp for the first and last layer (default 8), e.g. w4a4, w2a2/fp. "
                    + "The model id becomes <model>+<quantization>.")
            .bound(new Setting.Binding<>() {
                public Optional<Quantization> read(Map<String, Object> tree) {
                    return quantizationIn(tree);
                }

                public void write(Map<String, Object> tree, Optional<Quantization> value) {
                    tree.put("model", Models.quantizedId(Models.baseId((String) tree.get("model")), value));
                }
            });
    public static final Setting<InitScheme> INIT = Setting.at("init", SettingType.choice(InitScheme.class)).option("--init")
            .label("Initialisation").in(Section.DATA)
            .help("pytorch: torch.nn's defaults, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) weights and biases; "
                    + "he: He-normal, zero biases (the old default); trunc_normal: timm's N(0, 0.02^2) truncated at 2 sigma, "
                    + "zero biases (the vision transformers' default).");
    public static final Setting<String> DATASET = Setting.at("data.dataset", SettingType.oneOf(() -> DataConfig.DATASETS))
            .option("--dataset").label("Data set").in(Section.DATA)
            .help("fashion-mnist, mnist, cifar10, cifar100, embedded (a 6,000-image Fashion-MNIST subset inside the program), "
                    + "images: an image folder of your own (--data-dir DIR with train/<class>/*.png|jpg and test/<class>/...), "
                    + "or csv: a table of your own (--data-dir DIR with train.csv and test.csv, a header row, numeric features).");
    public static final Setting<Optional<String>> DATA_DIR = Setting.at("data.dataDir", SettingType.OPTIONAL_TEXT)
            .option("--data-dir").label("Data folder").in(Section.DATA)
            .help("Folder holding the data set files; empty = $VSAM_DATA, then the known locations.");
    public static final Setting<Integer> TRAIN_SUBSET = Setting.at("data.trainSubset", SettingType.INT).option("--train-subset")
            .label("Training subset").in(Section.DATA).allowed(Allowed.atLeast(0)).help("Use only the first N training images; 0 = all.");
    public static final Setting<Double> LABEL_NOISE = Setting.at("data.labelNoise", SettingType.DOUBLE).option("--label-noise")
            .label("Label noise").in(Section.DATA).allowed(Allowed.halfOpen(0, 1))
            .help("Probability of replacing a training label by another class, in [0, 1).");
    public static final Setting<Long> NOISE_SEED = Setting.at("data.noiseSeed", SettingType.LONG).option("--noise-seed")
            .label("Noise seed").in(Section.DATA).help("Seed of the label noise.");
    public static final Setting<Boolean> AUGMENT = Setting.at("data.augment", SettingType.BOOLEAN).option("--augment")
            .label("Augment").in(Section.DATA).help("Random crop with padding and horizontal flip.");
    public static final Setting<Integer> CUTOUT = Setting.at("data.cutout", SettingType.INT).option("--cutout")
            .label("Cutout").in(Section.DATA).allowed(Allowed.between(0, 4096))
            .help("Zero a random NxN square of a training image with probability 0.5 (after crop, flip and normalisation); 0 = off.");

    public static final Setting<Integer> IMAGE_SIZE = Setting.at("data.imageSize", SettingType.INT).option("--image-size")
            .label("Image size").in(Section.DATA).allowed(new Allowed<>(v -> v == 28 || v == 32, "28 or 32"))
            .shownWhen(DATASET, DataConfig.IMAGE_FOLDER)
            .help("--dataset images: every image is scaled to this side, 28 or 32 pixels.");
    public static final Setting<Integer> IMAGE_CHANNELS = Setting.at("data.channels", SettingType.INT).option("--channels")
            .label("Channels").in(Section.DATA).allowed(new Allowed<>(v -> v == 1 || v == 3, "1 (gray) or 3 (RGB)"))
            .shownWhen(DATASET, DataConfig.IMAGE_FOLDER)
            .help("--dataset images: 1 reads the images as gray, 3 as RGB.");
    public static final Setting<String> LABEL_COLUMN = Setting.at("data.labelColumn", SettingType.TEXT).option("--label-column")
            .label("Label column").in(Section.DATA).shownWhen(DATASET, DataConfig.TABLE)
            .help("--dataset csv: the header name of the column holding the class (any text; sorted classes); "
                    + "every other column is a numeric feature.");

    // Method

    public static final Setting<String> METHOD = Setting.at("method.name", MethodNameText.TYPE).option("--method", "--optimizer")
            .label("Method").in(Section.METHOD)
            .help("One of " + MethodCatalogue.namesText() + " (the README's table says what each does).")
            .bound(new Setting.Binding<>() {
                public String read(Map<String, Object> tree) {
                    String name = (String) Setting.get(tree, "method.name");
                    return MethodCatalogue.kind(name).family();
                }

                public void write(Map<String, Object> tree, String value) {
                    String name = value;
                    if (value.equals(MethodCatalogue.SAM_K_FAMILY)) {
                        int k = MethodCatalogue.samPeriod((String) Setting.get(tree, "method.name"));
                        name = "sam-" + (k > 0 ? k : 5);
                    }
                    Setting.put(tree, "method.name", name);
                }
            });
    public static final Setting<Integer> SAM_K = Setting.at("method.samK", SettingType.INT).label("k (SAM period)")
            .in(Section.METHOD).methods(MethodCatalogue.SAM_K_FAMILY).allowed(Allowed.atLeast(1)).reportedAs("method.name")
            .help("SAM-k: a SAM step every k-th iteration (the method is named sam-<k>).")
            .bound(new Setting.Binding<>() {
                public Integer read(Map<String, Object> tree) {
                    int k = MethodCatalogue.samPeriod((String) Setting.get(tree, "method.name"));
                    return k > 0 ? k : 5;
                }

                public void write(Map<String, Object> tree, Integer k) {
                    Setting.put(tree, "method.name", "sam-" + k);
                }
            });
    public static final Setting<Double> RHO = Setting.at("method.rho", SettingType.DOUBLE).option("--rho")
            .label("ρ (radius)").in(Section.METHOD).perturbingMethods().allowed(Allowed.closed(0, 100))
            .help("Perturbation radius ρ (at the start of the run, when it has a schedule).");
    public static final Setting<MethodConfig.RhoSchedule> RHO_SCHEDULE = Setting.at("method.rhoSchedule",
                    SettingType.choice(MethodConfig.RhoSchedule.class)).option("--rho-schedule")
            .label("ρ schedule").in(Section.METHOD).perturbingMethods()
            .help("How ρ moves over the run: constant, linear or cosine from --rho to --rho-final. It changes the "
                    + "perturbation's size only, never what the sampling decisions see.");
    public static final Setting<Double> RHO_FINAL = Setting.at("method.rhoFinal", SettingType.DOUBLE).option("--rho-final")
            .label("Final ρ").in(Section.METHOD).perturbingMethods().allowed(Allowed.closed(0, 100))
            .shownWhen(RHO_SCHEDULE, "linear", "cosine").help("ρ at the end of the run, for the linear and cosine ρ schedules.");
    public static final Setting<Integer> LOOKSAM_K = Setting.at("method.looksam.period", SettingType.INT).option("--looksam-k")
            .label("k (SAM period)").in(Section.METHOD).methods("looksam").allowed(Allowed.atLeast(1)).help("LookSAM: SAM every k-th step.");
    public static final Setting<Double> LOOKSAM_ALPHA = Setting.at("method.looksam.alpha", SettingType.DOUBLE)
            .option("--looksam-alpha").label("α (reuse weight)").in(Section.METHOD).methods("looksam").allowed(Allowed.closed(0, 10))
            .help("LookSAM: weight α of the stored orthogonal component.");
    public static final Setting<Double> RST_P = Setting.at("method.rst.probability", SettingType.DOUBLE).option("--rst-p")
            .label("p (SAM probability)").in(Section.METHOD).methods("rst").allowed(Allowed.closed(0, 1))
            .help("RST: probability p of a SAM step (the final one for the linear schedule).");
    public static final Setting<RstConfig.Schedule> RST_SCHEDULE = Setting.at("method.rst.schedule",
                    SettingType.choice(RstConfig.Schedule.class)).option("--rst-schedule")
            .label("p schedule").in(Section.METHOD).methods("rst").help("RST: p constant, or rising linearly from 0 to p.");
    public static final Setting<Double> AESAM_DELTA = Setting.at("method.aesam.delta", SettingType.DOUBLE).option("--aesam-delta")
            .label("δ (EMA decay)").in(Section.METHOD).methods("aesam").allowed(Allowed.halfOpen(0, 1))
            .help("AE-SAM: EMA decay δ of the squared gradient norm's mean and variance.");
    public static final Setting<Double> AESAM_LAMBDA1 = Setting.at("method.aesam.lambda1", SettingType.DOUBLE)
            .option("--aesam-lambda1").label("λ₁ (end)").in(Section.METHOD).methods("aesam").allowed(Allowed.closed(-10, 10))
            .help("AE-SAM: threshold factor λ₁ at the end of training.");
    public static final Setting<Double> AESAM_LAMBDA2 = Setting.at("method.aesam.lambda2", SettingType.DOUBLE)
            .option("--aesam-lambda2").label("λ₂ (start)").in(Section.METHOD).methods("aesam").allowed(Allowed.closed(-10, 10))
            .help("AE-SAM: threshold factor λ₂ at the start of training.");
    public static final Setting<Integer> WINDOW = Setting.at("method.vsam.window", SettingType.INT).option("--window")
            .label("K (window)").in(Section.METHOD).methods("vsam", "vsam-budget").alsoAt("vsam-budget", "method.budget.window").allowed(Allowed.atLeast(2))
            .help("vSAM: K, iterations per sampling window (vsam-budget: between updates of its spending rate).");
    public static final Setting<Integer> BLOCKS = Setting.at("method.vsam.blocks", SettingType.INT).option("--blocks")
            .label("B (blocks)").in(Section.METHOD).methods("vsam", "vsam-budget").alsoAt("vsam-budget", "method.budget.blocks").allowed(Allowed.atLeast(1))
            .help("vSAM: B, blocks of the sorted-block variance; a divisor of K, at most K/2.");
    public static final Setting<Double> ALPHA1 = Setting.at("method.vsam.alpha1", SettingType.DOUBLE).option("--alpha1")
            .label("α₁ (ratio gain)").in(Section.METHOD).methods("vsam", "vsam-budget").alsoAt("vsam-budget", "method.budget.alpha1").allowed(Allowed.closed(0, 10))
            .help("vSAM: α₁, gain on the trend of the PSF/gradient ratio r.");
    public static final Setting<Double> ALPHA2 = Setting.at("method.vsam.alpha2", SettingType.DOUBLE).option("--alpha2")
            .label("α₂ (variation gain)").in(Section.METHOD).methods("vsam", "vsam-budget").alsoAt("vsam-budget", "method.budget.alpha2").allowed(Allowed.closed(0, 10))
            .help("vSAM: α₂, gain on the trend of the variation v.");
    public static final Setting<Double> GAMMA = Setting.at("method.vsam.gamma", SettingType.DOUBLE).option("--gamma")
            .label("γ (reuse decay)").in(Section.METHOD).methods("vsam", "vsam-budget").alsoAt("vsam-budget", "method.budget.gamma").allowed(Allowed.halfOpen(0, 1))
            .help("vSAM: γ, decay of the reused PSF; 0 disables reuse.");
    public static final Setting<Integer> REUSE_HORIZON = Setting.at("method.vsam.reuseHorizon", SettingType.INT)
            .option("--reuse-horizon").label("Reuse horizon").in(Section.METHOD).methods("vsam", "vsam-budget").alsoAt("vsam-budget", "method.budget.reuseHorizon").allowed(Allowed.atLeast(0))
            .help("vSAM: the reused PSF is dropped after this many non-sampling steps.");
    public static final Setting<Double> SAM_BUDGET = Setting.at("method.budget.samBudget", SettingType.DOUBLE)
            .option("--sam-budget").label("SAM budget").in(Section.METHOD).methods("vsam-budget")
            .allowed(Allowed.openClosed(0, 1))
            .help("vsam-budget: the share of the run's iterations that are SAM steps (passes per step about 1 + F), met "
                    + "to within one step; the warm-up counts towards it.");
    public static final Setting<Double> MAX_FRACTION = Setting.at("method.vsam.maxSamplingFraction", SettingType.DOUBLE)
            .option("--max-sampling-fraction").label("Max s/K").in(Section.METHOD).methods("vsam").allowed(Allowed.openClosed(0, 1))
            .help("vSAM: upper bound of s/K, in (0, 1].");
    public static final Setting<Warmup> VSAM_WARMUP = Setting.at("method.vsam.warmup", SettingType.WARMUP).option("--vsam-warmup")
            .label("Warm-up").in(Section.METHOD).methods("vsam", "vsam-budget").alsoAt("vsam-budget", "method.budget.warmup")
            .help("vSAM: full-SAM warm-up: auto (max(K, 1.5% of the run)), <n>ep (epochs) or <n>it (iterations).");
    public static final Setting<Double> INITIAL_S = Setting.at("method.vsam.initialS", SettingType.DOUBLE).option("--initial-s")
            .label("Initial s").in(Section.METHOD).methods("vsam").help("vSAM: s, SAM steps per window, at the end of the warm-up.");
    public static final Setting<Long> GAIN_HORIZON = Setting.at("method.vsam.gainHorizon", SettingType.LONG)
            .option("--gain-horizon").label("Gain horizon").in(Section.METHOD).methods("vsam").allowed(Allowed.atLeast(0))
            .help("vSAM refinement for short runs: the run length (iterations) the gains were tuned for; a shorter run "
                    + "compounds each window's update of s to match. 0 = the paper's rule.");

    // Base optimizer

    public static final Setting<vsam.api.config.OptimizerConfig.Kind> OPTIMIZER_KIND = Setting.at("optimizer.kind",
                    SettingType.choice(OptimizerConfig.Kind.class)).option("--base-optimizer")
            .label("Base optimizer").in(Section.OPTIMIZER).help("The optimizer the method wraps: sgd or adamw.");
    public static final Setting<Double> LEARNING_RATE = Setting.at("optimizer.learningRate", SettingType.DOUBLE).option("--lr")
            .label("Learning rate").in(Section.OPTIMIZER).allowed(Allowed.positive()).help("Peak learning rate η, > 0.");
    public static final Setting<Double> MOMENTUM = Setting.at("optimizer.momentum", SettingType.DOUBLE).option("--momentum")
            .label("Momentum").in(Section.OPTIMIZER).allowed(Allowed.halfOpen(0, 1)).shownWhen(OPTIMIZER_KIND, "sgd")
            .help("SGD momentum μ in [0, 1).");
    public static final Setting<Double> WEIGHT_DECAY = Setting.at("optimizer.weightDecay", SettingType.DOUBLE)
            .option("--weight-decay").label("Weight decay").in(Section.OPTIMIZER).allowed(Allowed.halfOpen(0, 1))
            .help("Weight decay in [0, 1) (decoupled for AdamW).");
    public static final Setting<Boolean> NESTEROV = Setting.at("optimizer.nesterov", SettingType.BOOLEAN).option("--nesterov")
            .label("Nesterov").in(Section.OPTIMIZER).shownWhen(OPTIMIZER_KIND, "sgd").help("Nesterov momentum (SGD; needs momentum > 0).");
    public static final Setting<Double> BETA1 = Setting.at("optimizer.beta1", SettingType.DOUBLE).option("--beta1")
            .label("β₁").in(Section.OPTIMIZER).allowed(Allowed.halfOpen(0, 1)).shownWhen(OPTIMIZER_KIND, "adamw").help("AdamW β₁ in [0, 1).");
    public static final Setting<Double> BETA2 = Setting.at("optimizer.beta2", SettingType.DOUBLE).option("--beta2")
            .label("β₂").in(Section.OPTIMIZER).allowed(Allowed.halfOpen(0, 1)).shownWhen(OPTIMIZER_KIND, "adamw").help("AdamW β₂ in [0, 1).");
    public static final Setting<Double> EPSILON = Setting.at("optimizer.epsilon", SettingType.DOUBLE).option("--adam-eps")
            .label("ε").in(Section.OPTIMIZER).allowed(Allowed.positive()).shownWhen(OPTIMIZER_KIND, "adamw").help("AdamW ε > 0.");
    public static final Setting<Double> CLIP_GRAD_NORM = Setting.at("optimizer.clipGradNorm", SettingType.DOUBLE)
            .option("--clip-grad-norm").label("Clip grad norm").in(Section.OPTIMIZER).allowed(Allowed.nonNegative())
            .help("Scale the gradient the base optimizer receives down to this global L2 norm when it is longer "
                    + "(SAM's perturbed gradient on SAM steps; the clean gradient that sets the perturbation and the "
                    + "statistics stays unclipped); 0 = off.");

    // Learning-rate schedule

    public static final Setting<ScheduleConfig.Kind> SCHEDULE_KIND = Setting.at("schedule.kind",
                    SettingType.choice(ScheduleConfig.Kind.class)).option("--schedule")
            .label("LR schedule").in(Section.SCHEDULE).help("Per-iteration learning-rate schedule: constant, cosine to 0, or step decay.");
    public static final Setting<Double> LR_WARMUP = Setting.at("schedule.warmupEpochs", SettingType.DOUBLE)
            .option("--lr-warmup-epochs").label("LR warm-up (ep)").in(Section.SCHEDULE).allowed(Allowed.nonNegative())
            .help("Linear learning-rate warm-up from 0, in epochs (0 = none).");
    public static final Setting<Integer> STEP_EPOCHS = Setting.at("schedule.stepEpochs", SettingType.INT).option("--step-epochs")
            .label("Step every (ep)").in(Section.SCHEDULE).allowed(Allowed.atLeast(1)).shownWhen(SCHEDULE_KIND, "step")
            .help("Step schedule: epochs between decays.");
    public static final Setting<Double> STEP_FACTOR = Setting.at("schedule.stepFactor", SettingType.DOUBLE).option("--step-factor")
            .label("Step factor").in(Section.SCHEDULE).allowed(Allowed.openClosed(0, 1)).shownWhen(SCHEDULE_KIND, "step")
            .help("Step schedule: decay factor in (0, 1].");

    // Training

    public static final Setting<Integer> EPOCHS = Setting.at("epochs", SettingType.INT).option("--epochs").label("Epochs")
            .in(Section.TRAINING).allowed(Allowed.between(1, 100_000)).help("Passes over the training set, 1 to 100000.");
    public static final Setting<Integer> BATCH_SIZE = Setting.at("batchSize", SettingType.INT).option("--batch-size")
            .label("Batch size").in(Section.TRAINING).allowed(Allowed.between(1, 65_536)).help("Examples per step, 1 to 65536.");
    public static final Setting<Long> SEED = Setting.at("seed", SettingType.LONG).option("--seed").label("Seed").in(Section.TRAINING)
            .help("Seed of the initial weights, data order, augmentation and sampling decisions.");
    public static final Setting<Double> LABEL_SMOOTHING = Setting.at("labelSmoothing", SettingType.DOUBLE)
            .option("--label-smoothing").label("Label smoothing").in(Section.TRAINING).allowed(Allowed.halfOpen(0, 1))
            .help("ε of the training loss, in [0, 1).");
    public static final Setting<LossOptions.Convention> SMOOTHING = Setting.at("smoothing",
                    SettingType.choice(LossOptions.Convention.class)).option("--label-smoothing-convention")
            .label("Smoothing convention").in(Section.TRAINING)
            .help("uniform: 1-ε+ε/C on the label, ε/C elsewhere (PyTorch); others: 1-ε on the label, ε/(C-1) elsewhere "
                    + "(the SAM authors').");
    public static final Setting<Integer> STATS_SCOPE = Setting.at("method.statsScope", SettingType.INT).option("--stats-scope")
            .label("Stats scope").in(Section.TRAINING).allowed(Allowed.atLeast(0))
            .help("The last N parameter tensors feed the norms each step reports and vSAM's statistics; 0 = all.");

    /** Every setting, in catalogue order. */
    public static final List<Setting<?>> ALL = List.of(BACKEND_ID, DEVICE, THREADS, MODEL, QUANTIZE, INIT, DATASET, DATA_DIR,
            TRAIN_SUBSET, LABEL_NOISE, NOISE_SEED, AUGMENT, CUTOUT, IMAGE_SIZE, IMAGE_CHANNELS, LABEL_COLUMN, METHOD, SAM_K, RHO, RHO_SCHEDULE, RHO_FINAL, LOOKSAM_K,
            LOOKSAM_ALPHA, RST_P, RST_SCHEDULE, AESAM_DELTA, AESAM_LAMBDA1, AESAM_LAMBDA2, WINDOW, BLOCKS, ALPHA1, ALPHA2, GAMMA,
            REUSE_HORIZON, SAM_BUDGET, MAX_FRACTION, VSAM_WARMUP, INITIAL_S, GAIN_HORIZON, OPTIMIZER_KIND, LEARNING_RATE, MOMENTUM,
            WEIGHT_DECAY, NESTEROV, BETA1, BETA2, EPSILON, CLIP_GRAD_NORM, SCHEDULE_KIND, LR_WARMUP, STEP_EPOCHS, STEP_FACTOR,
            EPOCHS, BATCH_SIZE, SEED, LABEL_SMOOTHING, SMOOTHING, STATS_SCOPE);

    /** The setting whose {@link Setting#path()} is {@code path}. */
    public static Optional<Setting<?>> byPath(String path) {
        return ALL.stream().filter(s -> s.path().equals(path)).findFirst();
    }

    /** The settings of one section, in catalogue order. */
    public static List<Setting<?>> in(Setting.Section section) {
        return ALL.stream().filter(s -> s.section() == section).toList();
    }

    /**
     * The default of {@code s} as the help states it: its text in {@link RunConfig#defaults()}, followed by
     * the methods or data sets whose own default differs, e.g. {@code 0.05 (asam: 2)} or
     * {@code false (cifar10, cifar100: true)}.
     */
    public static String defaultText(Setting<?> s) {
        String dataset = RunConfig.defaults().data().dataset();
        String model = RunConfig.defaults().model();
        String defaultFamily = RunConfig.defaults().method().kind().family();
        List<String> families = MethodCatalogue.families().stream().filter(s::appliesTo).toList();
        String family = families.contains(defaultFamily) || families.isEmpty() ? defaultFamily : families.get(0);
        String reference = textFor(s, family, dataset, model);
        Map<String, List<String>> differing = new LinkedHashMap<>();
        if (s.isMethodSpecific()) {
            for (String f : families) {
                differing.computeIfAbsent(textFor(s, f, dataset, model), t -> new ArrayList<>()).add(f);
            }
        }
        for (String d : s == DATASET ? List.<String>of() : DataConfig.DATASETS) {
            differing.computeIfAbsent(textFor(s, family, d, model), t -> new ArrayList<>()).add(d);
        }
        for (String m : s == MODEL || s == QUANTIZE ? List.<String>of() : Models.IDS) {
            differing.computeIfAbsent(textFor(s, family, dataset, m), t -> new ArrayList<>()).add(m);
        }
        differing.remove(reference);
        StringBuilder out = new StringBuilder(reference.isEmpty() ? "none" : reference);
        if (!differing.isEmpty()) {
            List<String> parts = new ArrayList<>();
            differing.forEach((text, cases) -> parts.add(String.join(", ", cases) + ": " + text));
            out.append(" (").append(String.join("; ", parts)).append(')');
        }
        return out.toString();
    }

    /** The text of {@code s} in the defaults of a {@code family} run of {@code model} on {@code dataset}. */
    private static String textFor(Setting<?> s, String family, String dataset, String model) {
        return s.text(ConfigJson.toTree(RunConfig.defaults(MethodCatalogue.byFamily(family).defaultName(), dataset, model)));
    }

    private static Optional<Quantization> quantizationIn(Map<String, Object> tree) {
        return Models.quantizationOf((String) tree.get("model"));
    }

    /** The quantization field's text: {@code none} (or blank) for full precision, else {@link Quantization#format()}. */
    static final class QuantizationText {
        static final SettingType<Optional<Quantization>> TYPE = new SettingType<>(
                "none, or w<bits>a<bits>[/<bits>|/fp] with bits in 2, 3, 4, 8, e.g. w4a4 or w2a2/fp") {
            Optional<Quantization> parseStripped(String t) {
                if (t.isEmpty() || t.equalsIgnoreCase("none")) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Quantization.parse(t));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("quantize", "invalid quantize: '" + t + "' (" + e.getMessage() + ")");
                }
            }

            public String format(Optional<Quantization> v) {
                return v.map(Quantization::format).orElse("none");
            }

            Object toJson(Optional<Quantization> v) {
                throw new UnsupportedOperationException("the quantization is part of the model id");
            }

            Optional<Quantization> fromJson(Object json) {
                throw new UnsupportedOperationException("the quantization is part of the model id");
            }
        };
    }

    /** A method name: a family of {@link MethodCatalogue} or a {@code sam-<k>}; the form offers the families. */
    static final class MethodNameText {
        static final SettingType<String> TYPE = new SettingType.Text("a method name", MethodCatalogue::families) {
            @Override
            String parseStripped(String t) {
                if (t.equals(MethodCatalogue.SAM_K_FAMILY)) {
                    return t;
                }
                String name = MethodCatalogue.normalise(t);
                MethodCatalogue.kind(name);
                return name;
            }
        };
    }
}
