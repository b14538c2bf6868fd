package vsam.algorithm.checkpoint;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import vsam.api.vector.Vec;

/** Writes and reads a device vector's values in checkpoints: its length, then its floats. */
public final class VecState {

    private VecState() {
    }

    public static void write(DataOutput out, Vec v) throws IOException {
        writeFloats(out, v.read());
    }

    /** Reads values into {@code v}; the stored length must equal {@code v}'s. */
    public static void read(DataInput in, Vec v) throws IOException {
        v.write(readFloats(in, v.length()));
    }

    public static void writeFloats(DataOutput out, float[] values) throws IOException {
        out.writeInt(values.length);
        byte[] bytes = new byte[values.length * 4];
        java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().put(values);
        out.write(bytes);
    }

    /** Reads a float array whose length must be {@code expected} (or anything when {@code expected < 0}). */
    public static float[] readFloats(DataInput in, long expected) throws IOException {
        int n = in.readInt();
        if (n < 0 || (expected >= 0 && n != expected)) {
            throw new IOException("stored vector has " + n + " values, expected " + expected);
        }
        byte[] bytes = new byte[n * 4];
        in.readFully(bytes);
        float[] values = new float[n];
        java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }
}
