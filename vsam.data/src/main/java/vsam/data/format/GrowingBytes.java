package vsam.data.format;

import java.util.Arrays;

/**
 * An append-only byte array that grows as data actually arrives, so that a header claiming a huge
 * size cannot make a reader allocate that much before the data runs out.
 */
final class GrowingBytes {

    /** Largest array length the JVMs we run on hand out reliably. */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 16;

    private byte[] data;
    private int length;

    GrowingBytes(long expectedLength) {
        data = new byte[(int) Math.max(16, Math.min(expectedLength, 1 << 16))];
    }

    /** Room for at least {@code more} further bytes, growing at most to {@code limit} bytes in all. */
    void reserve(int more, long limit) {
        long needed = (long) length + more;
        if (needed > data.length) {
            long grown = Math.max(needed, Math.min((long) data.length * 2, limit));
            data = Arrays.copyOf(data, (int) Math.min(grown, MAX_LENGTH));
        }
    }

    byte[] array() {
        return data;
    }

    int length() {
        return length;
    }

    void advance(int count) {
        length += count;
    }

    void append(byte[] bytes, int offset, int count) {
        reserve(count, MAX_LENGTH);
        System.arraycopy(bytes, offset, data, length, count);
        length += count;
    }

    /** The bytes appended so far, in an array of exactly that length. */
    byte[] toArray() {
        return data.length == length ? data : Arrays.copyOf(data, length);
    }
}
