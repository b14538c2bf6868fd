package vsam.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.data.DataException;
import vsam.data.Dataset;

class CifarReaderTest {

    @TempDir
    Path dir;

    private NamedInput write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return NamedInput.of(p);
    }

    private static DataException failure(List<NamedInput> files, CifarFormat format, OptionalInt count) {
        return assertThrows(DataException.class, () -> CifarReader.read(files, format, "c", count));
    }

    private static void assertNames(DataException e, String file, String problem) {
        String m = e.getMessage();
        assertTrue(m.contains(file), () -> "message lacks the file name " + file + ": " + m);
        assertTrue(m.contains(problem), () -> "message lacks '" + problem + "': " + m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void readsCifar10FilesInOrderRawAndGzip() throws IOException {
        byte[] a = IdxBytes.cifar(CifarFormat.CIFAR_10, 3);
        byte[] b = IdxBytes.cifar(CifarFormat.CIFAR_10, 3);
        Dataset d = CifarReader.read(List.of(write("data_batch_1.bin", a), write("data_batch_2.bin", IdxWriter.gzip(b))),
                CifarFormat.CIFAR_10, "c10", OptionalInt.of(3));
        assertEquals(6, d.size());
        assertEquals(CifarFormat.SHAPE, d.shape());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, d.labels());
        // record 1's red pixel 0 is (1 + 0), its blue pixel 1023 is (1 + 2047 + 1024) & 0xFF
        assertEquals(1, d.pixel(1, 0));
        assertEquals((1 + 3071) & 0xFF, d.pixel(1, 3071));
        assertEquals(d.pixel(1, 5), d.pixel(4, 5));
    }

    @Test
    void readsCifar100FineLabels() throws IOException {
        byte[] records = IdxBytes.cifar(CifarFormat.CIFAR_100, 120);
        Dataset d = CifarReader.read(List.of(write("train.bin", records)), CifarFormat.CIFAR_100, "c100", OptionalInt.empty());
        assertEquals(120, d.size());
        assertEquals(100, d.classes());
        assertEquals(99, d.label(99));
        assertEquals(5, d.label(105));
        assertEquals(7, d.pixel(7, 0));
    }

    @Test
    void missingFileIsNamed() throws IOException {
        NamedInput ok = write("data_batch_1.bin", IdxBytes.cifar(CifarFormat.CIFAR_10, 2));
        NamedInput missing = NamedInput.of(dir.resolve("data_batch_2.bin"));
        assertNames(failure(List.of(ok, missing), CifarFormat.CIFAR_10, OptionalInt.empty()), "data_batch_2.bin", "file not found");
    }

    @Test
    void truncatedRecordIsReported() throws IOException {
        byte[] r = IdxBytes.cifar(CifarFormat.CIFAR_10, 3);
        NamedInput cut = write("test_batch.bin", Arrays.copyOf(r, r.length - 100));
        assertNames(failure(List.of(cut), CifarFormat.CIFAR_10, OptionalInt.empty()), "test_batch.bin",
                "the last of 3 records has only 2973 bytes");
        NamedInput cutGz = write("test_batch.bin.gz", IdxWriter.gzip(Arrays.copyOf(r, r.length - 100)));
        assertNames(failure(List.of(cutGz), CifarFormat.CIFAR_10, OptionalInt.empty()), "test_batch.bin.gz", "truncated");
        byte[] gz = IdxWriter.gzip(r);
        NamedInput cutStream = write("cut-stream.gz", Arrays.copyOf(gz, gz.length - 20));
        assertNames(failure(List.of(cutStream), CifarFormat.CIFAR_10, OptionalInt.empty()), "cut-stream.gz", "truncated");
    }

    @Test
    void cifar100FileReadAsCifar10IsRecognised() throws IOException {
        NamedInput wrong = write("train.bin", IdxBytes.cifar(CifarFormat.CIFAR_100, 3));
        DataException e = failure(List.of(wrong), CifarFormat.CIFAR_10, OptionalInt.empty());
        assertNames(e, "train.bin", "wrong image size");
        assertTrue(e.getMessage().contains("fits CIFAR-100 records of 3074 bytes"), e.getMessage());
    }

    @Test
    void recordCountMismatchIsReported() throws IOException {
        NamedInput short9 = write("data_batch_3.bin", IdxBytes.cifar(CifarFormat.CIFAR_10, 9));
        assertNames(failure(List.of(short9), CifarFormat.CIFAR_10, OptionalInt.of(10)), "data_batch_3.bin",
                "holds 9 records, expected 10");
    }

    @Test
    void labelsOutOfRangeAreReported() throws IOException {
        byte[] r = IdxBytes.cifar(CifarFormat.CIFAR_10, 3);
        r[2 * CifarFormat.CIFAR_10.recordBytes()] = 10;
        assertNames(failure(List.of(write("bad10.bin", r)), CifarFormat.CIFAR_10, OptionalInt.empty()), "bad10.bin",
                "label 10 of record 2 is outside [0, 10)");
        byte[] f = IdxBytes.cifar(CifarFormat.CIFAR_100, 3);
        f[CifarFormat.CIFAR_100.recordBytes() + 1] = 100;
        assertNames(failure(List.of(write("badfine.bin", f)), CifarFormat.CIFAR_100, OptionalInt.empty()), "badfine.bin",
                "fine label 100 of record 1 is outside [0, 100)");
        byte[] c = IdxBytes.cifar(CifarFormat.CIFAR_100, 3);
        c[0] = 20;
        assertNames(failure(List.of(write("badcoarse.bin", c)), CifarFormat.CIFAR_100, OptionalInt.empty()), "badcoarse.bin",
                "coarse label 20 of record 0 is outside [0, 20)");
    }

    @Test
    void emptyFileIsReported() throws IOException {
        assertNames(failure(List.of(write("empty.bin", new byte[0])), CifarFormat.CIFAR_10, OptionalInt.empty()),
                "empty.bin", "empty file");
    }
}
