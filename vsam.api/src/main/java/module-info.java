/**
 * The seam between the backend-neutral training algorithm and the tensor backends.
 *
 * <p>Backends implement {@link vsam.api.TensorBackend} and are found with {@link java.util.ServiceLoader};
 * everything else here is a value type shared by every module: device vectors with their segment
 * table, model specs with the seeded initializer, run configuration and telemetry records.
 */
module vsam.api {
    exports vsam.api;
    exports vsam.api.vector;
    exports vsam.api.network;
    exports vsam.api.model;
    exports vsam.api.config;
    exports vsam.api.telemetry;
    exports vsam.api.random;

    uses vsam.api.TensorBackend;
}
