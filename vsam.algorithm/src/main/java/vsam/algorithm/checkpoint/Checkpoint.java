package vsam.algorithm.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import vsam.api.network.NetworkState;
import vsam.api.telemetry.EpochEvent;

/**
 * Everything needed to continue a run exactly where it stopped: the resolved configuration (to refuse a
 * checkpoint of another run), the position (iteration, epoch, batch within the epoch — which fixes the
 * learning-rate schedule, the data order and the augmentation draws), the counters, the finished epochs,
 * the network's parameters and BatchNorm buffers, and the step's state (base optimizer buffers, the
 * sampling policy's statistics and generator state, the reuse rule's stored component).
 *
 * @param configJson     the run's resolved configuration as JSON
 * @param iteration      iterations completed
 * @param epoch          the epoch to continue in
 * @param batchInEpoch   batches of that epoch already trained on
 * @param samSteps       SAM steps so far
 * @param passes         forward/backward passes so far
 * @param trainNanos     training time so far, evaluation excluded
 * @param passNanos      time inside forward/backward passes so far
 * @param epochLossSum   sum of the clean losses of the current epoch so far
 * @param epochs         the finished epochs
 * @param network        parameters and BatchNorm buffers
 * @param stepState      what {@link vsam.algorithm.step.SharpnessAwareStep#writeState} wrote
 */
public record Checkpoint(String configJson, long iteration, int epoch, int batchInEpoch, long samSteps, long passes,
                         long trainNanos, long passNanos, double epochLossSum, List<EpochEvent> epochs,
                         NetworkState network, byte[] stepState) {

    public Checkpoint {
        epochs = List.copyOf(epochs);
        stepState = stepState.clone();
    }

    @Override
    public byte[] stepState() {
        return stepState.clone();
    }

    /** The checkpoint as bytes (the payload {@link CheckpointStore} protects with a checksum). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(configJson);
            out.writeLong(iteration);
            out.writeInt(epoch);
            out.writeInt(batchInEpoch);
            out.writeLong(samSteps);
            out.writeLong(passes);
            out.writeLong(trainNanos);
            out.writeLong(passNanos);
            out.writeDouble(epochLossSum);
            out.writeInt(epochs.size());
            for (EpochEvent e : epochs) {
                out.writeInt(e.epoch());
                out.writeLong(e.iterations());
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.testLoss());
                out.writeDouble(e.testAccuracy());
                out.writeDouble(e.trainSeconds());
                out.writeLong(e.samSteps());
                out.writeLong(e.passes());
            }
            VecState.writeFloats(out, network.parameters());
            VecState.writeFloats(out, network.buffers());
            out.writeInt(stepState.length);
            out.write(stepState);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses {@link #toBytes()}'s output. */
    public static Checkpoint fromBytes(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        String config = in.readUTF();
        long iteration = in.readLong();
        int epoch = in.readInt();
        int batch = in.readInt();
        long sam = in.readLong();
        long passes = in.readLong();
        long trainNanos = in.readLong();
        long passNanos = in.readLong();
        double lossSum = in.readDouble();
        int n = in.readInt();
        if (n < 0 || n > 1_000_000 || iteration < 0 || epoch < 0 || batch < 0) {
            throw new IOException("implausible position in checkpoint");
        }
        List<EpochEvent> epochs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            epochs.add(new EpochEvent(in.readInt(), in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readLong(), in.readLong()));
        }
        NetworkState state = new NetworkState(VecState.readFloats(in, -1), VecState.readFloats(in, -1));
        int stepBytes = in.readInt();
        if (stepBytes < 0 || stepBytes > payload.length) {
            throw new IOException("implausible step state length " + stepBytes);
        }
        byte[] step = new byte[stepBytes];
        in.readFully(step);
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected bytes after the checkpoint");
        }
        return new Checkpoint(config, iteration, epoch, batch, sam, passes, trainNanos, passNanos, lossSum, epochs, state, step);
    }
}
