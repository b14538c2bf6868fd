package vsam.data.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vsam.api.model.Shape;
import vsam.api.network.ExampleFormat;
import vsam.data.DataException;
import vsam.data.Dataset;

/**
 * Per-channel standardisation of raw values: {@code x = (v / scale − mean[c]) / std[c]}. For 8-bit pixels
 * {@code scale} is 255 and this is the
 * {@code ToTensor} + {@code Normalize} pair of the usual PyTorch pipelines, with the customary
 * statistics of each data set's training split as constants.
 */
public final class Normalisation {

    /** Fashion-MNIST: mean 0.2860, std 0.3530. */
    public static final Normalisation FASHION_MNIST = new Normalisation(new double[] {0.2860}, new double[] {0.3530});
    /** MNIST: mean 0.1307, std 0.3081. */
    public static final Normalisation MNIST = new Normalisation(new double[] {0.1307}, new double[] {0.3081});
    /** CIFAR-10: mean (0.4914, 0.4822, 0.4465), std (0.2470, 0.2435, 0.2616). */
    public static final Normalisation CIFAR_10 = new Normalisation(
            new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2470, 0.2435, 0.2616});
    /** CIFAR-100: mean (0.5071, 0.4865, 0.4409), std (0.2673, 0.2564, 0.2762). */
    public static final Normalisation CIFAR_100 = new Normalisation(
            new double[] {0.5071, 0.4865, 0.4409}, new double[] {0.2673, 0.2564, 0.2762});

    /** What 8-bit pixel values are divided by: the statistics are those of {@code p / 255}. */
    public static final double PIXEL_SCALE = 255;

    private final double scale;
    private final double[] mean;
    private final double[] std;

    /**
     * @param mean per-channel mean of {@code p / 255}
     * @param std  per-channel standard deviation of {@code p / 255}, each positive
     */
    public Normalisation(double[] mean, double[] std) {
        this(PIXEL_SCALE, mean, std);
    }

    /**
     * @param scale what raw values are divided by first (positive)
     * @param mean  per-channel mean of {@code v / scale}
     * @param std   per-channel standard deviation of {@code v / scale}, each positive
     */
    public Normalisation(double scale, double[] mean, double[] std) {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("the scale of raw values must be positive, got " + scale);
        }
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("need one mean and one std per channel, got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c]) || !(std[c] > 0 && Double.isFinite(std[c]))) {
                throw new IllegalArgumentException("channel " + c + ": mean must be finite and std positive, got "
                        + mean[c] + " and " + std[c]);
            }
        }
        this.scale = scale;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The customary statistics of a catalogue data set ({@code embedded} uses Fashion-MNIST's). */
    public static Normalisation forDataset(String dataset) {
        switch (dataset) {
            case "fashion-mnist":
            case "embedded":
                return FASHION_MNIST;
            case "mnist":
                return MNIST;
            case "cifar10":
                return CIFAR_10;
            case "cifar100":
                return CIFAR_100;
            default:
                throw new DataException(dataset + ": no normalisation statistics known for this data set");
        }
    }

    /** Only the scaling to {@code [0, 1]} (mean 0, std 1) for {@code channels} channels. */
    public static Normalisation unitRange(int channels) {
        double[] zeros = new double[channels];
        double[] ones = new double[channels];
        Arrays.fill(ones, 1);
        return new Normalisation(zeros, ones);
    }

    /**
     * The per-channel mean and (population) standard deviation of {@code p / 255} over all of an image data
     * set; for a table ({@link Dataset#isTable}), of each feature column's raw values (scale 1), a constant
     * column getting std 1 so that it becomes 0 rather than noise amplified a million times.
     */
    public static Normalisation measure(Dataset data) {
        if (data.isTable()) {
            return measureColumns(data);
        }
        int channels = data.shape().channels();
        int plane = data.shape().height() * data.shape().width();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        byte[] pixels = data.pixels();
        for (int i = 0; i < pixels.length; i++) {
            int c = (i / plane) % channels;
            double v = (pixels[i] & 0xFF) / 255.0;
            sum[c] += v;
            squares[c] += v * v;
        }
        double count = (double) data.size() * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / count;
            std[c] = Math.sqrt(Math.max(squares[c] / count - mean[c] * mean[c], 1e-12));
        }
        return new Normalisation(mean, std);
    }

    private static Normalisation measureColumns(Dataset data) {
        int columns = data.shape().elements();
        double[] mean = new double[columns];
        double[] std = new double[columns];
        float[] values = data.values();
        for (int i = 0; i < values.length; i++) {
            mean[i % columns] += values[i];
        }
        for (int c = 0; c < columns; c++) {
            mean[c] /= data.size();
        }
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean[i % columns];
            std[i % columns] += d * d;
        }
        for (int c = 0; c < columns; c++) {
            double variance = std[c] / data.size();
            std[c] = variance > 1e-12 * Math.max(1, mean[c] * mean[c]) ? Math.sqrt(variance) : 1;
        }
        return new Normalisation(1, mean, std);
    }

    /** The statistics a run recorded in its {@code data.json}. */
    public static Normalisation of(ExampleFormat format) {
        return new Normalisation(format.scale(), format.mean(), format.std());
    }

    /** These statistics with examples of {@code shape} named {@code classNames}, as a run folder records them. */
    public ExampleFormat format(Shape shape, List<String> classNames) {
        return new ExampleFormat(shape, scale, mean, std, classNames);
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** Mean of channel {@code c}. */
    public double mean(int c) {
        return mean[c];
    }

    /** Standard deviation of channel {@code c}. */
    public double std(int c) {
        return std[c];
    }

    /** What raw values are divided by before the statistics apply (255 for pixels, 1 for a table's columns). */
    public double scale() {
        return scale;
    }

    /** The normalised value of raw pixel {@code pixel} (0–255) in channel {@code c}. */
    public float apply(int c, int pixel) {
        return apply(c, (double) pixel);
    }

    /** The normalised value of raw value {@code value} in channel {@code c}: {@code (v / scale − mean[c]) / std[c]}. */
    public float apply(int c, double value) {
        return (float) ((value / scale - mean[c]) / std[c]);
    }

    /** For each channel, the normalised value of each of the 256 raw pixel values. */
    public float[][] lookupTables() {
        float[][] tables = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int p = 0; p < 256; p++) {
                tables[c][p] = apply(c, p);
            }
        }
        return tables;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalisation n && scale == n.scale && Arrays.equals(mean, n.mean)
                && Arrays.equals(std, ((Normalisation) o).std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("mean (");
        for (int c = 0; c < mean.length; c++) {
            s.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", mean[c]));
        }
        s.append("), std (");
        for (int c = 0; c < std.length; c++) {
            s.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", std[c]));
        }
        return s.append(')').toString();
    }
}
