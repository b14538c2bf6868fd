package vsam.algorithm.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import vsam.api.config.ConfigJson;
import vsam.api.config.Json;
import vsam.api.telemetry.IterationEvent;

/**
 * The format of a run folder's {@code telemetry.jsonl}: one {@link IterationEvent} per line as a JSON
 * object named by the record's fields (NaN written as {@code null}), written by {@link RunFolder} and read
 * back by {@link RunFolderReader}.
 */
public final class TelemetryFile {

    private TelemetryFile() {
    }

    /** The line of one iteration, without its line break. */
    public static String line(IterationEvent event) {
        return Json.write(ConfigJson.toTree(event));
    }

    /**
     * Hands each iteration recorded in {@code file} to {@code sink}, in order; nothing when the file is
     * absent. A field missing from a line reads as NaN (numbers), 0 ({@code epoch}, {@code stepNanos}) or
     * false ({@code sampled}); missing {@code passes} count one pass per step plus one per sampled step. A
     * malformed last line (a run still writing it, or killed) is left out.
     *
     * @throws RunFolderException when the file cannot be read, or a line before the last is not an
     *                            iteration
     */
    public static void read(Path file, Consumer<IterationEvent> sink) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long passes = 0;
            int number = 0;
            for (String line = in.readLine(), next; line != null; line = next) {
                next = in.readLine();
                number++;
                if (line.isBlank()) {
                    continue;
                }
                IterationEvent event;
                try {
                    event = parse(line, passes);
                } catch (IllegalArgumentException e) { // malformed JSON (ConfigException), or not an iteration
                    if (next == null) {
                        break;
                    }
                    throw new RunFolderException(file + ": line " + number + ": " + e.getMessage());
                }
                passes = event.passes();
                sink.accept(event);
            }
        } catch (IOException e) {
            throw new RunFolderException("cannot read " + file + ": " + IoProblem.describe(e));
        }
    }

    private static IterationEvent parse(String line, long passesBefore) {
        if (!(Json.parse(line) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        if (!(m.get("iteration") instanceof Number iteration)) {
            throw new IllegalArgumentException("no iteration");
        }
        boolean sampled = Boolean.TRUE.equals(m.get("sampled"));
        long passes = m.get("passes") instanceof Number n ? n.longValue() : passesBefore + (sampled ? 2 : 1);
        return new IterationEvent(iteration.longValue(), (int) whole(m, "epoch"), sampled, number(m, "s"),
                number(m, "sOverK"), number(m, "samFraction"), number(m, "loss"), number(m, "gradNorm"),
                number(m, "psfNorm"), number(m, "psfRatio"), number(m, "variation"), number(m, "learningRate"),
                whole(m, "stepNanos"), passes);
    }

    private static double number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static long whole(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
