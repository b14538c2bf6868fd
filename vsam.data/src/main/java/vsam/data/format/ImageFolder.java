package vsam.data.format;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import vsam.api.model.Shape;
import vsam.data.DataException;
import vsam.data.Dataset;

/**
 * An image folder of one's own (docs/ARCHITECTURE.md, "Your own data"): {@code <root>/<split>/<class>/<image>}
 * with {@code .png}, {@code .jpg} or {@code .jpeg} files, read with {@code javax.imageio}. Classes are the
 * training split's sub-folders in sorted order (class 0 first); images are read in sorted order, scaled to
 * {@code size × size} (bilinear) and kept gray (luma {@code 0.299 R + 0.587 G + 0.114 B}) or RGB, 8 bits per
 * channel. {@link #write} stores a data set in this layout, so a catalogue data set can be tried as a folder.
 */
public final class ImageFolder {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private ImageFolder() {
    }

    /**
     * The class names: the sub-folders of {@code root/train}, sorted.
     *
     * @throws DataException naming the folder when it is missing or has no class folders
     */
    public static List<String> classes(Path root) {
        Path train = root.resolve("train");
        if (!Files.isDirectory(train)) {
            throw new DataException(root + ": an image folder needs train/<class>/ and test/<class>/ sub-folders; "
                    + train + " is not a folder");
        }
        List<String> names = folders(train);
        if (names.isEmpty()) {
            throw new DataException(train + ": no class folders (train/<class>/<image>.png)");
        }
        return names;
    }

    /**
     * Reads split {@code split} ({@code train} or {@code test}) with the training split's classes.
     *
     * @throws DataException naming the folder or file that is missing, empty, or not an image
     */
    public static Dataset read(Path root, String split, int size, int channels) {
        List<String> classes = classes(root);
        Path dir = root.resolve(split);
        if (!Files.isDirectory(dir)) {
            throw new DataException(root + ": no " + split + " folder (" + dir + ")");
        }
        for (String found : folders(dir)) {
            if (!classes.contains(found)) {
                throw new DataException(dir.resolve(found) + ": a class the training split does not have (classes: "
                        + String.join(", ", classes) + ")");
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = dir.resolve(classes.get(c));
            if (!Files.isDirectory(classDir)) {
                continue; // a test split may lack a class
            }
            List<Path> images = images(classDir);
            if (images.isEmpty()) {
                throw new DataException(classDir + ": an empty class folder (no .png, .jpg or .jpeg files)");
            }
            for (Path p : images) {
                files.add(p);
                labels.add(c);
            }
        }
        if (files.isEmpty()) {
            throw new DataException(dir + ": no images");
        }
        Shape shape = new Shape(channels, size, size);
        int elements = (int) shape.elements();
        byte[] pixels = new byte[files.size() * elements];
        for (int i = 0; i < files.size(); i++) {
            pixelsOf(files.get(i), size, channels, pixels, i * elements);
        }
        return new Dataset(root.getFileName() + " " + split, shape, classes.size(), pixels,
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Writes {@code data} as {@code root/split/<class>/<index>.png}, class folders named by zero-padded
     * index so that their sorted order is the class order.
     */
    public static void write(Dataset data, Path root, String split) throws IOException {
        Shape s = data.shape();
        int digits = Integer.toString(Math.max(0, data.classes() - 1)).length();
        int plane = s.height() * s.width();
        byte[] pixels = data.pixels();
        int[] labels = data.labels();
        for (int c = 0; c < data.classes(); c++) {
            Files.createDirectories(root.resolve(split).resolve(className(c, digits)));
        }
        for (int i = 0; i < data.size(); i++) {
            BufferedImage img = new BufferedImage(s.width(), s.height(),
                    s.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            int base = (int) (i * s.elements());
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    int at = base + y * s.width() + x;
                    if (s.channels() == 1) {
                        img.getRaster().setSample(x, y, 0, pixels[at] & 0xFF);
                    } else {
                        int r = pixels[at] & 0xFF;
                        int g = pixels[at + plane] & 0xFF;
                        int b = pixels[at + 2 * plane] & 0xFF;
                        img.setRGB(x, y, (r << 16) | (g << 8) | b);
                    }
                }
            }
            Path file = root.resolve(split).resolve(className(labels[i], digits)).resolve(i + ".png");
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer for " + file);
            }
        }
    }

    /**
     * One image file as a network trained on {@code shape} takes it: scaled to {@code shape}'s side
     * (bilinear), gray or RGB as its channels say, raw 8-bit values in {@code CHW} order, exactly as
     * {@link #read} encodes a training image.
     *
     * @throws DataException naming the file when it is not a PNG or JPEG javax.imageio can read, or
     *                       {@code shape} is not square with 1 or 3 channels
     */
    public static byte[] readImage(Path file, Shape shape) {
        if (shape.height() != shape.width() || (shape.channels() != 1 && shape.channels() != 3)) {
            throw new DataException(file + ": images can only be read for square 1- or 3-channel inputs, not " + shape);
        }
        byte[] out = new byte[shape.elements()];
        pixelsOf(file, shape.height(), shape.channels(), out, 0);
        return out;
    }

    private static String className(int c, int digits) {
        return String.format(Locale.ROOT, "%0" + digits + "d", c);
    }

    private static void pixelsOf(Path file, int size, int channels, byte[] out, int offset) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": cannot be read as an image (" + e.getMessage() + ")");
        }
        if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
            throw new DataException(file + ": not an image javax.imageio can read (PNG or JPEG expected)");
        }
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int gr = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int at = offset + y * size + x;
                if (channels == 1) {
                    out[at] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
                } else {
                    out[at] = (byte) r;
                    out[at + plane] = (byte) gr;
                    out[at + 2 * plane] = (byte) b;
                }
            }
        }
    }

    private static List<String> folders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    private static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot be listed (" + e.getMessage() + ")");
        }
    }
}
