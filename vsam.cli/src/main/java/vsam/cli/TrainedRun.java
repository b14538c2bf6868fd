package vsam.cli;

import java.nio.file.Path;
import vsam.algorithm.checkpoint.Checkpoint;
import vsam.algorithm.checkpoint.CheckpointException;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.run.RunFolderReader;
import vsam.api.Session;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.ExampleFormat;
import vsam.api.network.Network;
import vsam.data.RunData;

/**
 * A run folder's trained network, for {@code export}, {@code evaluate} and {@code predict}: its
 * configuration, the format of its examples ({@code data.json}: shape, normalisation, class names), its
 * model spec and the weights of its latest checkpoint (the end of training, for a finished run).
 *
 * @param folder     the run folder
 * @param config     its config.json
 * @param format     how its examples were encoded and what its classes are called
 * @param spec       the model it trained
 * @param checkpoint its latest intact checkpoint
 */
record TrainedRun(Path folder, RunConfig config, ExampleFormat format, ModelSpec spec, Checkpoint checkpoint) {

    /**
     * Reads a run folder. A folder written before runs recorded {@code data.json} gets the format its data
     * configuration gives now (which reads an image folder's training images again).
     *
     * @throws CliException naming the folder and what is missing
     */
    static TrainedRun read(Path folder) {
        RunConfig config = config(folder);
        ExampleFormat format;
        try {
            format = RunFolderReader.format(folder).orElseGet(() -> RunData.splits(config.data()).format());
        } catch (RunFolderException e) {
            throw new CliException(e.getMessage());
        }
        Checkpoint checkpoint;
        try {
            checkpoint = new CheckpointStore(folder).loadLatest();
        } catch (CheckpointException e) {
            throw new CliException(folder + " holds no trained weights: " + e.getMessage());
        }
        ModelSpec spec = config.modelSpec(format.shape(), format.classes());
        if (checkpoint.network().parameters().length != spec.segments().totalLength()) {
            throw new CliException(folder + ": the checkpoint's " + checkpoint.network().parameters().length
                    + " parameters do not fit " + config.model() + " (" + spec.segments().totalLength() + ")");
        }
        return new TrainedRun(folder, config, format, spec, checkpoint);
    }

    private static RunConfig config(Path folder) {
        try {
            return RunFolderReader.config(folder);
        } catch (RunFolderException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The trained network, built in {@code session} with the checkpoint's weights and BatchNorm statistics. */
    Network network(Session session) {
        Network net = session.build(spec, InitialWeights.generate(spec, config.init(), config.seed()), config.loss());
        net.importState(checkpoint.network());
        return net;
    }
}
