package vsam.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Random;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.Trainer;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;
import vsam.api.config.MethodConfig;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.HostBatch;
import vsam.api.network.Network;
import vsam.api.telemetry.EpochEvent;

/**
 * The README's "Using the algorithm from Java" example, as code the build compiles and runs
 * ({@code ReadmeExampleTest}): the text between the {@code README} markers is the README's code block.
 */
final class ReadmeExample {

    private ReadmeExample() {
    }

    /** Trains the example and returns what it reached. */
    static TrainingResult run() {
        // README begin
        // Your own network, in the layer vocabulary every backend implements.
        ModelSpec spec = new ModelSpec("my-mlp", new Shape(1, 8, 8), 3, List.of(new Layer.Flatten(),
                new Layer.Linear(64, 32, true), new Layer.Relu(), new Layer.Linear(32, 3, true)));
        // Your own data: any BatchSource (here 8x8 images whose class is their brightest third).
        BatchSource train = new ThirdsData(1024, 32, 1);
        BatchSource test = new ThirdsData(256, 64, 2);
        // vSAM from the method catalogue, on the reference setup's base optimizer and schedule.
        RunConfig config = RunConfig.defaults().withEpochs(3).withMethod(MethodConfig.defaults("vsam"));
        TensorBackend backend = Backends.require("djl", "cpu");          // found at run time with ServiceLoader
        try (Session session = backend.open(new SessionOptions("cpu", 1))) {
            Network net = session.build(spec, InitialWeights.generate(spec, config.init(), config.seed()), config.loss());
            TrainingListener progress = new TrainingListener() {
                @Override
                public void onEpoch(EpochEvent e) {
                    System.out.printf("epoch %d: test accuracy %.1f%%, %d SAM steps%n", e.epoch() + 1,
                            100 * e.testAccuracy(), e.samSteps());
                }
            };
            return new Trainer(session, net, config).listen(progress).run(train, test, new CancellationToken());
        }
        // README end
    }

    /** Random 8×8 images, each brightest in one of three horizontal bands; the band is the class. */
    static final class ThirdsData implements BatchSource {
        private final float[][] images;
        private final int[] labels;
        private final int batch;

        ThirdsData(int count, int batch, long seed) {
            Random r = new Random(seed);
            this.images = new float[count][64];
            this.labels = new int[count];
            this.batch = batch;
            for (int i = 0; i < count; i++) {
                labels[i] = r.nextInt(3);
                for (int p = 0; p < 64; p++) {
                    int band = Math.min(2, (p / 8) * 3 / 8);
                    images[i][p] = (float) (r.nextGaussian() * 0.5 + (band == labels[i] ? 1 : 0));
                }
            }
        }

        @Override
        public int batchesPerEpoch() {
            return labels.length / batch;
        }

        @Override
        public Batches epoch(int epoch) {
            Iterator<Integer> starts = java.util.stream.IntStream.range(0, batchesPerEpoch()).map(b -> b * batch).iterator();
            return new Batches() {
                public boolean hasNext() {
                    return starts.hasNext();
                }

                public HostBatch next() {
                    int start = starts.next();
                    float[] x = new float[batch * 64];
                    int[] y = new int[batch];
                    for (int i = 0; i < batch; i++) {
                        System.arraycopy(images[start + i], 0, x, i * 64, 64);
                        y[i] = labels[start + i];
                    }
                    return new HostBatch(x, y, batch, new Shape(1, 8, 8));
                }

                public void close() {
                }
            };
        }
    }
}
