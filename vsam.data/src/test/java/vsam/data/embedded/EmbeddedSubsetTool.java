package vsam.data.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import vsam.data.Dataset;
import vsam.data.format.IdxReader;
import vsam.data.format.IdxWriter;

/**
 * Generates the embedded Fashion-MNIST subset from the full IDX files (test scope: it is a build
 * tool, not part of the library). Run from the repository root after {@code mvn -pl vsam.api,vsam.data
 * -am install -DskipTests} and {@code mvn -pl vsam.data test-compile}:
 *
 * <pre>
 * java -cp vsam.api/target/classes:vsam.data/target/classes:vsam.data/target/test-classes \
 *     vsam.data.embedded.EmbeddedSubsetTool /usr/share/datasets/fashion-mnist \
 *     vsam.data/src/main/resources/vsam/data/embedded
 * </pre>
 *
 * The rule is {@link #firstPerClass}: the first {@value EmbeddedFashionMnist#TRAIN_PER_CLASS}
 * training and {@value EmbeddedFashionMnist#TEST_PER_CLASS} test images of each class in file
 * order. The output is deterministic, so rerunning it must leave the committed files unchanged
 * ({@code EmbeddedFashionMnistTest} checks this whenever the Debian package is installed).
 */
public final class EmbeddedSubsetTool {

    private EmbeddedSubsetTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedSubsetTool <folder with the Fashion-MNIST IDX gz files> <output folder>");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (String split : new String[] {"train", "t10k"}) {
            int perClass = split.equals("train") ? EmbeddedFashionMnist.TRAIN_PER_CLASS : EmbeddedFashionMnist.TEST_PER_CLASS;
            Dataset subset = subset(source, split, perClass);
            IdxWriter.write(subset, out.resolve(split + "-images-idx3-ubyte.gz"), out.resolve(split + "-labels-idx1-ubyte.gz"), true);
            System.out.println(split + ": " + subset.size() + " images, per class " + Arrays.toString(subset.classCounts()));
        }
    }

    /** The subset of split {@code split} ({@code train} or {@code t10k}) of the full files in {@code source}. */
    public static Dataset subset(Path source, String split, int perClass) {
        Dataset full = IdxReader.read(source.resolve(split + "-images-idx3-ubyte.gz"),
                source.resolve(split + "-labels-idx1-ubyte.gz"), "fashion-mnist " + split,
                EmbeddedFashionMnist.CLASSES, Optional.of(EmbeddedFashionMnist.SHAPE));
        return firstPerClass(full, perClass);
    }

    /**
     * The first {@code perClass} images of each class of {@code full}, in file order (selected images
     * keep their relative order; classes stay interleaved as in the source).
     */
    public static Dataset firstPerClass(Dataset full, int perClass) {
        int[] taken = new int[full.classes()];
        int[] chosen = new int[perClass * full.classes()];
        int n = 0;
        for (int i = 0; i < full.size() && n < chosen.length; i++) {
            int label = full.label(i);
            if (taken[label] < perClass) {
                taken[label]++;
                chosen[n++] = i;
            }
        }
        if (n < chosen.length) {
            throw new IllegalStateException(full.name() + " has fewer than " + perClass + " images of some class: "
                    + Arrays.toString(taken));
        }
        int elements = full.shape().elements();
        byte[] pixels = new byte[n * elements];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            System.arraycopy(full.pixels(), chosen[k] * elements, pixels, k * elements, elements);
            labels[k] = full.label(chosen[k]);
        }
        return new Dataset(full.name() + " subset", full.shape(), full.classes(), pixels, labels);
    }
}
