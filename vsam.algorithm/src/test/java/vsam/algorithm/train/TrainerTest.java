package vsam.algorithm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vsam.algorithm.optim.Sgd;
import vsam.algorithm.reuse.DecayedPsf;
import vsam.algorithm.reuse.NoReuse;
import vsam.algorithm.sampling.VariationDriven;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Perturbation;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.MethodConfig;
import vsam.api.config.RunConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.DeviceBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.telemetry.IterationEvent;
import vsam.testkit.InMemorySource;
import vsam.testkit.ReferenceBackend;

/** The training loop on the pure-Java reference backend: methods by name, counts, equivalences, control. */
class TrainerTest {

    private static final Shape SHAPE = new Shape(1, 4, 4);
    private static final ModelSpec SPEC = Models.mlp(SHAPE, 4);
    private static final BatchSource TRAIN = InMemorySource.blobs(640, SHAPE, 4, 32, 1);
    private static final BatchSource TEST = InMemorySource.blobs(256, SHAPE, 4, 64, 1);

    private static RunConfig config(MethodConfig method, int epochs) {
        return RunConfig.defaults().withEpochs(epochs).withMethod(method).withSeed(3);
    }

    private record Run(TrainingResult result, float[] params, List<IterationEvent> events) {
    }

    private static Run train(RunConfig config) {
        try (Session session = new ReferenceBackend().open(SessionOptions.cpu())) {
            Network net = session.build(SPEC, InitialWeights.generate(SPEC, config.seed()), LossOptions.PLAIN);
            List<IterationEvent> events = new ArrayList<>();
            TrainingResult result = new Trainer(session, net, config)
                    .listen(new TrainingListener() {
                        @Override
                        public void onIteration(IterationEvent e) {
                            events.add(e);
                        }
                    })
                    .run(TRAIN, TEST, new CancellationToken());
            return new Run(result, net.params().read(), events);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sam", "asam", "vsam", "vsam-budget", "sam-5", "looksam", "rst", "aesam"})
    void everyMethodTrainsAndCountsItsPasses(String name) {
        Run run = train(config(MethodConfig.defaults(name), 3));
        TrainingResult r = run.result();
        assertEquals(TrainingResult.Status.COMPLETED, r.status());
        assertEquals(60, r.iterations());
        assertEquals(r.iterations() + r.samSteps(), r.passes(), "a SAM step costs 2 passes, any other 1");
        assertEquals(r.samSteps(), run.events().stream().filter(IterationEvent::sampled).count());
        assertTrue(r.finalAccuracy() > 0.9, name + " accuracy " + r.finalAccuracy());
        double expectedFraction = switch (name) {
            case "sgd" -> 0;
            case "sam", "asam" -> 1;
            case "sam-5", "looksam" -> 0.2;
            default -> -1;
        };
        if (expectedFraction >= 0) {
            assertEquals(expectedFraction, r.samFraction(), 1e-12);
        }
    }

    @Test
    void vsamAtFullSamplingWithFixedSIsIdenticalToSam() {
        VsamConfig full = VsamConfig.defaults().withWindow(10, 5).withSampling(1.0, 10).withWarmup(Warmup.iterations(5));
        full = new VsamConfig(full.window(), full.blocks(), 0, 0, full.gamma(), full.reuseHorizon(),
                full.maxSamplingFraction(), full.warmup(), full.initialS(), 0);
        Run vsam = train(config(MethodConfig.defaults("vsam").withParams(full), 2));
        Run sam = train(config(MethodConfig.defaults("sam"), 2));
        assertEquals(1.0, vsam.result().samFraction());
        assertArrayEquals(sam.params(), vsam.params());
    }

    @Test
    void vsamWithZeroGammaTakesSgdStepsBetweenSamples() {
        VsamConfig v = VsamConfig.defaults().withWindow(10, 5).withWarmup(Warmup.iterations(10));
        float[][] results = new float[2][];
        for (int variant = 0; variant < 2; variant++) {
            try (Session session = new ReferenceBackend().open(SessionOptions.cpu())) {
                Network net = session.build(SPEC, InitialWeights.generate(SPEC, 1), LossOptions.PLAIN);
                Method method = new Method("vsam", new VariationDriven(v, 10, 5), Perturbation.sam(0.05),
                        variant == 0 ? new DecayedPsf(0, 6) : new NoReuse());
                SharpnessAwareStep step = new SharpnessAwareStep(net, method,
                        new Sgd(session.zerosLike(net), 0.9, 5e-4, false), net.segments().all(), () -> session.zerosLike(net));
                long t = 0;
                for (int epoch = 0; epoch < 4; epoch++) {
                    try (BatchSource.Batches batches = TRAIN.epoch(epoch)) {
                        while (batches.hasNext()) {
                            try (DeviceBatch batch = session.upload(batches.next())) {
                                step.run(batch, 0.05f, t++, 80);
                            }
                        }
                    }
                }
                results[variant] = net.params().read();
            }
        }
        assertArrayEquals(results[1], results[0]);
    }

    @Test
    void vsamReusesBetweenSamplesAndIsReproducible() {
        MethodConfig m = MethodConfig.defaults("vsam").withParams(VsamConfig.defaults().withWindow(10, 5)
                .withWarmup(Warmup.iterations(10)));
        Run a = train(config(m, 4));
        Run b = train(config(m, 4));
        assertTrue(a.result().samFraction() < 0.6, "vSAM should skip second passes: " + a.result().samFraction());
        assertArrayEquals(a.params(), b.params());
        assertEquals(a.events().stream().map(IterationEvent::sampled).toList(),
                b.events().stream().map(IterationEvent::sampled).toList());
        IterationEvent last = a.events().get(a.events().size() - 1);
        assertTrue(last.s() >= 1 && last.sOverK() == last.s() / 10, "telemetry carries s and s/K");
    }

    @Test
    void cancellationStopsAfterTheCurrentStep() {
        CancellationToken token = new CancellationToken();
        try (Session session = new ReferenceBackend().open(SessionOptions.cpu())) {
            Network net = session.build(SPEC, InitialWeights.generate(SPEC, 1), LossOptions.PLAIN);
            TrainingResult r = new Trainer(session, net, config(MethodConfig.defaults("sam"), 5))
                    .listen(new TrainingListener() {
                        @Override
                        public void onIteration(IterationEvent e) {
                            if (e.iteration() == 4) {
                                token.cancel();
                            }
                        }
                    })
                    .run(TRAIN, TEST, token);
            assertEquals(TrainingResult.Status.CANCELLED, r.status());
            assertEquals(5, r.iterations());
            assertEquals(0, r.epochs().size());
        }
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentWeights() {
        Run a = train(config(MethodConfig.defaults("rst"), 1));
        Run b = train(config(MethodConfig.defaults("rst"), 1));
        Run c = train(config(MethodConfig.defaults("rst"), 1).withSeed(4));
        assertArrayEquals(a.params(), b.params());
        assertTrue(!java.util.Arrays.equals(a.params(), c.params()));
    }
}
