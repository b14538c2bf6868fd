package vsam.api.config;

import java.util.Optional;
import vsam.api.model.InitScheme;
import vsam.api.model.ModelFile;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.LossOptions;

/**
 * The complete, resolved configuration of one training run: written into every run folder so the run
 * can be reproduced. Defaults are the CPU reference setup of docs/ALGORITHMS.md, "Reference setups".
 *
 * @param backend        backend id ({@code djl}, {@code javacpp}, ...)
 * @param device         device name ({@code cpu}, {@code cuda:0})
 * @param threads        CPU threads for the backend; 0 = backend default
 * @param model          model id ({@code mlp}, {@code cnn-s}, {@code resnet18}), {@code +<quantization>} for
 *                       quantization-aware training ({@code cnn-s+w4a4}, see {@link vsam.api.model.Models#byId})
 * @param modelFile      the network, when {@code model} names a model file's network rather than a built-in
 *                       ({@code --model my-net.json}): the file's contents, so the run folder and its checkpoints
 *                       hold everything needed to rebuild it
 * @param init           how the weights start ({@link InitScheme}); generated in Java from {@code seed}; the
 *                       scheme the model file names, when it names one
 * @param data           data set and its alterations
 * @param epochs         passes over the training set
 * @param batchSize      examples per step
 * @param seed           seed of the initial weights, data order, augmentation and sampling decisions
 * @param labelSmoothing ε of the training loss
 * @param smoothing      how ε is spread over the classes ({@link LossOptions.Convention})
 * @param optimizer      the base optimizer
 * @param schedule       the learning-rate schedule
 * @param method         the sharpness-aware method
 */
public record RunConfig(String backend, String device, int threads, String model, Optional<ModelFile> modelFile,
                        InitScheme init, DataConfig data,
                        int epochs, int batchSize, long seed, double labelSmoothing, LossOptions.Convention smoothing,
                        OptimizerConfig optimizer, ScheduleConfig schedule, MethodConfig method) {

    /** Model ids known to every backend. */
    public static final java.util.List<String> MODELS = vsam.api.model.Models.IDS;

    public RunConfig {
        Check.named("backend", backend);
        Check.named("device", device);
        Settings.THREADS.check(threads);
        Check.present("modelFile", modelFile);
        if (modelFile.isEmpty()) {
            Check.model("model", model);
        } else {
            Check.named("model", model);
        }
        Check.present("init", init);
        Check.initOfModelFile(modelFile, init);
        Check.quantizationOfModelFile(modelFile, model);
        Check.present("data", data);
        Settings.EPOCHS.check(epochs);
        Settings.BATCH_SIZE.check(batchSize);
        Settings.LABEL_SMOOTHING.check(labelSmoothing);
        Check.present("smoothing", smoothing);
        Check.present("optimizer", optimizer);
        Check.present("schedule", schedule);
        Check.present("method", method);
    }

    /** A run of a built-in model ({@code modelFile} empty). */
    public RunConfig(String backend, String device, int threads, String model, InitScheme init, DataConfig data, int epochs,
                     int batchSize, long seed, double labelSmoothing, LossOptions.Convention smoothing, OptimizerConfig optimizer,
                     ScheduleConfig schedule, MethodConfig method) {
        this(backend, device, threads, model, Optional.empty(), init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    /** The network this run trains, for inputs of shape {@code input} and {@code classes} classes. */
    public ModelSpec modelSpec(Shape input, int classes) {
        if (modelFile.isEmpty()) {
            return Models.byId(model, input, classes);
        }
        ModelSpec spec = modelFile.get().spec(Models.baseId(model), input, classes);
        return Models.quantizationOf(model).map(spec::quantized).orElse(spec);
    }

    /** The CPU reference setup: djl on the CPU, cnn-s on Fashion-MNIST, batch 128, 10 epochs, vSAM. */
    public static RunConfig defaults() {
        return new RunConfig("djl", "cpu", 0, "cnn-s", InitScheme.DEFAULT, DataConfig.defaults(), 10, 128, 0, 0,
                LossOptions.Convention.UNIFORM, OptimizerConfig.defaults(), ScheduleConfig.defaults(),
                MethodConfig.defaults("vsam"));
    }

    /**
     * The defaults that depend on other fields, for a run of method {@code methodName} on {@code dataset}:
     * that method's own defaults (ASAM's radius is 2.0), the data set's augmentation, and for a CSV table
     * the {@code mlp} model (a table's examples are feature vectors, which no convolution takes); the rest as
     * {@link #defaults()}. Every front end starts from these before applying what it was told.
     */
    public static RunConfig defaults(String methodName, String dataset) {
        RunConfig c = defaults().withMethod(MethodConfig.defaults(methodName)).withData(DataConfig.defaults(dataset));
        return dataset.equals(DataConfig.TABLE) ? c.withModel("mlp") : c;
    }

    /**
     * The defaults of a run of method {@code methodName} on {@code dataset} ({@link #defaults(String, String)})
     * training {@code model}: a vision transformer ({@link Models#TRANSFORMERS}) starts as timm's
     * ({@link InitScheme#TRUNC_NORMAL}) and trains with AdamW, learning rate 1e-3 and decoupled weight decay 0.05,
     * the usual recipe for small ViTs trained from scratch; any other model changes nothing. The model itself is
     * not set here: the model setting writes it.
     */
    public static RunConfig defaults(String methodName, String dataset, String model) {
        RunConfig c = defaults(methodName, dataset);
        return Models.isTransformer(model)
                ? c.withOptimizer(OptimizerConfig.adamW(TRANSFORMER_LEARNING_RATE, TRANSFORMER_WEIGHT_DECAY))
                        .withInit(InitScheme.TRUNC_NORMAL)
                : c;
    }

    /** AdamW's learning rate for the vision transformers ({@link #defaults(String, String, String)}). */
    public static final double TRANSFORMER_LEARNING_RATE = 1e-3;
    /** AdamW's weight decay for the vision transformers. */
    public static final double TRANSFORMER_WEIGHT_DECAY = 0.05;

    /** The training loss this configuration asks for. */
    public LossOptions loss() {
        return new LossOptions(labelSmoothing, smoothing);
    }

    public RunConfig withMethod(MethodConfig m) {
        return new RunConfig(backend, device, threads, model, modelFile, init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, m);
    }

    public RunConfig withEpochs(int e) {
        return new RunConfig(backend, device, threads, model, modelFile, init, data, e, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(backend, device, threads, model, modelFile, init, data, epochs, batchSize, s, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withOptimizer(OptimizerConfig o) {
        return new RunConfig(backend, device, threads, model, modelFile, init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                o, schedule, method);
    }

    public RunConfig withSchedule(ScheduleConfig s) {
        return new RunConfig(backend, device, threads, model, modelFile, init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, s, method);
    }

    public RunConfig withModel(String m) {
        return new RunConfig(backend, device, threads, m, Optional.empty(), init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withInit(InitScheme i) {
        return new RunConfig(backend, device, threads, model, modelFile, i, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withData(DataConfig d) {
        return new RunConfig(backend, device, threads, model, modelFile, init, d, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }
}
