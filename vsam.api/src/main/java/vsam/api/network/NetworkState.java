package vsam.api.network;

import java.util.Arrays;

/**
 * Everything a network holds that training changes: the trainable parameters (flat, in segment order)
 * and the BatchNorm running buffers (per BatchNorm layer in spec order: running mean then running
 * variance, concatenated). Used for checkpoints and for comparing backends.
 */
public record NetworkState(float[] parameters, float[] buffers) {

    public NetworkState {
        parameters = parameters.clone();
        buffers = buffers.clone();
    }

    @Override
    public float[] parameters() {
        return parameters.clone();
    }

    @Override
    public float[] buffers() {
        return buffers.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkState s && Arrays.equals(parameters, s.parameters) && Arrays.equals(buffers, s.buffers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(parameters) + Arrays.hashCode(buffers);
    }

    @Override
    public String toString() {
        return "NetworkState[" + parameters.length + " parameters, " + buffers.length + " buffer values]";
    }
}
