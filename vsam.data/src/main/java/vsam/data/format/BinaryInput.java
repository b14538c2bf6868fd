package vsam.data.format;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import vsam.data.DataException;

/**
 * A {@link NamedInput} opened for reading, transparently gunzipped when its first two bytes are the
 * gzip magic {@code 1f 8b}. Every failure, from a missing file to a corrupt gzip stream, leaves as a
 * {@link DataException} that names the input.
 */
final class BinaryInput implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final String name;
    private final InputStream in;
    private final boolean gzip;
    private long position;

    private BinaryInput(String name, InputStream in, boolean gzip) {
        this.name = name;
        this.in = in;
        this.gzip = gzip;
    }

    /** Opens {@code input}, detecting gzip compression by its magic bytes. */
    static BinaryInput open(NamedInput input) {
        String name = input.name();
        InputStream raw;
        try {
            raw = input.opener().open();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw DataException.about(name, "file not found", e);
        } catch (AccessDeniedException e) {
            throw DataException.about(name, "permission denied", e);
        } catch (IOException e) {
            throw DataException.about(name, "cannot open: " + describe(e), e);
        }
        if (raw == null) {
            throw DataException.about(name, "file not found");
        }
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            if (first == 0x1F && second == 0x8B) {
                return new BinaryInput(name, new GZIPInputStream(buffered, BUFFER), true);
            }
            return new BinaryInput(name, buffered, false);
        } catch (IOException e) {
            closeQuietly(raw);
            throw failure(name, true, e);
        }
    }

    /** The input's name, for messages. */
    String name() {
        return name;
    }

    /** Whether the content is gzip-compressed. */
    boolean gzip() {
        return gzip;
    }

    /** Bytes delivered so far (after decompression). */
    long position() {
        return position;
    }

    /**
     * Reads until {@code length} bytes are in {@code buffer} from {@code offset} or the data ends.
     *
     * @return the number of bytes read; less than {@code length} only at the end of the data
     */
    int readUpTo(byte[] buffer, int offset, int length) {
        int done = 0;
        try {
            while (done < length) {
                int n = in.read(buffer, offset + done, length - done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
        } catch (IOException e) {
            throw failure(name, gzip, e);
        }
        position += done;
        return done;
    }

    /** A big-endian 32-bit integer; {@code what} names it in the message if the data ends first. */
    int readInt(String what) {
        byte[] b = new byte[4];
        int n = readUpTo(b, 0, 4);
        if (n < 4) {
            throw position == 0 ? problem("empty file") : truncated("truncated: the data ends inside the " + what);
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /**
     * Exactly {@code count} bytes; {@code what} describes them ("pixel bytes of 60000 images of 28x28")
     * in the message if fewer are present. The array grows with the data actually present, so a
     * lying header cannot force a huge allocation.
     */
    byte[] readExactly(long count, String what) {
        if (count > GrowingBytes.MAX_LENGTH) {
            throw DataException.about(name, "too large: " + what + " would need " + count
                    + " bytes, more than one array can hold");
        }
        GrowingBytes bytes = new GrowingBytes(count);
        while (bytes.length() < count) {
            int want = (int) Math.min(count - bytes.length(), 1 << 20);
            bytes.reserve(want, count);
            int n = readUpTo(bytes.array(), bytes.length(), want);
            bytes.advance(n);
            if (n < want) {
                throw truncated("truncated: only " + bytes.length() + " of the " + count + " " + what + " are present");
            }
        }
        return bytes.toArray();
    }

    /** Whether the data has ended (reads and discards at most one byte). */
    boolean atEnd() {
        byte[] one = new byte[1];
        return readUpTo(one, 0, 1) == 0;
    }

    /** A {@link DataException} naming this input. */
    DataException problem(String problem) {
        return DataException.about(name, problem);
    }

    private DataException truncated(String problem) {
        return DataException.about(name, problem + (gzip ? " (after decompression)" : ""));
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static DataException failure(String name, boolean gzip, IOException e) {
        if (e instanceof EOFException && gzip) {
            return DataException.about(name, "truncated: the gzip stream ends early", e);
        }
        if (e instanceof ZipException) {
            return DataException.about(name, "corrupt gzip data: " + describe(e), e);
        }
        if (e instanceof EOFException) {
            return DataException.about(name, "truncated: " + describe(e), e);
        }
        return DataException.about(name, "cannot read: " + describe(e), e);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing was written, so nothing can be lost by a failed close
        }
    }
}
