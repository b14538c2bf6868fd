package vsam.api.network;

import java.util.Iterator;

/**
 * Supplies the minibatches of one epoch, in the order the data loader decided (seeded shuffling and
 * augmentation are the loader's business). A {@link HostBatch} returned by {@code next()} may reuse
 * buffers: it is valid until the following call to {@code next()}.
 */
public interface BatchSource {

    /** Batches in every epoch. */
    int batchesPerEpoch();

    /** The batches of epoch {@code epoch} (from 0). Close the result to stop any prefetching. */
    Batches epoch(int epoch);

    /** An epoch's batches; closing releases loader threads and buffers. */
    interface Batches extends Iterator<HostBatch>, AutoCloseable {
        @Override
        void close();
    }
}
