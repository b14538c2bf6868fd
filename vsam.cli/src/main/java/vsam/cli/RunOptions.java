package vsam.cli;

import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
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

/**
 * Every field of {@link RunConfig} as a command-line option, with the defaults of the CPU reference
 * setup (docs/ALGORITHMS.md, "Reference setups"). {@link #toConfig(String)} validates through the records, so
 * the messages are the same as everywhere else. With {@code --recipe}, the recipe's settings replace the
 * defaults of the options not given on the command line.
 */
final class RunOptions {

    private static final RunConfig D = RunConfig.defaults();
    private static final VsamConfig V = VsamConfig.defaults();

    /** The command this mixin belongs to (null when built by hand, as the demo does): tells which options were given. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--recipe", description = "A whole recipe in one word; options given beside it still win: "
            + "paper-cifar (the vSAM authors' CIFAR setup: resnet18, crop+flip+cutout 16, label smoothing 0.1 "
            + "'others', lr 0.05, weight decay 1e-3, cosine, batch 128, 200 epochs).")
    Optional<String> recipe = Optional.empty();

    @Option(names = "--backend", description = "Backend id (see 'vsam backends'). Default: ${DEFAULT-VALUE}.")
    String backend = D.backend();

    @Option(names = "--device", description = "Device: cpu or cuda:N. Default: ${DEFAULT-VALUE}.")
    String device = D.device();

    @Option(names = "--threads", description = "CPU threads of the backend; 0 = its default. Default: ${DEFAULT-VALUE}.")
    int threads = D.threads();

    @Option(names = "--model", description = "mlp, cnn-s or resnet18. Default: ${DEFAULT-VALUE}.")
    String model = D.model();

    @Option(names = "--init", description = "Initialisation: pytorch (torch.nn defaults: U(-1/sqrt(fan_in), "
            + "1/sqrt(fan_in)) weights and biases) or he (He-normal, zero biases; the old default). Default: ${DEFAULT-VALUE}.")
    String init = lower(D.init());

    @Option(names = "--quantize", description = "Quantization-aware training with LSQ: w<bits>a<bits> for weights and "
            + "activations (bits 2, 3, 4, 8), optionally /<bits> or /fp for the first and last layer (default 8), "
            + "e.g. w4a4, w2a2/fp. The model id becomes <model>+<quantization>.")
    Optional<String> quantize = Optional.empty();

    @Option(names = "--dataset", description = "fashion-mnist, mnist, cifar10, cifar100 or embedded. Default: ${DEFAULT-VALUE}.")
    String dataset = D.data().dataset();

    @Option(names = "--data-dir", description = "Folder holding the data set files (else $VSAM_DATA, then the known locations).")
    Optional<String> dataDir = Optional.empty();

    @Option(names = "--train-subset", description = "Use only the first N training images; 0 = all. Default: ${DEFAULT-VALUE}.")
    int trainSubset = D.data().trainSubset();

    @Option(names = "--label-noise", description = "Probability of replacing a training label by another class. Default: ${DEFAULT-VALUE}.")
    double labelNoise = D.data().labelNoise();

    @Option(names = "--noise-seed", description = "Seed of the label noise. Default: ${DEFAULT-VALUE}.")
    long noiseSeed = D.data().noiseSeed();

    @Option(names = "--augment", negatable = true, description = "Random crop and horizontal flip (default: on for CIFAR only).")
    Optional<Boolean> augment = Optional.empty();

    @Option(names = "--cutout", description = "Cutout: zero a random NxN square (after crop, flip and normalisation) "
            + "with probability 0.5; 0 = off. Default: ${DEFAULT-VALUE}.")
    int cutout = D.data().cutout();

    @Option(names = "--epochs", description = "Default: ${DEFAULT-VALUE}.")
    int epochs = D.epochs();

    @Option(names = "--batch-size", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize = D.batchSize();

    @Option(names = "--seed", description = "Seed of weights, data order, augmentation and sampling. Default: ${DEFAULT-VALUE}.")
    long seed = D.seed();

    @Option(names = "--label-smoothing", description = "Default: ${DEFAULT-VALUE}.")
    double labelSmoothing = D.labelSmoothing();

    @Option(names = "--label-smoothing-convention", description = "uniform (1-e+e/C on the label, e/C elsewhere; "
            + "PyTorch) or others (1-e on the label, e/(C-1) elsewhere; the SAM authors'). Default: ${DEFAULT-VALUE}.")
    String smoothing = lower(D.smoothing());

    @Option(names = "--base-optimizer", description = "The optimizer the method wraps: sgd or adamw. Default: ${DEFAULT-VALUE}.")
    String optimizer = "sgd";

    @Option(names = "--lr", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate = D.optimizer().learningRate();

    @Option(names = "--momentum", description = "SGD momentum. Default: ${DEFAULT-VALUE}.")
    double momentum = D.optimizer().momentum();

    @Option(names = "--weight-decay", description = "Default: ${DEFAULT-VALUE}.")
    double weightDecay = D.optimizer().weightDecay();

    @Option(names = "--nesterov", description = "Nesterov momentum for SGD.")
    boolean nesterov;

    @Option(names = "--beta1", description = "AdamW beta1. Default: ${DEFAULT-VALUE}.")
    double beta1 = D.optimizer().beta1();

    @Option(names = "--beta2", description = "AdamW beta2. Default: ${DEFAULT-VALUE}.")
    double beta2 = D.optimizer().beta2();

    @Option(names = "--adam-eps", description = "AdamW epsilon. Default: ${DEFAULT-VALUE}.")
    double adamEpsilon = D.optimizer().epsilon();

    @Option(names = "--schedule", description = "constant, cosine or step. Default: ${DEFAULT-VALUE}.")
    String schedule = "cosine";

    @Option(names = "--lr-warmup-epochs", description = "Linear learning-rate warm-up, in epochs. Default: ${DEFAULT-VALUE}.")
    double lrWarmupEpochs = D.schedule().warmupEpochs();

    @Option(names = "--step-epochs", description = "Step schedule: epochs between decays. Default: ${DEFAULT-VALUE}.")
    int stepEpochs = D.schedule().stepEpochs();

    @Option(names = "--step-factor", description = "Step schedule: decay factor. Default: ${DEFAULT-VALUE}.")
    double stepFactor = D.schedule().stepFactor();

    @Option(names = {"--method", "--optimizer"},
            description = "sgd, sam, asam, vsam, sam-<k>, looksam, rst or aesam. Default: ${DEFAULT-VALUE}.")
    String method = D.method().name();

    @Option(names = "--rho", description = "Perturbation radius (default 0.05; 2.0 for asam).")
    Optional<Double> rho = Optional.empty();

    @Option(names = "--looksam-k", description = "LookSAM period. Default: ${DEFAULT-VALUE}.")
    int lookSamPeriod = D.method().lookSamPeriod();

    @Option(names = "--looksam-alpha", description = "LookSAM alpha. Default: ${DEFAULT-VALUE}.")
    double lookSamAlpha = D.method().lookSamAlpha();

    @Option(names = "--rst-p", description = "RST SAM probability. Default: ${DEFAULT-VALUE}.")
    double rstProbability = D.method().rstProbability();

    @Option(names = "--rst-schedule", description = "constant or linear. Default: ${DEFAULT-VALUE}.")
    String rstSchedule = "constant";

    @Option(names = "--aesam-delta", description = "AE-SAM EMA decay. Default: ${DEFAULT-VALUE}.")
    double aesamDelta = D.method().aesamDelta();

    @Option(names = "--aesam-lambda1", description = "AE-SAM threshold factor at the end. Default: ${DEFAULT-VALUE}.")
    double aesamLambda1 = D.method().aesamLambda1();

    @Option(names = "--aesam-lambda2", description = "AE-SAM threshold factor at the start. Default: ${DEFAULT-VALUE}.")
    double aesamLambda2 = D.method().aesamLambda2();

    @Option(names = "--window", description = "vSAM window K. Default: ${DEFAULT-VALUE}.")
    int window = V.window();

    @Option(names = "--blocks", description = "vSAM sorted-variance blocks B. Default: ${DEFAULT-VALUE}.")
    int blocks = V.blocks();

    @Option(names = "--alpha1", description = "vSAM gain on the PSF/gradient ratio trend. Default: ${DEFAULT-VALUE}.")
    double alpha1 = V.alpha1();

    @Option(names = "--alpha2", description = "vSAM gain on the variation trend. Default: ${DEFAULT-VALUE}.")
    double alpha2 = V.alpha2();

    @Option(names = "--gamma", description = "vSAM PSF reuse decay; 0 disables reuse. Default: ${DEFAULT-VALUE}.")
    double gamma = V.gamma();

    @Option(names = "--reuse-horizon", description = "vSAM: drop the reused PSF after this many steps. Default: ${DEFAULT-VALUE}.")
    int reuseHorizon = V.reuseHorizon();

    @Option(names = "--max-sampling-fraction", description = "vSAM: upper bound of s/K. Default: ${DEFAULT-VALUE}.")
    double maxSamplingFraction = V.maxSamplingFraction();

    @Option(names = "--stats-scope", description = "vSAM: last N parameter tensors feed the statistics; 0 = all. Default: ${DEFAULT-VALUE}.")
    int statsScope = V.statsScope();

    @Option(names = "--vsam-warmup", description = "vSAM full-SAM warm-up: auto, <n>ep (epochs) or <n>it (iterations). Default: ${DEFAULT-VALUE}.")
    String vsamWarmup = "auto";

    @Option(names = "--initial-s", description = "vSAM: SAM steps per window after warm-up. Default: ${DEFAULT-VALUE}.")
    double initialS = V.initialS();

    @Option(names = "--gain-horizon", description = "vSAM refinement for short runs: the run length (iterations) the "
            + "gains were tuned for; a shorter run compounds each window's update of s to match. 0 = the paper's rule. "
            + "Default: ${DEFAULT-VALUE}.")
    long gainHorizon = V.gainHorizon();

    /** Builds and validates the configuration, for {@code methodName} (which overrides {@code --method}). */
    RunConfig toConfig(String methodName) {
        VsamConfig vsam = new VsamConfig(window, blocks, alpha1, alpha2, gamma, reuseHorizon, maxSamplingFraction,
                statsScope, Warmup.parse(vsamWarmup), initialS, gainHorizon);
        MethodConfig defaults = MethodConfig.defaults(methodName);
        MethodConfig m = new MethodConfig(methodName, rho.orElse(defaults.rho()), lookSamPeriod, lookSamAlpha,
                rstProbability, parseEnum("rst-schedule", rstSchedule, MethodConfig.RstSchedule.class), aesamDelta,
                aesamLambda1, aesamLambda2, vsam);
        OptimizerConfig opt = new OptimizerConfig(parseEnum("base-optimizer", optimizer, OptimizerConfig.Kind.class),
                learningRate, momentum, weightDecay, nesterov, beta1, beta2, adamEpsilon);
        ScheduleConfig sched = new ScheduleConfig(parseEnum("schedule", schedule, ScheduleConfig.Kind.class),
                lrWarmupEpochs, stepEpochs, stepFactor);
        boolean cifar = dataset.startsWith("cifar");
        DataConfig data = new DataConfig(dataset, dataDir, trainSubset, labelNoise, noiseSeed, augment.orElse(cifar), cutout);
        RunConfig given = new RunConfig(backend, device, threads, modelId(), parseEnum("init", init, InitScheme.class), data,
                epochs, batchSize, seed, labelSmoothing,
                parseEnum("label-smoothing-convention", smoothing, LossOptions.Convention.class), opt, sched, m);
        return recipe.isEmpty() ? given : withRecipe(given, Recipe.of(recipe.get()));
    }

    /**
     * {@code given} with {@code recipe} applied, except for the options the command line names, which
     * keep their values.
     */
    private RunConfig withRecipe(RunConfig given, Recipe recipe) {
        RunConfig r = recipe.apply(given);
        DataConfig gd = given.data();
        DataConfig rd = r.data();
        DataConfig data = new DataConfig(named("--dataset") ? gd.dataset() : rd.dataset(), gd.dataDir(), gd.trainSubset(),
                gd.labelNoise(), gd.noiseSeed(), named("--augment", "--no-augment") ? gd.augment() : rd.augment(),
                named("--cutout") ? gd.cutout() : rd.cutout());
        OptimizerConfig go = given.optimizer();
        OptimizerConfig ro = r.optimizer();
        OptimizerConfig opt = new OptimizerConfig(named("--base-optimizer") ? go.kind() : ro.kind(),
                named("--lr") ? go.learningRate() : ro.learningRate(), named("--momentum") ? go.momentum() : ro.momentum(),
                named("--weight-decay") ? go.weightDecay() : ro.weightDecay(), go.nesterov(), go.beta1(), go.beta2(),
                go.epsilon());
        ScheduleConfig sched = named("--schedule") ? given.schedule() : r.schedule();
        return new RunConfig(given.backend(), given.device(), given.threads(),
                named("--model") ? given.model() : Models.quantizedId(r.model(), Models.quantizationOf(given.model())),
                named("--init") ? given.init() : r.init(), data,
                named("--epochs") ? given.epochs() : r.epochs(), named("--batch-size") ? given.batchSize() : r.batchSize(),
                given.seed(), named("--label-smoothing") ? given.labelSmoothing() : r.labelSmoothing(),
                named("--label-smoothing-convention") ? given.smoothing() : r.smoothing(), opt, sched, given.method());
    }

    /** Whether any of {@code options} was given on the command line. */
    private boolean named(String... options) {
        if (command == null) {
            return false;
        }
        ParseResult parsed = command.commandLine().getParseResult();
        for (String o : options) {
            if (parsed.hasMatchedOption(o)) {
                return true;
            }
        }
        return false;
    }

    /** {@code --model} with {@code --quantize} applied ({@code cnn-s+w4a4}); a bad quantization names the option. */
    String modelId() {
        try {
            return Models.quantizedId(model, quantize.map(Quantization::parse));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("quantize", "invalid quantize: " + e.getMessage());
        }
    }

    /** The configuration for {@code --method}. */
    RunConfig toConfig() {
        return toConfig(method);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parseEnum(String option, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ConfigException(option, "'" + value + "'", "one of " + allowed);
    }
}
