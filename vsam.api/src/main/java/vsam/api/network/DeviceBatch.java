package vsam.api.network;

/**
 * A minibatch uploaded to a backend's device once per step; both SAM passes read it. Closing it frees
 * its device memory.
 */
public interface DeviceBatch extends AutoCloseable {

    /** Examples in the batch. */
    int size();

    @Override
    void close();
}
