package vsam.data.format;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import vsam.data.DataException;
import vsam.data.Dataset;

/**
 * Reads binary CIFAR-10 or CIFAR-100 files (the "binary version" archives, e.g. {@code
 * data_batch_1.bin} or {@code train.bin}) into one {@link Dataset}, the files' records concatenated
 * in the order given. The format has no header, so the checks are: the file exists and can be read,
 * its length is a whole number of records (a partial last record means a truncated file, or a file of
 * the other CIFAR variant, which the message then suggests), the record count when one is expected,
 * and every label in range (CIFAR-100: coarse below 20, fine below 100). Gzip compression is
 * recognised by the magic bytes {@code 1f 8b}. Every problem is a {@link DataException} naming the
 * file; no other exception leaves, whatever the bytes.
 */
public final class CifarReader {

    private CifarReader() {
    }

    /**
     * @param files          the files, read in order
     * @param format         CIFAR-10 or CIFAR-100 layout
     * @param name           the name of the resulting data set
     * @param recordsPerFile when present, a file with any other number of records is an error
     * @throws DataException for every problem with any file
     */
    public static Dataset read(List<NamedInput> files, CifarFormat format, String name, OptionalInt recordsPerFile) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException(name + ": no CIFAR files to read");
        }
        int pixelsPerImage = CifarFormat.SHAPE.elements();
        long hint = recordsPerFile.isPresent() ? (long) recordsPerFile.getAsInt() * files.size() : 0;
        GrowingBytes pixels = new GrowingBytes(Math.min(hint * pixelsPerImage, GrowingBytes.MAX_LENGTH));
        int[] labelBuffer = new int[Math.max(16, (int) Math.min(hint, 1 << 20))];
        int count = 0;
        byte[] record = new byte[format.recordBytes()];
        for (NamedInput file : files) {
            try (BinaryInput in = BinaryInput.open(file)) {
                int records = 0;
                String labelProblem = "";
                while (true) {
                    int n = in.readUpTo(record, 0, record.length);
                    if (n == 0) {
                        break;
                    }
                    if (n < record.length) {
                        throw partialRecord(in, format, records, n);
                    }
                    String problem = labelProblem(format, record, records);
                    if (!problem.isEmpty() && labelProblem.isEmpty()) {
                        labelProblem = problem;   // reported after the length check: a misaligned file explains it better
                    }
                    int label = record[format.labelBytes() - 1] & 0xFF;
                    if ((long) pixels.length() + pixelsPerImage > GrowingBytes.MAX_LENGTH) {
                        throw in.problem("too large: more images than one array can hold");
                    }
                    pixels.append(record, format.labelBytes(), pixelsPerImage);
                    if (count == labelBuffer.length) {
                        labelBuffer = Arrays.copyOf(labelBuffer, labelBuffer.length * 2);
                    }
                    labelBuffer[count++] = label;
                    records++;
                }
                if (!labelProblem.isEmpty()) {
                    throw in.problem(labelProblem);
                }
                if (records == 0) {
                    throw in.problem(in.position() == 0 ? "empty file" : "holds no " + format.title() + " records");
                }
                if (recordsPerFile.isPresent() && records != recordsPerFile.getAsInt()) {
                    throw in.problem("holds " + records + " records, expected " + recordsPerFile.getAsInt()
                            + " (a " + format.title() + " file)");
                }
            }
        }
        return new Dataset(name, CifarFormat.SHAPE, format.classes(), pixels.toArray(), Arrays.copyOf(labelBuffer, count));
    }

    /** What is wrong with the labels of {@code record} (number {@code index}), or an empty string. */
    private static String labelProblem(CifarFormat format, byte[] record, int index) {
        if (format == CifarFormat.CIFAR_100) {
            int coarse = record[0] & 0xFF;
            if (coarse >= CifarFormat.COARSE_CLASSES) {
                return "coarse label " + coarse + " of record " + index + " is outside [0, "
                        + CifarFormat.COARSE_CLASSES + ")";
            }
        }
        int label = record[format.labelBytes() - 1] & 0xFF;
        if (label >= format.classes()) {
            return (format == CifarFormat.CIFAR_100 ? "fine label " : "label ") + label + " of record "
                    + index + " is outside [0, " + format.classes() + ")";
        }
        return "";
    }

    private static DataException partialRecord(BinaryInput in, CifarFormat format, int complete, int partial) {
        long length = in.position();
        String hint = "";
        for (CifarFormat other : CifarFormat.values()) {
            if (other != format && length % other.recordBytes() == 0) {
                hint = "; its length fits " + other.title() + " records of " + other.recordBytes() + " bytes";
            }
        }
        return in.problem("truncated or wrong image size: " + length + " bytes are not a whole number of "
                + format.title() + " records of " + format.recordBytes() + " bytes (the last of "
                + (complete + 1) + " records has only " + partial + " bytes)" + hint);
    }
}
