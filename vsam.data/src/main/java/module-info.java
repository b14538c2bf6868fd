/**
 * Training and test data for the vSAM runs: readers for the IDX files of MNIST and Fashion-MNIST and
 * for the binary CIFAR-10 / CIFAR-100 files, a catalogue that finds a data set by name (falling back
 * to a small Fashion-MNIST subset shipped inside this module), the pure preparation steps (training
 * subset, symmetric label noise, per-channel normalisation, seeded shuffling, crop-and-flip
 * augmentation) and a prefetching {@link vsam.api.network.BatchSource}.
 *
 * <p>Every problem with the data itself surfaces as one exception type, {@link vsam.data.DataException}.
 */
module vsam.data {
    requires transitive vsam.api;
    requires java.desktop; // javax.imageio for image folders

    exports vsam.data;
    exports vsam.data.format;
    exports vsam.data.pipeline;
}
