/**
 * A pure-Java reference implementation of the {@code vsam.api} service interface, for tests only:
 * heap vectors with double-precision reductions, a quadratic "network" whose PSF is known in closed
 * form, and a reference multilayer perceptron against which real backends are checked. It is not
 * registered as a service, so it never shows up beside the real backends.
 */
module vsam.testkit {
    requires transitive vsam.api;
    exports vsam.testkit;
}
