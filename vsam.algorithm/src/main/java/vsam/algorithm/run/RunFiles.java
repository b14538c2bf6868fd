package vsam.algorithm.run;

/**
 * The names of the files in a run folder (docs/ARCHITECTURE.md, "Outputs of a run"). The checkpoints are
 * {@link vsam.algorithm.checkpoint.CheckpointStore#LATEST} and
 * {@link vsam.algorithm.checkpoint.CheckpointStore#PREVIOUS}, the lock {@link RunFolderLock#FILE}; a file
 * being replaced has a temporary sibling, {@link vsam.algorithm.checkpoint.AtomicFiles#temporary}.
 */
public final class RunFiles {

    /** The resolved configuration, written when the run starts; its presence makes a folder a run folder. */
    public static final String CONFIG = "config.json";
    /** Shape, normalisation and class names of the examples, written when the run starts ({@link vsam.api.network.ExampleFormat}). */
    public static final String DATA = "data.json";
    /** The result, written when the run finishes or is stopped ({@link RunSummary}). */
    public static final String SUMMARY = "summary.json";
    /** One line per finished epoch ({@link EpochsFile}). */
    public static final String EPOCHS = "epochs.csv";
    /** One line per iteration ({@link TelemetryFile}). */
    public static final String TELEMETRY = "telemetry.jsonl";

    private RunFiles() {
    }
}
