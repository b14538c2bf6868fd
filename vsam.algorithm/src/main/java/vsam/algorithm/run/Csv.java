package vsam.algorithm.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of every table the project writes ({@code epochs.csv}, the comparison and experiment
 * tables) and reads back: cells separated by commas, rows by a line break; a cell holding a comma, a
 * quote or a line break is quoted, its quotes doubled (RFC 4180).
 */
public final class Csv {

    private Csv() {
    }

    /** {@code text} as one cell: unchanged, or quoted when it holds a comma, a quote or a line break. */
    public static String cell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * The rows of {@code text}, each a list of cells with their quoting undone. A line break inside quotes
     * belongs to the cell; {@code \r\n} ends a row as {@code \n} does; an empty line is a row of one empty
     * cell; nothing follows the last line break.
     */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c != '"') {
                    cell.append(c);
                } else if (i < text.length() && text.charAt(i) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty() || quoted) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
