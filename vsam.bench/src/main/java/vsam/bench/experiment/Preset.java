package vsam.bench.experiment;

import java.util.List;
import java.util.Optional;
import vsam.api.config.DataConfig;
import vsam.api.config.RunConfig;

/**
 * The setups of the experiment (docs/ALGORITHMS.md, "Reference setups"), full size or shrunk for a quick look.
 *
 * <ul>
 *   <li>{@code cpu}: <b>noisy</b> — the first 10,000 Fashion-MNIST training images with 40% symmetric label
 *       noise (noise seed 17), {@code cnn-s}, 20 epochs; <b>clean</b> — full Fashion-MNIST, {@code cnn-s},
 *       10 epochs. Both: batch 128, SGD lr 0.05, momentum 0.9, weight decay 5e-4, cosine per iteration,
 *       ρ 0.05.</li>
 *   <li>{@code quick}: the same recipes on the embedded 6,000/1,000-image Fashion-MNIST subset:
 *       <b>noisy</b> on its first 3,000 images, 4 epochs; <b>clean</b> on all of it, 2 epochs.</li>
 *   <li>{@code qat}: quantization-aware training with LSQ from scratch, the clean recipe for 5 epochs on
 *       {@code cnn-s+w4a4} (<b>w4a4</b>) and {@code cnn-s+w2a2} (<b>w2a2</b>); first and last layer at 8 bits.
 *       Its methods, unless chosen: SGD, SAM and vSAM.</li>
 *   <li>{@code vit}: does vSAM's sampling carry over to a vision transformer? {@code vit-tiny} with its
 *       defaults (AdamW lr 1e-3, weight decay 0.05, truncated-normal init; cosine per iteration, batch 128,
 *       ρ 0.05): <b>vit-noisy-2k</b>, the first 2,000 Fashion-MNIST training images with 40% symmetric label
 *       noise for 120 epochs, long enough for AdamW to start memorising the noise (its training loss falls below
 *       −0.6 ln 0.6 − 0.4 ln(0.4/9) = 1.55, which a model that learns only the clean signal cannot go under;
 *       docs/RESULTS.md §0c); and the first 10,000 images for 10 epochs with 40% noise (<b>vit-noisy</b>) and
 *       clean (<b>vit-clean</b>), where the network is still far from trained. Its methods, unless chosen: the base optimizer alone
 *       ({@code sgd}, i.e. AdamW), SAM, vSAM and vsam-budget, each with AdamW as base.</li>
 * </ul>
 */
public final class Preset {

    /** The preset names. */
    public static final List<String> NAMES = List.of("cpu", "quick", "qat", "vit");
    /** The methods a preset runs when none are chosen. */
    private static final List<String> QAT_METHODS = List.of("sgd", "sam", "vsam");
    /** The methods of the transformer preset: the base optimizer (AdamW) alone, SAM, vSAM, vsam-budget. */
    private static final List<String> VIT_METHODS = List.of("sgd", "sam", "vsam", "vsam-budget");
    /** The seed of the symmetric label noise, fixed across methods and run seeds. */
    public static final long NOISE_SEED = 17;
    /** The run seeds of the experiment. */
    public static final List<Long> SEEDS = List.of(0L, 1L);

    private Preset() {
    }

    /**
     * The setups of preset {@code name}, noisy first (the shorter, more informative one).
     *
     * @param backend the backend id every run uses
     * @param device  the device every run uses
     * @param threads CPU threads (0 = the backend's default)
     * @param dataDir where Fashion-MNIST is, when not in the known locations
     */
    public static List<Setup> setups(String name, String backend, String device, int threads, Optional<String> dataDir) {
        RunConfig d = RunConfig.defaults();
        RunConfig base = new RunConfig(backend, device, threads, "cnn-s", d.init(), d.data(), d.epochs(), d.batchSize(), 0,
                d.labelSmoothing(), d.smoothing(), d.optimizer(), d.schedule(), d.method());
        return switch (name) {
            case "cpu" -> List.of(
                    setup("noisy", "Fashion-MNIST, first 10,000 training images, 40% symmetric label noise; cnn-s, 20 epochs",
                            base, new DataConfig("fashion-mnist", dataDir, 10_000, 0.4, NOISE_SEED, false, 0), 20),
                    setup("clean", "Fashion-MNIST 60,000/10,000, clean labels; cnn-s, 10 epochs",
                            base, new DataConfig("fashion-mnist", dataDir, 0, 0, NOISE_SEED, false, 0), 10));
            case "qat" -> List.of(
                    setup("w4a4", "Fashion-MNIST 60,000/10,000, clean labels; cnn-s+w4a4 (LSQ, edges at 8 bits), 5 epochs",
                            base.withModel("cnn-s+w4a4"), new DataConfig("fashion-mnist", dataDir, 0, 0, NOISE_SEED, false, 0), 5),
                    setup("w2a2", "Fashion-MNIST 60,000/10,000, clean labels; cnn-s+w2a2 (LSQ, edges at 8 bits), 5 epochs",
                            base.withModel("cnn-s+w2a2"), new DataConfig("fashion-mnist", dataDir, 0, 0, NOISE_SEED, false, 0), 5));
            case "vit" -> {
                RunConfig vit = RunConfig.defaults(d.method().name(), "fashion-mnist", "vit-tiny");
                RunConfig transformer = base.withModel("vit-tiny").withOptimizer(vit.optimizer()).withInit(vit.init());
                yield List.of(
                        setup("vit-noisy-2k", "Fashion-MNIST, first 2,000 training images, 40% symmetric label noise; vit-tiny, "
                                + "AdamW, 120 epochs", transformer, new DataConfig("fashion-mnist", dataDir, 2_000, 0.4, NOISE_SEED,
                                false, 0), 120),
                        setup("vit-noisy", "Fashion-MNIST, first 10,000 training images, 40% symmetric label noise; vit-tiny, "
                                + "AdamW, 10 epochs", transformer, new DataConfig("fashion-mnist", dataDir, 10_000, 0.4, NOISE_SEED,
                                false, 0), 10),
                        setup("vit-clean", "Fashion-MNIST, first 10,000 training images, clean labels; vit-tiny, AdamW, 10 epochs",
                                transformer, new DataConfig("fashion-mnist", dataDir, 10_000, 0, NOISE_SEED, false, 0), 10));
            }
            case "quick" -> List.of(
                    setup("noisy", "embedded Fashion-MNIST subset, first 3,000 training images, 40% symmetric label noise; cnn-s, 4 epochs",
                            base, new DataConfig("embedded", Optional.empty(), 3_000, 0.4, NOISE_SEED, false, 0), 4),
                    setup("clean", "embedded Fashion-MNIST subset 6,000/1,000, clean labels; cnn-s, 2 epochs",
                            base, new DataConfig("embedded", Optional.empty(), 0, 0, NOISE_SEED, false, 0), 2));
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** The methods preset {@code name} runs when the command names none. */
    public static List<String> defaultMethods(String name) {
        return switch (name) {
            case "qat" -> QAT_METHODS;
            case "vit" -> VIT_METHODS;
            default -> Variant.ALL;
        };
    }

    private static Setup setup(String name, String description, RunConfig base, DataConfig data, int epochs) {
        return new Setup(name, description, base.withData(data).withEpochs(epochs));
    }
}
