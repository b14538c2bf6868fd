package vsam.gui.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes what a node or a whole window shows as a PNG file. Call on the JavaFX thread. */
public final class PngExport {

    private PngExport() {
    }

    /** Snapshots {@code node} and writes it to {@code file}. */
    public static void write(Node node, Path file) throws IOException {
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        write(image, file);
    }

    /** Snapshots the whole {@code scene} (a window's content) and writes it to {@code file}. */
    public static void write(Scene scene, Path file) throws IOException {
        write(scene.snapshot(null), file);
    }

    /** Writes {@code image} to {@code file}, creating its folder. */
    public static void write(Image image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
