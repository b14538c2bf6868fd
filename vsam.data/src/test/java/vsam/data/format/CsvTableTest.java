package vsam.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.data.DataException;
import vsam.data.Dataset;
import vsam.data.pipeline.Normalisation;

/** CSV tables: RFC 4180 fields, the label column by name, sorted classes, and one-line errors naming file and line. */
class CsvTableTest {

    private static CsvTable.Rows read(String text, String label) {
        return CsvTable.read(NamedInput.of("t.csv", text.getBytes(StandardCharsets.UTF_8)), label);
    }

    @Test
    void readsFeaturesInHeaderOrderAndTheLabelByName() {
        CsvTable.Rows rows = read("\uFEFFx,\"kind, of\",y\r\n1.5,b,-2\n\n\"3\",\"a \"\"q\"\"\",4e1\n", "kind, of");
        assertEquals(List.of("x", "y"), rows.features());
        assertArrayEquals(new float[] {1.5f, -2f, 3f, 40f}, rows.values());
        assertEquals(List.of("b", "a \"q\""), rows.labels());
        assertArrayEquals(new int[] {2, 4}, rows.lines(), "the blank line 3 is skipped, line numbers are the file's");
        assertEquals(List.of("a \"q\"", "b"), rows.classes());
        Dataset d = rows.dataset("t", rows.classes());
        assertTrue(d.isTable());
        assertEquals(2, d.shape().channels());
        assertArrayEquals(new int[] {1, 0}, d.labels());
    }

    @Test
    void integerLabelsSortNumerically() {
        assertEquals(List.of("2", "10", "100"), read("f,label\n0,10\n0,2\n0,100\n0,2\n", "label").classes());
    }

    @Test
    void eachProblemNamesTheFileAndLine() {
        assertProblem("t.csv:3: 2 fields, but the header has 3", "a,b,label\n1,2,x\n1,x\n");
        assertProblem("t.csv:2: column 'b': 'abc' is not a number", "a,b,label\n1,abc,x\n");
        assertProblem("t.csv:2: column 'a': 'NaN' is not a finite number", "a,b,label\nNaN,1,x\n");
        assertProblem("t.csv:2: column 'a' is empty (missing values are not supported)", "a,b,label\n,1,x\n");
        assertProblem("t.csv:1: no column 'label' (--label-column) in the header: a, b", "a,b\n1,2\n");
        assertProblem("t.csv:2: a quoted field is not closed", "a,label\n\"1,x\n");
        assertProblem("t.csv: a header but no data rows", "a,label\n");
        assertProblem("t.csv:1: column 'a' appears twice in the header", "a,a,label\n1,2,x\n");
        assertProblem("t.csv: not UTF-8 text", "a,label\n1,\u00ff\n", StandardCharsets.ISO_8859_1);
        DataException unknown = assertThrows(DataException.class, () -> read("a,label\n1,z\n", "label").dataset("t", List.of("x", "y")));
        assertEquals("t.csv:2: label 'z' is not a class of the training table (x, y)", unknown.getMessage());
    }

    @Test
    void columnsAreStandardisedWithTheTrainingTablesStatistics() {
        Dataset d = read("a,b,label\n1000,5,x\n1002,5,y\n1004,5,x\n", "label").dataset("t", List.of("x", "y"));
        Normalisation n = Normalisation.measure(d);
        assertEquals(1, n.scale());
        assertEquals(1002, n.mean(0), 1e-9);
        assertEquals(Math.sqrt(8.0 / 3), n.std(0), 1e-9);
        assertEquals(1, n.std(1), 0, "a constant column is centred, not blown up");
        assertEquals(0f, n.apply(1, 5.0), 0);
    }

    private static void assertProblem(String message, String text) {
        assertProblem(message, text, StandardCharsets.UTF_8);
    }

    private static void assertProblem(String message, String text, java.nio.charset.Charset charset) {
        DataException e = assertThrows(DataException.class,
                () -> CsvTable.read(NamedInput.of("t.csv", text.getBytes(charset)), "label"));
        assertEquals(message, e.getMessage());
    }
}
