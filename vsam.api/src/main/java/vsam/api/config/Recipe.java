package vsam.api.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vsam.api.model.InitScheme;
import vsam.api.network.LossOptions;

/**
 * A named training recipe: a whole setup chosen in one word ({@code vsam train --recipe paper-cifar},
 * or the desktop app's preset), on top of which any setting given beside it still wins.
 */
public enum Recipe {

    /**
     * The vSAM authors' CIFAR setup (docs/ALGORITHMS.md, "Reference setups"): {@code resnet18} on
     * CIFAR-10 (CIFAR-100 when that is the data set asked for), PyTorch's default initialisation, random
     * crop 32 with padding 4, horizontal flip and Cutout 16 (probability 0.5), label smoothing 0.1 with
     * the authors' convention ({@code 1 − ε} on the label, {@code ε/(C − 1)} on every other class), SGD
     * lr 0.05, momentum 0.9, weight decay 1e-3, cosine per iteration to 0, batch 128, 200 epochs. The
     * method and its radius stay as they are (ρ 0.05 for SAM and vSAM).
     */
    PAPER_CIFAR;

    /** The name users type: {@code paper-cifar}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every recipe's {@link #id()}. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Recipe::id).toList();
    }

    /**
     * The recipe named {@code id}.
     *
     * @throws ConfigException naming the unknown recipe and the known ones
     */
    public static Recipe of(String id) {
        for (Recipe r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new ConfigException("recipe", "'" + id + "'", "one of " + String.join(", ", ids()));
    }

    /**
     * {@code base} with every setting this recipe fixes replaced (backend, device, threads, seed, method,
     * data folder, subset and label noise are kept).
     */
    public RunConfig apply(RunConfig base) {
        DataConfig d = base.data();
        String dataset = d.dataset().startsWith("cifar") ? d.dataset() : "cifar10";
        DataConfig data = new DataConfig(dataset, d.dataDir(), d.trainSubset(), d.labelNoise(), d.noiseSeed(), true, 16);
        OptimizerConfig sgd = OptimizerConfig.sgd(0.05, 0.9, 1e-3);
        ScheduleConfig cosine = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 0, base.schedule().stepEpochs(),
                base.schedule().stepFactor());
        return new RunConfig(base.backend(), base.device(), base.threads(), "resnet18", InitScheme.PYTORCH, data, 200, 128,
                base.seed(), 0.1, LossOptions.Convention.OTHERS, sgd, cosine, base.method());
    }
}
