package vsam.algorithm.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vsam.algorithm.checkpoint.Checkpoint;
import vsam.algorithm.checkpoint.CheckpointException;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.api.config.ConfigJson;
import vsam.api.model.ModelSpec;
import vsam.api.model.Shape;
import vsam.api.network.NetworkState;
import vsam.api.vector.Segments;

/**
 * The trained parameters a new run starts from instead of seeded weights, e.g. a full-precision run's
 * checkpoint that a quantization-aware run (LSQ) fine-tunes: tensors are matched by name and shape
 * ({@link vsam.api.model.InitialWeights#transfer}), LSQ step sizes initialised from the copied weights
 * and the first batch, and the BatchNorm running buffers taken over when the layouts agree.
 *
 * @param model    the source run's model id
 * @param segments the source network's segment table
 * @param state    the source network's parameters and BatchNorm buffers
 * @param source   where it came from (a checkpoint file), for the run's provenance
 */
public record StartingPoint(String model, Segments segments, NetworkState state, String source) {

    /**
     * Reads the latest checkpoint of a run folder, or one checkpoint file; the source model is built for
     * examples of shape {@code input} and {@code classes} classes (the new run's data).
     *
     * @throws RunFolderException when nothing readable is there or the parameters do not fit the source model
     */
    public static StartingPoint read(Path fileOrFolder, Shape input, int classes) {
        Checkpoint checkpoint;
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(CheckpointStore.LATEST) : fileOrFolder;
        try {
            checkpoint = Files.isDirectory(fileOrFolder) ? new CheckpointStore(fileOrFolder).loadLatest()
                    : CheckpointStore.read(fileOrFolder);
        } catch (IOException | CheckpointException e) {
            throw new RunFolderException("cannot start from " + fileOrFolder + ": " + e.getMessage());
        }
        vsam.api.config.RunConfig source = ConfigJson.read(checkpoint.configJson());
        String model = source.model();
        ModelSpec spec = source.modelSpec(input, classes);
        NetworkState state = checkpoint.network();
        if (state.parameters().length != spec.segments().totalLength()) {
            throw new RunFolderException("cannot start from " + fileOrFolder + ": its " + state.parameters().length
                    + " parameters do not fit model " + model + " on this data (" + spec.segments().totalLength() + ")");
        }
        return new StartingPoint(model, spec.segments(), state, file.toString());
    }
}
