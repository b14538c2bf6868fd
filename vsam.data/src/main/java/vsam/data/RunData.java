package vsam.data;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vsam.api.config.DataConfig;
import vsam.api.config.RunConfig;
import vsam.api.network.ExampleFormat;
import vsam.api.network.TrainingData;
import vsam.data.pipeline.Augmentation;
import vsam.data.pipeline.Normalisation;

/**
 * Turns a run's configuration into training and test batch sources: finds the data set through the
 * {@linkplain DataCatalog#standard standard catalogue}, applies the training subset and label noise, and
 * builds the loaders (training: shuffled with the run seed, augmented when asked; test: in order). Each
 * catalogue data configuration is read once per process, so several runs on one setup share it.
 */
public final class RunData {

    /**
     * Examples per test batch; why not more: docs/STACK.md, "Measured speed traps" (large inference
     * batches).
     */
    public static final int TEST_BATCH = 200;

    private static final Map<DataConfig, DataSplits> LOADED = new HashMap<>();

    private RunData() {
    }

    /**
     * The splits a data configuration names, altered as it says. A catalogue data set is cached; an image
     * folder or table of one's own is read again each time, since its owner may have just changed it.
     */
    public static synchronized DataSplits splits(DataConfig config) {
        if (config.dataset().equals(DataConfig.IMAGE_FOLDER) || config.dataset().equals(DataConfig.TABLE)) {
            return DataCatalog.forConfig(config).prepare(config);
        }
        DataSplits cached = LOADED.get(config);
        if (cached == null) {
            cached = DataCatalog.forConfig(config).prepare(config);
            LOADED.put(config, cached);
        }
        return cached;
    }

    /**
     * The test split of {@code splits}, encoded as a trained run's {@code format} says (its recorded
     * normalisation, not one measured again), in batches of {@value #TEST_BATCH}.
     *
     * @throws DataException when the data set does not fit the format: another shape or other classes
     */
    public static BatchLoader testLoader(DataSplits splits, ExampleFormat format) {
        if (!splits.test().shape().equals(format.shape()) || !splits.classNames().equals(format.classNames())) {
            throw new DataException(splits.dataset() + " from " + splits.origin() + " holds " + splits.test().shape()
                    + " examples of the classes " + String.join(", ", splits.classNames()) + "; the run trained on "
                    + format.shape() + " examples of " + String.join(", ", format.classNames()));
        }
        return new BatchLoader(splits.test(), Normalisation.of(format), LoaderOptions.evaluation(TEST_BATCH));
    }

    /**
     * The batch sources of a run.
     *
     * @throws DataException when the data set is missing or damaged, or has fewer images than one batch
     */
    public static TrainingData prepare(RunConfig config) {
        DataConfig d = config.data();
        DataSplits splits = splits(d);
        Optional<Augmentation> augmentation = Augmentation.of(d);
        BatchLoader train = splits.trainLoader(config.batchSize(), config.seed(), augmentation);
        if (train.batchesPerEpoch() == 0) {
            throw new DataException(splits.dataset() + ": batch size " + config.batchSize() + " is larger than its "
                    + splits.train().size() + " training images");
        }
        String description = splits.dataset() + " " + splits.train().size() + "/" + splits.test().size()
                + (d.labelNoise() > 0 ? String.format(Locale.ROOT, ", %.0f%% label noise", 100 * d.labelNoise()) : "")
                + (d.augment() ? ", augmented" : "") + (d.cutout() > 0 ? ", cutout " + d.cutout() : "") + " from " + splits.origin();
        return new TrainingData(train, splits.testLoader(TEST_BATCH), splits.format(),
                splits.train().size(), splits.test().size(), description);
    }
}
