package vsam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.network.DeviceBatch;
import vsam.api.network.ExampleFormat;
import vsam.api.network.HostBatch;
import vsam.api.network.Network;
import vsam.data.RunData;
import vsam.data.format.ImageFolder;
import vsam.data.pipeline.ExampleWriter;
import vsam.data.pipeline.Normalisation;
import vsam.data.pipeline.Placement;

/**
 * {@code vsam predict}: the classes a run's trained network gives image files. Each image is encoded as
 * the run's training images were ({@code data.json}: size, channels, normalisation), scored in inference
 * mode, and printed with its most probable classes, {@code p = softmax(logits)}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the most probable classes of image files (PNG or JPEG) under a run's trained network.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
    Path run;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Image files to classify.")
    List<Path> images;

    @Option(names = "--top", description = "Classes printed per image, most probable first. Default: ${DEFAULT-VALUE}.")
    int top = 1;

    @Option(names = "--backend", description = "Backend to run on (default: the run's).")
    Optional<String> backend = Optional.empty();

    @Option(names = "--threads", description = "CPU threads; 0 = the backend's default. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new UsageException("--top must be at least 1, got " + top);
        }
        TrainedRun trained = TrainedRun.read(run);
        ExampleFormat format = trained.format();
        ExampleWriter writer = new ExampleWriter(format.shape(), Normalisation.of(format)); // as the loader encodes
        int elements = format.shape().elements();
        float[] features = new float[images.size() * elements];
        for (int i = 0; i < images.size(); i++) {
            writer.write(ImageFolder.readImage(images.get(i), format.shape()), 0, Placement.IDENTITY, features, i * elements);
        }
        float[] logits = new float[images.size() * format.classes()];
        String backendId = backend.orElse(trained.config().backend());
        try (Session session = Backends.require(backendId, trained.config().device())
                .open(new SessionOptions(trained.config().device(), threads))) {
            Network net = trained.network(session);
            for (int from = 0; from < images.size(); from += RunData.TEST_BATCH) {
                int n = Math.min(RunData.TEST_BATCH, images.size() - from);
                float[] slice = Arrays.copyOfRange(features, from * elements, (from + n) * elements);
                try (DeviceBatch batch = session.upload(new HostBatch(slice, new int[n], n, format.shape()))) {
                    System.arraycopy(net.logits(batch), 0, logits, from * format.classes(), n * format.classes());
                }
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        for (int i = 0; i < images.size(); i++) {
            o.println(images.get(i) + ": " + describe(softmax(logits, i * format.classes(), format.classes()), format));
        }
        o.flush();
        return 0;
    }

    /** {@code softmax} of {@code count} logits from {@code offset}, computed stably (the maximum subtracted). */
    static double[] softmax(float[] logits, int offset, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            max = Math.max(max, logits[offset + c]);
        }
        double[] p = new double[count];
        double sum = 0;
        for (int c = 0; c < count; c++) {
            p[c] = Math.exp(logits[offset + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < count; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** The {@code top} most probable classes, e.g. {@code Sneaker 97.31%, Sandal 2.05%}. */
    private String describe(double[] p, ExampleFormat format) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < p.length; c++) {
            order.add(c);
        }
        order.sort((a, b) -> Double.compare(p[b], p[a]));
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < Math.min(top, p.length); k++) {
            int c = order.get(k);
            s.append(k == 0 ? "" : ", ").append(format.classNames().get(c))
                    .append(String.format(Locale.ROOT, " %.2f%%", 100 * p[c]));
        }
        return s.toString();
    }
}
