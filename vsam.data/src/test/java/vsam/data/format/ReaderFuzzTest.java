package vsam.data.format;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vsam.api.model.Shape;
import vsam.data.DataException;

/**
 * Feeds the readers many damaged inputs (byte flips, truncations, random headers, random bytes,
 * damaged gzip streams) and checks that nothing but {@link DataException} ever escapes.
 */
class ReaderFuzzTest {

    private static final int CASES = 12_000;

    /** One mutation of {@code valid}, chosen by {@code r}; sometimes gzip-compressed before or after. */
    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        boolean gzipFirst = r.nextInt(4) == 0;
        if (gzipFirst) {
            b = IdxWriter.gzip(b);
        }
        switch (r.nextInt(7)) {
            case 0: {                                     // flip a few bytes
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
                break;
            }
            case 1:                                       // truncate
                b = Arrays.copyOf(b, r.nextInt(b.length + 1));
                break;
            case 2: {                                     // random header integers
                ByteBuffer bb = ByteBuffer.wrap(b);
                int ints = Math.min(4, b.length / 4);
                for (int i = 0; i < ints; i++) {
                    if (r.nextBoolean()) {
                        bb.putInt(i * 4, r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(64) - 8);
                    }
                }
                break;
            }
            case 3: {                                     // random bytes
                b = new byte[r.nextInt(80)];
                r.nextBytes(b);
                if (r.nextBoolean() && b.length >= 2) {
                    b[0] = 0x1F;
                    b[1] = (byte) 0x8B;
                }
                break;
            }
            case 4:                                       // extra bytes at the end
                b = Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
                break;
            case 5: {                                     // flips and a truncation
                for (int i = 0; i < 2 && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                b = Arrays.copyOf(b, r.nextInt(b.length + 1));
                break;
            }
            default:                                      // unchanged (the valid path is exercised too)
                break;
        }
        if (!gzipFirst && r.nextInt(4) == 0) {
            b = IdxWriter.gzip(b);
        }
        return b;
    }

    @Test
    void idxReaderThrowsOnlyDataException() {
        Random r = new Random(20240311);
        byte[] images = IdxBytes.validImages(5, 4, 3);
        byte[] labels = IdxBytes.validLabels(5, 10);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] x = r.nextInt(3) == 0 ? images : mutate(images, r);
            byte[] y = r.nextInt(3) == 0 ? labels : mutate(labels, r);
            Optional<Shape> shape = r.nextBoolean() ? Optional.empty() : Optional.of(new Shape(1, 4, 3));
            try {
                IdxReader.read(NamedInput.of("images#" + i, x), NamedInput.of("labels#" + i, y), "fuzz", 10, shape);
                accepted++;
            } catch (DataException e) {
                assertTrue(e.getMessage().contains("#" + i), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail("case " + i + ": " + t + "\nimages " + Arrays.toString(x) + "\nlabels " + Arrays.toString(y), t);
            }
        }
        assertTrue(accepted > 100 && rejected > CASES / 2, "accepted " + accepted + ", rejected " + rejected);
    }

    @Test
    void cifarReaderThrowsOnlyDataException() {
        Random r = new Random(77);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            CifarFormat format = r.nextBoolean() ? CifarFormat.CIFAR_10 : CifarFormat.CIFAR_100;
            byte[] valid = IdxBytes.cifar(r.nextBoolean() ? format : CifarFormat.values()[r.nextInt(2)], 1 + r.nextInt(2));
            byte[] b = mutate(valid, r);
            OptionalInt expected = r.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(1 + r.nextInt(2));
            try {
                CifarReader.read(List.of(NamedInput.of("cifar#" + i, b)), format, "fuzz", expected);
                accepted++;
            } catch (DataException e) {
                assertTrue(e.getMessage().contains("#" + i), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail("case " + i + ": " + t + "\nbytes " + Arrays.toString(b), t);
            }
        }
        assertTrue(accepted > 100 && rejected > CASES / 3, "accepted " + accepted + ", rejected " + rejected);
    }

    @Test
    void csvReaderThrowsOnlyDataException() {
        Random r = new Random(4180);
        byte[] valid = "a,\"b\"\"x\",label\r\n1.5,-2,cat\n3,4e2,\"dog, big\"\n0,0,cat\n".getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] b = mutate(valid, r);
            try {
                CsvTable.Rows rows = CsvTable.read(NamedInput.of("table#" + i, b), "label");
                rows.dataset("fuzz", rows.classes());
                accepted++;
            } catch (DataException e) {
                assertTrue(e.getMessage().contains("#" + i), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail("case " + i + ": " + t + "\nbytes " + Arrays.toString(b), t);
            }
        }
        assertTrue(accepted > 100 && rejected > CASES / 3, "accepted " + accepted + ", rejected " + rejected);
    }
}
