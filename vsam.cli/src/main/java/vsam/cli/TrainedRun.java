package vsam.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vsam.algorithm.checkpoint.Checkpoint;
import vsam.algorithm.checkpoint.CheckpointException;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.api.config.ConfigJson;
import vsam.api.config.RunConfig;
import vsam.api.model.ModelSpec;
import vsam.data.DataCatalog;

/**
 * A run folder's trained network, for {@code export} and {@code evaluate}: its configuration, its model
 * spec (rebuilt for the data set's input) and the weights of its latest checkpoint (the end of training,
 * for a finished run).
 *
 * @param folder     the run folder
 * @param config     its config.json
 * @param spec       the model it trained
 * @param checkpoint its latest intact checkpoint
 */
record TrainedRun(Path folder, RunConfig config, ModelSpec spec, Checkpoint checkpoint) {

    /**
     * Reads a run folder.
     *
     * @throws CliException naming the folder and what is missing
     */
    static TrainedRun read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new CliException(folder + " is not a run folder (no such folder)");
        }
        Path configFile = folder.resolve("config.json");
        RunConfig config;
        try {
            config = ConfigJson.read(Files.readString(configFile));
        } catch (IOException e) {
            throw new CliException(folder + " is not a run folder: cannot read " + configFile.getFileName() + " (" + e.getMessage() + ")");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = new CheckpointStore(folder).loadLatest();
        } catch (CheckpointException e) {
            throw new CliException(folder + " holds no trained weights: " + e.getMessage());
        }
        DataCatalog.Signature data = DataCatalog.signature(config.data());
        ModelSpec spec = config.modelSpec(data.input(), data.classes());
        if (checkpoint.network().parameters().length != spec.segments().totalLength()) {
            throw new CliException(folder + ": the checkpoint's " + checkpoint.network().parameters().length
                    + " parameters do not fit " + config.model() + " (" + spec.segments().totalLength() + ")");
        }
        return new TrainedRun(folder, config, spec, checkpoint);
    }
}
