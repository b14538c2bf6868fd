package vsam.algorithm.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.ConfigJson;
import vsam.api.config.Json;
import vsam.api.config.RunConfig;
import vsam.api.network.ExampleFormat;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;

/**
 * The folder one run writes (docs/ARCHITECTURE.md, "Outputs of a run"), shared by the command line, the
 * desktop app and the benchmarks:
 *
 * <ul>
 *   <li>{@code config.json}: the resolved configuration;</li>
 *   <li>{@code data.json}: shape, normalisation and class names of the examples ({@link ExampleFormat}), so a
 *       trained network can be used without its training data;</li>
 *   <li>{@code telemetry.jsonl}: one {@link IterationEvent} per line ({@link TelemetryFile});</li>
 *   <li>{@code epochs.csv}: one {@link EpochEvent} per line ({@link EpochsFile});</li>
 *   <li>{@code summary.json}: the result, counts, timings ({@link RunSummary}) and provenance (machine, Java,
 *       backend).</li>
 * </ul>
 * Small files are written through {@link AtomicFiles}, so a reader never sees half a file;
 * {@link RunFolderReader} reads all of them back.
 */
public final class RunFolder implements TrainingListener, AutoCloseable {

    private final Path folder;
    private final Map<String, Object> provenance;
    private final BufferedWriter telemetry;
    private final BufferedWriter epochs;

    private RunFolder(Path folder, RunConfig config, Map<String, Object> provenance, boolean append) throws IOException {
        this.folder = folder;
        this.provenance = provenance;
        if (!append) {
            AtomicFiles.write(folder.resolve(RunFiles.CONFIG), ConfigJson.write(config));
        }
        java.nio.file.OpenOption[] mode = append
                ? new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND}
                : new java.nio.file.OpenOption[0];
        this.telemetry = Files.newBufferedWriter(folder.resolve(RunFiles.TELEMETRY), StandardCharsets.UTF_8, mode);
        this.epochs = Files.newBufferedWriter(folder.resolve(RunFiles.EPOCHS), StandardCharsets.UTF_8, mode);
        if (!append) {
            epochs.write(EpochsFile.HEADER);
            epochs.newLine();
            epochs.flush();
        }
    }

    /**
     * Reopens the folder of an interrupted run to continue it from a checkpoint taken after
     * {@code iterations} iterations and {@code epochsDone} finished epochs: telemetry lines of later
     * iterations and epoch lines of later epochs (written after the checkpoint, before the stop) are
     * dropped, so the continued files have neither duplicates nor gaps.
     *
     * @return the folder, open for appending
     */
    public static RunFolder reopen(Path folder, long iterations, int epochsDone, Map<String, Object> provenance) {
        RunConfig config = RunFolderReader.config(folder);
        try {
            Path telemetryFile = folder.resolve(RunFiles.TELEMETRY);
            if (Files.exists(telemetryFile)) {
                StringBuilder kept = new StringBuilder();
                try (java.util.stream.Stream<String> lines = Files.lines(telemetryFile, StandardCharsets.UTF_8)) {
                    lines.limit(iterations).forEach(l -> kept.append(l).append('\n'));
                }
                AtomicFiles.write(telemetryFile, kept.toString());
            }
            Path epochFile = folder.resolve(RunFiles.EPOCHS);
            StringBuilder keptEpochs = new StringBuilder(EpochsFile.HEADER).append('\n');
            if (Files.exists(epochFile)) {
                try (java.util.stream.Stream<String> lines = Files.lines(epochFile, StandardCharsets.UTF_8)) {
                    lines.skip(1).limit(epochsDone).forEach(l -> keptEpochs.append(l).append('\n'));
                }
            }
            AtomicFiles.write(epochFile, keptEpochs.toString());
            return new RunFolder(folder, config, provenance, true);
        } catch (IOException e) {
            throw new RunFolderException("cannot reopen run folder " + folder + ": " + IoProblem.describe(e));
        }
    }

    /**
     * Refuses a folder that already holds a run, so a caller about to start several runs can check every
     * folder before training any.
     *
     * @throws RunFolderException when {@code folder} is a file, or holds a {@code config.json}; its remedy is
     *                            {@link RunFolderException.Remedy#USE_ANOTHER_FOLDER}
     */
    public static void requireFree(Path folder) {
        requireUsablePath(folder);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new RunFolderException("run folder " + folder + " is a file, not a folder",
                    RunFolderException.Remedy.USE_ANOTHER_FOLDER);
        }
        if (Files.exists(folder.resolve(RunFiles.CONFIG))) {
            throw new RunFolderException("run folder " + folder + " already holds a run (config.json exists)",
                    RunFolderException.Remedy.USE_ANOTHER_FOLDER);
        }
    }

    /**
     * Creates the folder of a new run and its parents, checking that it can be written, so that its lock
     * ({@link RunFolderLock}) can be taken before anything else is written.
     *
     * @throws RunFolderException when the path is empty, names a file, or cannot be created or written
     */
    public static Path prepare(Path folder) {
        requireFree(folder);
        try {
            Files.createDirectories(folder);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new RunFolderException("cannot create run folder " + folder + ": " + e.getFile() + " is a file");
        } catch (IOException e) {
            throw new RunFolderException("cannot create run folder " + folder + ": " + IoProblem.describe(e));
        }
        if (!Files.isWritable(folder)) {
            throw new RunFolderException("run folder " + folder + " is not writable");
        }
        return folder;
    }

    /** Refuses the empty path, which would put a run's files loose in the working directory. */
    public static void requireUsablePath(Path folder) {
        if (folder.toString().isEmpty()) {
            throw new RunFolderException("the run folder is an empty path; name a folder");
        }
    }

    /**
     * Creates the folder if need be ({@link #prepare}), writes {@code data.json} (the examples' {@code format})
     * and {@code config.json}, and opens the run's files.
     * A caller that runs training takes the folder's {@link RunFolderLock} between the two, as
     * {@link RunExecutor} does.
     *
     * @param provenance what produced the run (backend description, machine, versions), stored in the summary
     * @throws RunFolderException when the folder cannot be written, or already holds a run
     */
    public static RunFolder create(Path folder, RunConfig config, ExampleFormat format, Map<String, Object> provenance) {
        prepare(folder);
        try {
            AtomicFiles.write(folder.resolve(RunFiles.DATA), format.toJson());
            return new RunFolder(folder, config, provenance, false);
        } catch (IOException e) {
            throw new RunFolderException("cannot write to run folder " + folder + ": " + IoProblem.describe(e));
        }
    }

    /**
     * Empties the records of the run in {@code folder} (locked by the caller) so it can start again from
     * the beginning with the configuration it holds: its checkpoints, summary, telemetry and epoch lines
     * go; {@code data.json} and {@code config.json} are written again.
     */
    public static RunFolder restart(Path folder, RunConfig config, ExampleFormat format, Map<String, Object> provenance) {
        try {
            AtomicFiles.write(folder.resolve(RunFiles.DATA), format.toJson());
            for (String name : List.of(CheckpointStore.LATEST, CheckpointStore.PREVIOUS, RunFiles.SUMMARY)) {
                Files.deleteIfExists(folder.resolve(name));
            }
            Files.deleteIfExists(AtomicFiles.temporary(folder.resolve(CheckpointStore.LATEST)));
            return new RunFolder(folder, config, provenance, false);
        } catch (IOException e) {
            throw new RunFolderException("cannot restart the run in " + folder + ": " + IoProblem.describe(e));
        }
    }

    /**
     * The default folder of a new run: {@code <root>/<yyyyMMdd-HHmmss>-<name>}, with {@code -2}, {@code -3}, …
     * appended when that one exists already.
     */
    public static Path freshPath(Path root, String name) {
        Path base = root.resolve(java.time.LocalDateTime.now().format(STAMP) + "-" + name);
        Path p = base;
        for (int i = 2; Files.exists(p); i++) {
            p = base.resolveSibling(base.getFileName() + "-" + i);
        }
        return p;
    }

    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** The folder. */
    public Path path() {
        return folder;
    }

    @Override
    public void onIteration(IterationEvent event) {
        try {
            telemetry.write(TelemetryFile.line(event));
            telemetry.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write telemetry to " + folder, e);
        }
    }

    @Override
    public void onEpoch(EpochEvent e) {
        try {
            epochs.write(EpochsFile.line(e));
            epochs.newLine();
            epochs.flush();
            telemetry.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write epochs to " + folder, ex);
        }
    }

    @Override
    public void beforeCheckpoint() {
        try {
            telemetry.flush();
            epochs.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush run files in " + folder, e);
        }
    }

    @Override
    public void onFinish(TrainingResult result) {
        Map<String, Object> summary = RunSummary.of(result, Instant.now()).toTree();
        summary.put(RunSummary.PROVENANCE, provenance);
        try {
            telemetry.flush();
            AtomicFiles.write(folder.resolve(RunFiles.SUMMARY), Json.writePretty(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write summary to " + folder, e);
        }
    }

    @Override
    public void close() {
        try {
            telemetry.close();
            epochs.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close run files in " + folder, e);
        }
    }
}
