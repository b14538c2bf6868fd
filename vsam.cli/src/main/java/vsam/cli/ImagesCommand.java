package vsam.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vsam.api.config.DataConfig;
import vsam.data.DataSplits;
import vsam.data.RunData;
import vsam.data.format.ImageFolder;

/**
 * {@code vsam images}: writes a catalogue data set as an image folder ({@link ImageFolder}), the layout
 * {@code --dataset images --data-dir DIR} trains on, to try one's own-data path on known data.
 */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a data set as an image folder (train/<class>/*.png, test/<class>/*.png).")
final class ImagesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", description = "fashion-mnist, mnist, cifar10, cifar100 or embedded. Default: ${DEFAULT-VALUE}.")
    String dataset = "embedded";

    @Option(names = "--data-dir", description = "Folder holding the data set files (else the known locations).")
    Optional<String> dataDir = Optional.empty();

    @Option(names = "--train-subset", description = "Write only the first N training images; 0 = all. Default: ${DEFAULT-VALUE}.")
    int trainSubset;

    @Option(names = "--out", required = true, description = "The folder to create (refused if it holds anything).")
    Path out;

    @Override
    public Integer call() {
        if (dataset.equals(DataConfig.IMAGE_FOLDER)) {
            throw new UsageException("--dataset images is already an image folder");
        }
        try {
            if (Files.isDirectory(out)) {
                try (var entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw new UsageException(out + " is not empty; choose another --out (nothing is overwritten)");
                    }
                }
            } else if (Files.exists(out)) {
                throw new UsageException(out + " is a file, not a folder");
            }
            DataSplits splits = RunData.splits(new DataConfig(dataset, dataDir, trainSubset, 0, 0, false, 0));
            ImageFolder.write(splits.train(), out, "train");
            ImageFolder.write(splits.test(), out, "test");
            PrintWriter o = spec.commandLine().getOut();
            o.printf("wrote %s: %d training and %d test images of %d classes (%s) from %s%n", out, splits.train().size(),
                    splits.test().size(), splits.train().classes(), splits.train().shape(), splits.origin());
            o.flush();
            return 0;
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e.getMessage());
        }
    }
}
