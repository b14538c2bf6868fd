package vsam.algorithm.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import vsam.api.config.ConfigException;
import vsam.api.config.ConfigJson;
import vsam.api.config.Json;
import vsam.api.config.RunConfig;
import vsam.api.network.ExampleFormat;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;

/**
 * Reads run folders as {@link RunFolder} writes them ({@link RunFiles}): the configuration (required), the
 * summary (absent while a run goes on, or when it was killed), the epochs and the telemetry. Used by
 * resume, the desktop app's comparison and the experiment's records. Every failure is a
 * {@link RunFolderException} naming the file.
 */
public final class RunFolderReader {

    private RunFolderReader() {
    }

    /** Whether {@code folder} holds a run, that is a {@code config.json}. */
    public static boolean holdsRun(Path folder) {
        return Files.isRegularFile(folder.resolve(RunFiles.CONFIG));
    }

    /**
     * The runs in {@code folder}: the folder itself when it holds a run, else each of its sub-folders that
     * does (a comparison's folder, or a folder of runs), sorted by name.
     *
     * @throws RunFolderException when there is no run there, or the folder cannot be listed
     */
    public static List<Path> runsIn(Path folder) {
        if (holdsRun(folder)) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new RunFolderException(folder + ": not a folder");
        }
        List<Path> runs;
        try (Stream<Path> children = Files.list(folder)) {
            runs = children.filter(RunFolderReader::holdsRun).sorted().toList();
        } catch (IOException e) {
            throw new RunFolderException("cannot list " + folder + ": " + IoProblem.describe(e));
        }
        if (runs.isEmpty()) {
            throw new RunFolderException(folder + ": holds no run (no config.json in it or in its sub-folders)");
        }
        return runs;
    }

    /**
     * The configuration the run in {@code folder} was created with.
     *
     * @throws RunFolderException when the path is empty, the folder holds no run, or its configuration
     *                            cannot be read or is invalid
     */
    public static RunConfig config(Path folder) {
        RunFolder.requireUsablePath(folder);
        Path file = folder.resolve(RunFiles.CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new RunFolderException(folder + " is not a run folder (no config.json)");
        }
        try {
            return ConfigJson.read(text(file));
        } catch (ConfigException e) {
            throw new RunFolderException(file + ": " + e.getMessage());
        }
    }

    /**
     * The examples' format the run recorded in {@code data.json}, empty for a folder written before runs
     * recorded it.
     *
     * @throws RunFolderException when the file is there but unreadable or malformed
     */
    public static Optional<ExampleFormat> format(Path folder) {
        Path file = folder.resolve(RunFiles.DATA);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExampleFormat.fromJson(text(file), file.toString()));
        } catch (ConfigException e) {
            throw new RunFolderException(e.getMessage());
        }
    }

    /**
     * The summary of the run in {@code folder}; empty when there is none yet.
     *
     * @throws RunFolderException when the summary cannot be read or is not a JSON object
     */
    public static Optional<RunSummary> summary(Path folder) {
        Path file = folder.resolve(RunFiles.SUMMARY);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Object tree;
        try {
            tree = Json.parse(text(file));
        } catch (ConfigException e) {
            throw new RunFolderException(file + ": " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new RunFolderException(file + ": expected a JSON object");
        }
        return Optional.of(RunSummary.fromTree(map));
    }

    /** Whether the summary in {@code folder} says the run completed; false without a readable summary. */
    public static boolean isCompleted(Path folder) {
        try {
            return summary(folder).map(RunSummary::completed).orElse(false);
        } catch (RunFolderException e) {
            return false;
        }
    }

    /** The finished epochs of the run in {@code folder}, in order ({@link EpochsFile#read}). */
    public static List<EpochEvent> epochs(Path folder) {
        return EpochsFile.read(folder.resolve(RunFiles.EPOCHS));
    }

    /** Hands each recorded iteration of the run in {@code folder} to {@code sink}, in order ({@link TelemetryFile#read}). */
    public static void telemetry(Path folder, Consumer<IterationEvent> sink) {
        TelemetryFile.read(folder.resolve(RunFiles.TELEMETRY), sink);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFolderException("cannot read " + file + ": " + IoProblem.describe(e));
        }
    }
}
