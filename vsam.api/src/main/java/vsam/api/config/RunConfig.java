package vsam.api.config;

import vsam.api.model.InitScheme;
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
 * @param init           how the weights start ({@link InitScheme}); generated in Java from {@code seed}
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
public record RunConfig(String backend, String device, int threads, String model, InitScheme init, DataConfig data,
                        int epochs, int batchSize, long seed, double labelSmoothing, LossOptions.Convention smoothing,
                        OptimizerConfig optimizer, ScheduleConfig schedule, MethodConfig method) {

    /** Model ids known to every backend. */
    public static final java.util.List<String> MODELS = vsam.api.model.Models.IDS;

    public RunConfig {
        Check.named("backend", backend);
        Check.named("device", device);
        Settings.THREADS.check(threads);
        Check.model("model", model);
        Check.present("init", init);
        Check.present("data", data);
        Settings.EPOCHS.check(epochs);
        Settings.BATCH_SIZE.check(batchSize);
        Settings.LABEL_SMOOTHING.check(labelSmoothing);
        Check.present("smoothing", smoothing);
        Check.present("optimizer", optimizer);
        Check.present("schedule", schedule);
        Check.present("method", method);
    }

    /** The CPU reference setup: djl on the CPU, cnn-s on Fashion-MNIST, batch 128, 10 epochs, vSAM. */
    public static RunConfig defaults() {
        return new RunConfig("djl", "cpu", 0, "cnn-s", InitScheme.DEFAULT, DataConfig.defaults(), 10, 128, 0, 0,
                LossOptions.Convention.UNIFORM, OptimizerConfig.defaults(), ScheduleConfig.defaults(),
                MethodConfig.defaults("vsam"));
    }

    /**
     * The defaults that depend on other fields, for a run of method {@code methodName} on {@code dataset}:
     * that method's own defaults (ASAM's radius is 2.0) and the data set's augmentation; the rest as
     * {@link #defaults()}. Every front end starts from these before applying what it was told.
     */
    public static RunConfig defaults(String methodName, String dataset) {
        return defaults().withMethod(MethodConfig.defaults(methodName)).withData(DataConfig.defaults(dataset));
    }

    /** The training loss this configuration asks for. */
    public LossOptions loss() {
        return new LossOptions(labelSmoothing, smoothing);
    }

    public RunConfig withMethod(MethodConfig m) {
        return new RunConfig(backend, device, threads, model, init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, m);
    }

    public RunConfig withEpochs(int e) {
        return new RunConfig(backend, device, threads, model, init, data, e, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(backend, device, threads, model, init, data, epochs, batchSize, s, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withOptimizer(OptimizerConfig o) {
        return new RunConfig(backend, device, threads, model, init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                o, schedule, method);
    }

    public RunConfig withSchedule(ScheduleConfig s) {
        return new RunConfig(backend, device, threads, model, init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, s, method);
    }

    public RunConfig withModel(String m) {
        return new RunConfig(backend, device, threads, m, init, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withInit(InitScheme i) {
        return new RunConfig(backend, device, threads, model, i, data, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }

    public RunConfig withData(DataConfig d) {
        return new RunConfig(backend, device, threads, model, init, d, epochs, batchSize, seed, labelSmoothing, smoothing,
                optimizer, schedule, method);
    }
}
