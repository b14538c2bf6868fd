/**
 * The {@code vsam} command line: list backends, train one run, compare methods on one setup, and the
 * demo. Backends are never required at compile time: they are found with {@link java.util.ServiceLoader}
 * on whatever module path the launcher built.
 */
module vsam.cli {
    requires vsam.algorithm;
    requires vsam.data;
    requires info.picocli;

    uses vsam.api.TensorBackend;

    opens vsam.cli to info.picocli;
    exports vsam.cli;
}
