package vsam.bench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vsam.api.config.Json;

/**
 * The result of one finished run as its folder records it ({@code summary.json}, {@code epochs.csv} and the step
 * times of {@code telemetry.jsonl}), under the experiment's label for its method.
 *
 * @param label         the variant label (e.g. {@code vsam-g0}; the summary itself says {@code vsam})
 * @param seed          the run seed
 * @param completed     whether the summary says the run completed
 * @param finalAccuracy test accuracy after the last epoch, in [0, 1]
 * @param bestAccuracy  best test accuracy over the epochs
 * @param trainSeconds  training time, evaluation excluded
 * @param quietStepSeconds the steps' time on a quiet machine, {@link Telemetry#quietStepSeconds()}; NaN without
 *                      step times
 * @param passesPerStep forward/backward passes per iteration (SGD 1, SAM 2)
 * @param samFraction   SAM steps / iterations
 * @param epochs        per-epoch test accuracy against training time so far
 */
public record RunRecord(String label, long seed, boolean completed, double finalAccuracy, double bestAccuracy,
                        double trainSeconds, double quietStepSeconds, double passesPerStep, double samFraction,
                        List<EpochPoint> epochs) {

    /**
     * One row of {@code epochs.csv}.
     *
     * @param epoch        epoch index from 0
     * @param trainSeconds training time so far
     * @param testAccuracy test accuracy after the epoch
     * @param samFraction  SAM fraction so far
     */
    public record EpochPoint(int epoch, double trainSeconds, double testAccuracy, double samFraction) {
    }

    public RunRecord {
        epochs = List.copyOf(epochs);
    }

    /** Whether {@code folder}'s summary says the run completed (the experiment then skips it). */
    public static boolean isCompleted(Path folder) {
        Path summary = folder.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return false;
        }
        try {
            Object tree = Json.parse(Files.readString(summary, StandardCharsets.UTF_8));
            return tree instanceof Map<?, ?> m && "completed".equals(m.get("status"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The run in {@code folder}, when its summary exists and can be read. */
    public static Optional<RunRecord> read(Path folder, String label, long seed) {
        Path summary = folder.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return Optional.empty();
        }
        try {
            Map<?, ?> s = (Map<?, ?>) Json.parse(Files.readString(summary, StandardCharsets.UTF_8));
            return Optional.of(new RunRecord(label, seed, "completed".equals(s.get("status")), number(s, "finalAccuracy"),
                    number(s, "bestAccuracy"), number(s, "trainSeconds"), Telemetry.read(folder).quietStepSeconds(),
                    number(s, "passesPerStep"), number(s, "samFraction"), epochs(folder.resolve("epochs.csv"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary, e);
        }
    }

    private static double number(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The rows of an {@code epochs.csv} (header {@code epoch,iterations,train_loss,test_loss,test_accuracy,train_seconds,...}). */
    static List<EpochPoint> epochs(Path csv) throws IOException {
        List<EpochPoint> points = new ArrayList<>();
        if (!Files.isRegularFile(csv)) {
            return points;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return points;
        }
        List<String> header = List.of(lines.get(0).split(","));
        int epoch = header.indexOf("epoch");
        int acc = header.indexOf("test_accuracy");
        int seconds = header.indexOf("train_seconds");
        int fraction = header.indexOf("sam_fraction");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length == header.size()) {
                points.add(new EpochPoint(Integer.parseInt(f[epoch]), Double.parseDouble(f[seconds]),
                        Double.parseDouble(f[acc]), Double.parseDouble(f[fraction])));
            }
        }
        return points;
    }
}
