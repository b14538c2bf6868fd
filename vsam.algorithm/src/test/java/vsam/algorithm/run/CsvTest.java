package vsam.algorithm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cells written with {@link Csv#cell} parse back to themselves. */
class CsvTest {

    @Test
    void aCellWithACommaAndAQuoteRoundTrips() {
        String tricky = "runs/a,b \"quoted\"";
        String line = String.join(",", Csv.cell("vsam"), Csv.cell(tricky), Csv.cell("0.5")) + "\n";
        assertEquals("vsam,\"runs/a,b \"\"quoted\"\"\",0.5\n", line);
        assertEquals(List.of(List.of("vsam", tricky, "0.5")), Csv.parse(line));
    }

    @Test
    void aLineBreakInsideQuotesStaysInItsCell() {
        String text = "a,b\r\n" + Csv.cell("two\nlines") + ",\n";
        assertEquals(List.of(List.of("a", "b"), List.of("two\nlines", "")), Csv.parse(text));
    }

    @Test
    void plainCellsAreLeftAsTheyAre() {
        assertEquals("sam-5", Csv.cell("sam-5"));
        assertEquals(List.of(List.of("x"), List.of("")), Csv.parse("x\n\n"));
    }
}
