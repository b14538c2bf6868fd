package vsam.data.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vsam.data.DataException;
import vsam.data.Dataset;

/**
 * A CSV table of one's own (RFC 4180: comma-separated, fields optionally in double quotes with {@code ""}
 * for a quote, {@code LF} or {@code CRLF} line ends, UTF-8): a header row naming the columns, then one
 * example per row. The column named by the label column holds the class (any text); every other column
 * is a numeric feature, in header order. Classes are the training split's distinct labels, sorted
 * (numerically when every label is an integer), so label {@code i} is the {@code i}-th of them.
 *
 * <p>A problem is one {@link DataException} naming the input and the line: a ragged row, a value that is
 * not a finite number, an empty value, a missing label column, a test label the training split lacks.
 */
public final class CsvTable {

    /** The largest table read, so a damaged file cannot exhaust memory. */
    static final long MAX_BYTES = 1L << 30;

    /**
     * A table as read, before its labels are numbered.
     *
     * @param source   what messages call the input
     * @param features the feature columns' names, in header order
     * @param values   {@code rows · features.size()} values, row after row
     * @param labels   each row's label text
     * @param lines    each row's line number in the input (from 1, the header being line 1)
     */
    public record Rows(String source, List<String> features, float[] values, List<String> labels, int[] lines) {

        /** Number of rows. */
        public int size() {
            return labels.size();
        }

        /** The distinct labels, sorted: numerically when all are integers, else as text. */
        public List<String> classes() {
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(labels));
            boolean integers = distinct.stream().allMatch(CsvTable::isInteger);
            distinct.sort(integers ? Comparator.comparing(java.math.BigInteger::new) : Comparator.naturalOrder());
            return distinct;
        }

        /**
         * These rows as a data set whose label {@code i} is {@code classes.get(i)}.
         *
         * @throws DataException naming the line of a label not among {@code classes}
         */
        public Dataset dataset(String name, List<String> classes) {
            Map<String, Integer> index = new HashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                index.put(classes.get(c), c);
            }
            int[] numbers = new int[labels.size()];
            for (int r = 0; r < numbers.length; r++) {
                Integer c = index.get(labels.get(r));
                if (c == null) {
                    throw new DataException(source + ":" + lines[r] + ": label '" + labels.get(r)
                            + "' is not a class of the training table (" + String.join(", ", classes) + ")");
                }
                numbers[r] = c;
            }
            return Dataset.table(name, features.size(), classes.size(), values, numbers);
        }
    }

    private CsvTable() {
    }

    /**
     * Reads a table whose column {@code labelColumn} holds the class.
     *
     * @throws DataException naming the input (and line) when it cannot be read or is not such a table
     */
    public static Rows read(NamedInput input, String labelColumn) {
        String text = text(input);
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        parse(text, input.name(), records, lines);
        if (records.isEmpty()) {
            throw new DataException(input.name() + ": an empty file; a table needs a header row and data rows");
        }
        List<String> header = records.get(0);
        int label = header.indexOf(labelColumn);
        if (label < 0) {
            throw new DataException(input.name() + ":1: no column '" + labelColumn + "' (--label-column) in the header: "
                    + String.join(", ", header));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : header) {
            if (!seen.add(name)) {
                throw new DataException(input.name() + ":1: column '" + name + "' appears twice in the header");
            }
        }
        int columns = header.size() - 1;
        if (columns == 0) {
            throw new DataException(input.name() + ":1: no feature columns beside the label column '" + labelColumn + "'");
        }
        int rows = records.size() - 1;
        if (rows == 0) {
            throw new DataException(input.name() + ": a header but no data rows");
        }
        float[] values = new float[Math.multiplyExact(rows, columns)];
        List<String> labels = new ArrayList<>(rows);
        int[] rowLines = new int[rows];
        for (int r = 0; r < rows; r++) {
            List<String> record = records.get(r + 1);
            int line = lines.get(r + 1);
            if (record.size() != header.size()) {
                throw new DataException(input.name() + ":" + line + ": " + record.size() + " fields, but the header has "
                        + header.size());
            }
            int j = 0;
            for (int f = 0; f < record.size(); f++) {
                if (f == label) {
                    continue;
                }
                values[r * columns + j++] = number(record.get(f), header.get(f), input.name(), line);
            }
            String value = record.get(label).strip();
            if (value.isEmpty()) {
                throw new DataException(input.name() + ":" + line + ": an empty label in column '" + labelColumn + "'");
            }
            labels.add(value);
            rowLines[r] = line;
        }
        List<String> features = new ArrayList<>(header);
        features.remove(label);
        return new Rows(input.name(), List.copyOf(features), values, List.copyOf(labels), rowLines);
    }

    private static float number(String field, String column, String source, int line) {
        String t = field.strip();
        if (t.isEmpty()) {
            throw new DataException(source + ":" + line + ": column '" + column + "' is empty (missing values are not supported)");
        }
        float v;
        try {
            v = Float.parseFloat(t);
        } catch (NumberFormatException e) {
            throw new DataException(source + ":" + line + ": column '" + column + "': '" + shorten(t) + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw new DataException(source + ":" + line + ": column '" + column + "': '" + shorten(t) + "' is not a finite number");
        }
        return v;
    }

    /** Splits {@code text} into records of fields, each with the line it starts on; blank lines are skipped. */
    private static void parse(String text, String source, List<List<String>> records, List<Integer> lines) {
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        while (i < text.length()) {
            int start = line;
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean blank = true;
            while (true) {
                if (i < text.length() && text.charAt(i) == '"' && field.isEmpty()) {
                    blank = false;
                    i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw new DataException(source + ":" + start + ": a quoted field is not closed");
                        }
                        char c = text.charAt(i++);
                        if (c == '"') {
                            if (i < text.length() && text.charAt(i) == '"') {
                                field.append('"');
                                i++;
                                continue;
                            }
                            break;
                        }
                        line += c == '\n' ? 1 : 0;
                        field.append(c);
                    }
                    if (i < text.length() && ",\r\n".indexOf(text.charAt(i)) < 0) {
                        throw new DataException(source + ":" + line + ": text after a closing quote");
                    }
                }
                if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                    record.add(field.toString());
                    if (i < text.length() && text.charAt(i) == '\r') {
                        i++;
                    }
                    if (i < text.length() && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    break;
                }
                char c = text.charAt(i++);
                if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    blank = false;
                } else {
                    if (c == '"') {
                        throw new DataException(source + ":" + line + ": a quote inside an unquoted field");
                    }
                    blank &= Character.isWhitespace(c);
                    field.append(c);
                }
            }
            if (!blank) {
                records.add(record);
                lines.add(start);
            }
        }
    }

    private static String text(NamedInput input) {
        byte[] bytes;
        try (InputStream in = input.opener().open()) {
            bytes = in.readNBytes((int) Math.min(MAX_BYTES + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new DataException(input.name() + ": cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new DataException(input.name() + ": larger than " + (MAX_BYTES >> 20) + " MiB, the most a table may hold");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(input.name() + ": not UTF-8 text");
        }
    }

    private static boolean isInteger(String s) {
        return s.matches("-?[0-9]{1,18}");
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
