package vsam.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vsam.api.Backends;
import vsam.api.DeviceStatus;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.HostBatch;

/**
 * What the benchmarks run on: backends and devices found at run time, the models by id, and synthetic
 * input batches. Opening an unavailable device fails with the backend's reason.
 */
public final class BenchTarget {

    /** Classes of every benchmark model (Fashion-MNIST and CIFAR-10 both have 10). */
    public static final int CLASSES = 10;

    /**
     * One backend and device.
     *
     * @param backend   backend id
     * @param device    device name
     * @param available whether a session can be opened
     * @param detail    the backend's description of the device, or why it is unavailable
     */
    public record Device(String backend, String device, boolean available, String detail) {

        /** Whether the device is a GPU (anything but the CPU). */
        public boolean gpu() {
            return !device.equals("cpu");
        }

        /** {@code backend/device}. */
        public String id() {
            return backend + "/" + device;
        }
    }

    private BenchTarget() {
    }

    /** Every device of every backend found, available or not. */
    public static List<Device> discover() {
        List<Device> found = new ArrayList<>();
        for (TensorBackend b : Backends.discover()) {
            for (DeviceStatus d : b.probe()) {
                found.add(new Device(b.id(), d.device(), d.available(), d.detail()));
            }
        }
        return found;
    }

    /** Opens a session on {@code backend}/{@code device}; throws with the reason when unavailable. */
    public static Session open(String backend, String device, int threads) {
        return Backends.require(backend, device).open(new SessionOptions(device, threads));
    }

    /**
     * The input shape each model is benchmarked on: Fashion-MNIST's for mlp, cnn-s and vit-tiny, CIFAR's for
     * resnet18 and vit-cifar.
     */
    public static Shape inputOf(String model) {
        return model.equals("resnet18") || model.equals("vit-cifar") ? new Shape(3, 32, 32) : new Shape(1, 28, 28);
    }

    /** The benchmark model {@code model}. */
    public static ModelSpec model(String model) {
        return Models.byId(model, inputOf(model), CLASSES);
    }

    /**
     * A model whose parameters have about {@code elements} elements, for the vector benchmarks: {@code 1M} is a
     * stack of ten 316×316 linear layers and a 316×10 one (22 tensors, 1,004,890 elements); {@code 11M} is ResNet-18 (62 tensors,
     * 11.2 M elements), so the statistics scope (last 10 tensors) is the one training uses.
     */
    public static ModelSpec vectorModel(String size) {
        return switch (size) {
            case "1M" -> {
                int width = 316;
                List<Layer> layers = new ArrayList<>();
                layers.add(new Layer.Flatten());
                for (int i = 0; i < 10; i++) {
                    layers.add(new Layer.Linear(width, width, true));
                    layers.add(new Layer.Relu());
                }
                layers.add(new Layer.Linear(width, CLASSES, true));
                yield new ModelSpec("vector-1m", new Shape(1, 1, width), CLASSES, layers);
            }
            case "11M" -> Models.resnet18(new Shape(3, 32, 32), CLASSES);
            default -> throw new IllegalArgumentException("unknown vector size '" + size + "' (known: 1M, 11M)");
        };
    }

    /** A batch of {@code size} standard-normal images of {@code shape} with uniform labels, from {@code seed}. */
    public static HostBatch syntheticBatch(Shape shape, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] features = new float[size * shape.elements()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) nextGaussian(random);
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return new HostBatch(features, labels, size, shape);
    }

    private static double nextGaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
