package vsam.gui.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vsam.algorithm.run.RunFolderException;
import vsam.api.config.ConfigException;
import vsam.api.config.ConfigJson;
import vsam.api.config.Json;
import vsam.api.config.RunConfig;
import vsam.gui.chart.DecimatingSeries;
import vsam.gui.chart.Ema;
import vsam.gui.chart.Reduction;
import vsam.gui.chart.SeriesStyle;

/**
 * Reads run folders as {@link vsam.algorithm.run.RunFolder} writes them: {@code config.json} (required),
 * {@code summary.json} (absent while a run is still going or when it crashed), {@code epochs.csv} and
 * {@code telemetry.jsonl}. Curves are decimated to at most {@link #CURVE_POINTS} points.
 */
public final class RunFolderReader {

    /** Stored points per overlay curve. */
    public static final int CURVE_POINTS = 2048;

    private RunFolderReader() {
    }

    /**
     * The runs in {@code folder}: the folder itself when it holds {@code config.json}, else each of its
     * sub-folders that does (a {@code vsam compare} output, or the {@code runs} folder), sorted by name.
     *
     * @throws RunFolderException when there is no run there, or a run's files cannot be read
     */
    public static List<RunRecord> readAll(Path folder) {
        if (Files.isRegularFile(folder.resolve("config.json"))) {
            return List.of(read(folder));
        }
        if (!Files.isDirectory(folder)) {
            throw new RunFolderException(folder + ": not a folder");
        }
        List<Path> runs;
        try (Stream<Path> children = Files.list(folder)) {
            runs = children.filter(p -> Files.isRegularFile(p.resolve("config.json"))).sorted().toList();
        } catch (IOException e) {
            throw new RunFolderException("cannot list " + folder + ": " + e.getMessage());
        }
        if (runs.isEmpty()) {
            throw new RunFolderException(folder + ": holds no run (no config.json in it or in its sub-folders)");
        }
        List<RunRecord> out = new ArrayList<>();
        for (Path p : runs) {
            out.add(read(p));
        }
        return out;
    }

    /**
     * Reads one run folder.
     *
     * @throws RunFolderException naming the folder and the file that is missing or malformed
     */
    public static RunRecord read(Path folder) {
        RunConfig config;
        try {
            config = ConfigJson.read(text(folder, "config.json"));
        } catch (ConfigException e) {
            throw new RunFolderException(folder.resolve("config.json") + ": " + e.getMessage());
        }
        List<double[]> epochs = readEpochs(folder);
        Curves curves = readTelemetry(folder);
        DecimatingSeries accuracy = series("test accuracy", SeriesStyle.LINE_AND_POINTS);
        for (double[] e : epochs) {
            accuracy.add(e[0] + 1, 100 * e[1]);
        }
        RunCurves runCurves = new RunCurves(accuracy.snapshot(), curves.loss.snapshot(), curves.samFraction.snapshot());

        Path summaryFile = folder.resolve("summary.json");
        if (Files.isRegularFile(summaryFile)) {
            Map<?, ?> s;
            try {
                Object tree = Json.parse(text(folder, "summary.json"));
                if (!(tree instanceof Map<?, ?> m)) {
                    throw new RunFolderException(summaryFile + ": expected a JSON object");
                }
                s = m;
            } catch (ConfigException e) {
                throw new RunFolderException(summaryFile + ": " + e.getMessage());
            }
            return new RunRecord(folder, config, string(s, "status", "completed"), number(s, "finalAccuracy"),
                    number(s, "bestAccuracy"), number(s, "trainSeconds"), number(s, "passesPerStep"),
                    number(s, "samFraction"), (long) number(s, "iterations"), (int) number(s, "epochsCompleted"), runCurves);
        }
        // No summary: the run is going on or ended abruptly; take what the epochs file says.
        double best = epochs.stream().mapToDouble(e -> e[1]).max().orElse(0);
        double[] last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        return new RunRecord(folder, config, "incomplete", last == null ? 0 : last[1], best, last == null ? 0 : last[2],
                last == null ? 0 : last[3], last == null ? 0 : last[4], last == null ? curves.iterations : (long) last[5],
                epochs.size(), runCurves);
    }

    /** Rows of {@code epochs.csv}: epoch, test accuracy, train seconds, passes per step, SAM fraction, iterations. */
    private static List<double[]> readEpochs(Path folder) {
        Path file = folder.resolve("epochs.csv");
        List<double[]> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return rows;
        }
        Map<String, Integer> col = new HashMap<>();
        String[] header = lines.get(0).split(",");
        for (int i = 0; i < header.length; i++) {
            col.put(header[i].strip(), i);
        }
        String[] needed = {"epoch", "test_accuracy", "train_seconds", "passes_per_step", "sam_fraction", "iterations"};
        for (String n : needed) {
            if (!col.containsKey(n)) {
                throw new RunFolderException(file + ": no column '" + n + "' in the header");
            }
        }
        for (int li = 1; li < lines.size(); li++) {
            String line = lines.get(li).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            double[] row = new double[needed.length];
            try {
                for (int k = 0; k < needed.length; k++) {
                    row[k] = Double.parseDouble(cells[col.get(needed[k])]);
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new RunFolderException(file + ": line " + (li + 1) + " is malformed: " + line);
            }
            rows.add(row);
        }
        return rows;
    }

    private static final class Curves {
        final DecimatingSeries loss = series("smoothed loss", SeriesStyle.LINE);
        final DecimatingSeries samFraction = series("SAM fraction", SeriesStyle.LINE);
        long iterations;
    }

    private static Curves readTelemetry(Path folder) {
        Curves c = new Curves();
        Path file = folder.resolve("telemetry.jsonl");
        if (!Files.isRegularFile(file)) {
            return c;
        }
        Ema ema = new Ema(0.95);
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Object tree;
            try {
                tree = Json.parse(line);
            } catch (ConfigException e) {
                if (i == lines.size() - 1) {
                    break; // the last line of a run still being written may be cut short
                }
                throw new RunFolderException(file + ": line " + (i + 1) + ": " + e.getMessage());
            }
            if (tree instanceof Map<?, ?> m) {
                double it = number(m, "iteration");
                c.loss.add(it, ema.add(number(m, "loss")));
                c.samFraction.add(it, number(m, "samFraction"));
                c.iterations = (long) it + 1;
            }
        }
        return c;
    }

    private static DecimatingSeries series(String name, SeriesStyle style) {
        return new DecimatingSeries(name, style, 0, Reduction.MEAN, CURVE_POINTS, () -> { });
    }

    private static double number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String string(Map<?, ?> m, String key, String fallback) {
        return m.get(key) instanceof String s ? s : fallback;
    }

    private static String text(Path folder, String name) {
        Path file = folder.resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFolderException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new RunFolderException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
