package vsam.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The benchmark bodies run outside JMH on the javacpp CPU backend: every parameter value sets up and steps. */
class BenchmarkStatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sam", "vsam-sample", "vsam-reuse"})
    void everyMethodTakesFiniteSteps(String method) {
        StepBenchmark b = new StepBenchmark();
        b.backend = "javacpp";
        b.device = "cpu";
        b.threads = 1;
        b.model = "mlp";
        b.method = method;
        b.batch = 16;
        b.open();
        try {
            for (int i = 0; i < 3; i++) {
                assertTrue(Double.isFinite(b.trainingStep()));
            }
        } finally {
            b.close();
        }
    }

    /** vit-tiny's step (two passes of the javacpp CPU transformer layers) on Fashion-MNIST-shaped inputs. */
    @Test
    void vitTinyTakesFiniteSamSteps() {
        StepBenchmark b = new StepBenchmark();
        b.backend = "javacpp";
        b.device = "cpu";
        b.threads = 1;
        b.model = "vit-tiny";
        b.method = "sam";
        b.batch = 4;
        b.open();
        try {
            for (int i = 0; i < 2; i++) {
                assertTrue(Double.isFinite(b.trainingStep()));
            }
        } finally {
            b.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"norm", "scoped-norm", "axpy", "sgd-update"})
    void everyVectorOperationRunsOnAMillionElements(String op) {
        VecBenchmark b = new VecBenchmark();
        b.backend = "javacpp";
        b.device = "cpu";
        b.threads = 1;
        b.size = "1M";
        b.op = op;
        b.open();
        try {
            double r = b.operation();
            assertTrue(Double.isFinite(r));
        } finally {
            b.close();
        }
    }

    @Test
    void vectorModelsHaveTheAdvertisedSizes() {
        assertEquals(1_004_890, BenchTarget.vectorModel("1M").segments().totalLength());
        long resnet = BenchTarget.vectorModel("11M").segments().totalLength();
        assertTrue(resnet > 11_000_000 && resnet < 11_300_000, "ResNet-18 has about 11.2 M parameters: " + resnet);
        assertEquals(22, BenchTarget.vectorModel("1M").segments().count());
    }

    @Test
    void evaluationCountsABatch() {
        EvaluationBenchmark b = new EvaluationBenchmark();
        b.backend = "javacpp";
        b.device = "cpu";
        b.threads = 1;
        b.model = "mlp";
        b.batch = 50;
        b.open();
        try {
            long correct = b.evaluate();
            assertTrue(correct >= 0 && correct <= 50);
        } finally {
            b.close();
        }
    }
}
