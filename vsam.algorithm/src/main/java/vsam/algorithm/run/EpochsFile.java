package vsam.algorithm.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vsam.api.telemetry.EpochEvent;

/**
 * The format of a run folder's {@code epochs.csv}: the header {@link #HEADER}, then one {@link EpochEvent}
 * per line, written by {@link RunFolder} and read back by {@link RunFolderReader}.
 */
public final class EpochsFile {

    /** The columns; the last two are derived from the others and only read by people. */
    public static final String HEADER =
            "epoch,iterations,train_loss,test_loss,test_accuracy,train_seconds,sam_steps,passes,sam_fraction,passes_per_step";

    private static final String[] READ = {"epoch", "iterations", "train_loss", "test_loss", "test_accuracy", "train_seconds",
        "sam_steps", "passes"};

    private EpochsFile() {
    }

    /** The line of one epoch, without its line break. */
    public static String line(EpochEvent e) {
        return String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.3f,%d,%d,%.6f,%.4f", e.epoch(), e.iterations(),
                e.trainLoss(), e.testLoss(), e.testAccuracy(), e.trainSeconds(), e.samSteps(), e.passes(),
                e.samFraction(), e.passesPerStep());
    }

    /**
     * The epochs recorded in {@code file}, columns found by their names in the header; none when the file
     * is absent or empty. A malformed last line (a run killed while writing it) is left out.
     *
     * @throws RunFolderException when the file cannot be read, lacks a column, or has a malformed line before the last
     */
    public static List<EpochEvent> read(Path file) {
        List<EpochEvent> epochs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return epochs;
        }
        List<List<String>> rows;
        try {
            rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RunFolderException("cannot read " + file + ": " + IoProblem.describe(e));
        }
        if (rows.isEmpty()) {
            return epochs;
        }
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            column.put(rows.get(0).get(i).strip(), i);
        }
        for (String name : READ) {
            if (!column.containsKey(name)) {
                throw new RunFolderException(file + ": no column '" + name + "' in the header");
            }
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            try {
                epochs.add(new EpochEvent(Integer.parseInt(cell(cells, column, "epoch")),
                        Long.parseLong(cell(cells, column, "iterations")), number(cells, column, "train_loss"),
                        number(cells, column, "test_loss"), number(cells, column, "test_accuracy"),
                        number(cells, column, "train_seconds"), Long.parseLong(cell(cells, column, "sam_steps")),
                        Long.parseLong(cell(cells, column, "passes"))));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                if (r == rows.size() - 1) {
                    break;
                }
                throw new RunFolderException(file + ": line " + (r + 1) + " is malformed: " + String.join(",", cells));
            }
        }
        return epochs;
    }

    private static String cell(List<String> cells, Map<String, Integer> column, String name) {
        return cells.get(column.get(name)).strip();
    }

    private static double number(List<String> cells, Map<String, Integer> column, String name) {
        return Double.parseDouble(cell(cells, column, name));
    }
}
