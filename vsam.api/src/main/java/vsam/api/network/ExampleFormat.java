package vsam.api.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vsam.api.config.ConfigException;
import vsam.api.config.Json;
import vsam.api.model.Shape;

/**
 * What a network trained on a data set takes in and tells apart: the shape of one example, the
 * per-channel normalisation its raw values got, {@code x = (v / scale − mean[c]) / std[c]} (images: 8-bit
 * values and scale 255; tables: one channel per feature column and scale 1), and the names of its classes
 * in label order. A run folder keeps it as {@code data.json}, so {@code evaluate}
 * and {@code predict} encode new images exactly as training did, even after the training images are gone
 * (docs/ARCHITECTURE.md, "Outputs of a run").
 *
 * @param shape      shape of one example
 * @param scale      what raw values are divided by before the statistics apply (255 for 8-bit pixels), positive
 * @param mean       per-channel mean of {@code v / scale} (one per channel of {@code shape})
 * @param std        per-channel standard deviation of {@code v / scale}, each positive
 * @param classNames one name per class, label {@code i} being {@code classNames.get(i)}
 */
public record ExampleFormat(Shape shape, double scale, double[] mean, double[] std, List<String> classNames) {

    /** The format tag of {@code data.json}. */
    public static final String FORMAT = "vsam-data/1";

    public ExampleFormat {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("the scale of raw values must be positive, got " + scale);
        }
        if (mean.length != shape.channels() || std.length != shape.channels()) {
            throw new IllegalArgumentException("need one mean and one std per channel of " + shape + ", got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c]) || !(std[c] > 0 && Double.isFinite(std[c]))) {
                throw new IllegalArgumentException("channel " + c + ": mean must be finite and std positive, got "
                        + mean[c] + " and " + std[c]);
            }
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("a data set needs at least one class name");
        }
        mean = mean.clone();
        std = std.clone();
        classNames = List.copyOf(classNames);
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** The {@code data.json} text. */
    public String toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("shape", List.of((long) shape.channels(), (long) shape.height(), (long) shape.width()));
        tree.put("scale", scale);
        tree.put("mean", numbers(mean));
        tree.put("std", numbers(std));
        tree.put("classes", classNames);
        return Json.writePretty(tree);
    }

    /**
     * Reads a {@code data.json} text.
     *
     * @param source names the file in error messages
     * @throws ConfigException naming {@code source} and the field when the text is not such a file
     */
    public static ExampleFormat fromJson(String text, String source) {
        Object tree;
        try {
            tree = Json.parse(text);
        } catch (ConfigException e) {
            throw new ConfigException("data", source + ": " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> map) || !FORMAT.equals(map.get("format"))) {
            throw new ConfigException("data", source + ": not a " + FORMAT + " file (its \"format\" must be \"" + FORMAT + "\")");
        }
        double[] shape = numbers(map.get("shape"), source, "shape");
        if (shape.length != 3) {
            throw new ConfigException("data", source + ": shape must be [channels, height, width]");
        }
        Object names = map.get("classes");
        if (!(names instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new ConfigException("data", source + ": classes must be a list of names");
        }
        List<String> classNames = new ArrayList<>();
        list.forEach(n -> classNames.add((String) n));
        try {
            if (!(map.get("scale") instanceof Number scale)) {
                throw new ConfigException("data", source + ": scale must be a number");
            }
            return new ExampleFormat(new Shape((int) shape[0], (int) shape[1], (int) shape[2]), scale.doubleValue(),
                    numbers(map.get("mean"), source, "mean"), numbers(map.get("std"), source, "std"), classNames);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("data", source + ": " + e.getMessage());
        }
    }

    private static List<Object> numbers(double[] values) {
        List<Object> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static double[] numbers(Object value, String source, String field) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Number.class::isInstance)) {
            throw new ConfigException("data", source + ": " + field + " must be a list of numbers");
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExampleFormat f && shape.equals(f.shape) && scale == f.scale && java.util.Arrays.equals(mean, f.mean)
                && java.util.Arrays.equals(std, f.std) && classNames.equals(f.classNames);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + classNames.hashCode();
    }

    @Override
    public String toString() {
        return shape + ", " + classNames.size() + " classes";
    }
}
