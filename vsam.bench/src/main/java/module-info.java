/**
 * Benchmarks and the speed/accuracy experiment of vSAM.
 *
 * <p>Two front ends, both finding the tensor backends at run time only ({@code uses}): JMH benchmarks of
 * one training step per method, of the device-vector operations and of evaluation, on every backend and
 * device found ({@link vsam.bench.BenchMain}, run from the shaded {@code benchmarks.jar}); and the
 * experiment that trains every method on the reference CPU setups and writes tables and plots
 * ({@link vsam.bench.ExperimentMain}).
 */
module vsam.bench {
    requires vsam.algorithm;
    requires vsam.data;
    requires jmh.core;
    requires java.desktop;

    uses vsam.api.TensorBackend;

    exports vsam.bench;
    exports vsam.bench.experiment;
    exports vsam.bench.plot;
    exports vsam.bench.report;
    exports vsam.bench.speed;
    exports vsam.bench.jmh;
}
