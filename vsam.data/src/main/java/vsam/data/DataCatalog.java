package vsam.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import vsam.api.config.DataConfig;
import vsam.api.config.Names;
import vsam.api.model.Shape;
import vsam.data.embedded.EmbeddedFashionMnist;
import vsam.data.format.CifarFormat;
import vsam.data.format.CifarReader;
import vsam.data.format.CsvTable;
import vsam.data.format.ImageFolder;
import vsam.data.format.IdxReader;
import vsam.data.format.NamedInput;
import vsam.data.pipeline.LabelNoise;
import vsam.data.pipeline.Normalisation;
import vsam.data.pipeline.TrainingSubset;

/**
 * Finds a data set by name and reads both of its splits.
 *
 * <p>Names: {@code fashion-mnist}, {@code mnist} (IDX files), {@code cifar10}, {@code cifar100}
 * (binary CIFAR files) and {@code embedded} (the Fashion-MNIST subset inside this module).
 *
 * <p>Where it looks: an explicit data folder ({@code --data-dir}), when one is given, and nowhere else — a
 * given folder that does not hold the data set is an error naming what is missing there. Without one, in this
 * order, taking the first folder that holds all files of the data set:
 * <ol>
 *   <li>each folder of {@code $VSAM_DATA} (several separated by {@code :}), if set;</li>
 *   <li>for {@code fashion-mnist} only, {@code /usr/share/datasets/fashion-mnist} (Debian's
 *       {@code dataset-fashion-mnist} package);</li>
 *   <li>for {@code fashion-mnist} only, the embedded subset, when none of the above holds it.</li>
 * </ol>
 * Inside a folder {@code R} it tries, in order, {@code R/<name>}, the folder names the data set's own
 * archive or torchvision use ({@code R/FashionMNIST/raw}, {@code R/MNIST/raw},
 * {@code R/cifar-10-batches-bin}, {@code R/cifar10/cifar-10-batches-bin}, {@code R/cifar-100-binary},
 * {@code R/cifar100/cifar-100-binary}), then {@code R} itself (so {@code --data-dir} may point
 * straight at the files; MNIST and Fashion-MNIST files have the same names, so a folder holding
 * the files directly is taken for whichever of the two was asked for). IDX files may be named with or
 * without {@code .gz}; compression is detected from the content either way.
 *
 * <p>A folder holding only some of a data set's files is an error, not a reason to look further: it
 * most likely means an incomplete download. A data set found nowhere is a {@link DataException}
 * listing every folder tried.
 */
public final class DataCatalog {

    /** The environment variable naming data folders. */
    public static final String ENVIRONMENT_VARIABLE = "VSAM_DATA";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path SYSTEM_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** The names this catalogue knows. */
    public static final List<String> NAMES = DataConfig.DATASETS;
    /** The training table's file name in a {@code csv} data folder. */
    public static final String TRAIN_TABLE = "train.csv";
    /** The test table's file name in a {@code csv} data folder. */
    public static final String TEST_TABLE = "test.csv";

    private static final String[] IDX_FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final List<String> CIFAR_10_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
            "test_batch.bin");
    private static final List<String> CIFAR_100_FILES = List.of("train.bin", "test.bin");
    private static final Shape IDX_SHAPE = new Shape(1, 28, 28);
    private static final int CIFAR_10_BATCH = 10_000;
    private static final int CIFAR_100_TRAIN = 50_000;
    private static final int CIFAR_100_TEST = 10_000;

    private final Optional<Path> dataDir;
    private final Optional<String> environment;
    private final Optional<Path> systemFashionMnist;

    /**
     * @param dataDir            the explicit data folder ({@code --data-dir}); it must exist when given
     * @param environment        the value of {@code $VSAM_DATA}, passed in so that tests control it
     * @param systemFashionMnist the system Fashion-MNIST folder, normally {@link #SYSTEM_FASHION_MNIST}
     */
    public DataCatalog(Optional<Path> dataDir, Optional<String> environment, Optional<Path> systemFashionMnist) {
        this.dataDir = dataDir;
        this.environment = environment.filter(s -> !s.isBlank());
        this.systemFashionMnist = systemFashionMnist;
    }

    /** The catalogue of this process: {@code dataDir}, the real {@code $VSAM_DATA}, the Debian folder. */
    public static DataCatalog standard(Optional<Path> dataDir) {
        return new DataCatalog(dataDir, Optional.ofNullable(System.getenv(ENVIRONMENT_VARIABLE)),
                Optional.of(SYSTEM_FASHION_MNIST));
    }

    /** The {@linkplain #standard standard} catalogue with {@code config}'s data folder. */
    public static DataCatalog forConfig(DataConfig config) {
        return standard(config.dataDir().map(dir -> toPath(dir, "--data-dir")));
    }

    /**
     * Loads {@code config.dataset()} and alters its training split as {@code config} says: the first
     * {@code trainSubset} images (0 = all), then symmetric label noise with {@code labelNoise} and
     * {@code noiseSeed}. The test split stays as it is. {@code config.dataDir()} is not consulted here
     * (see {@link #forConfig}).
     */
    public DataSplits prepare(DataConfig config) {
        DataSplits data = switch (config.dataset()) {
            case DataConfig.IMAGE_FOLDER -> images(config);
            case DataConfig.TABLE -> table(config);
            default -> load(config.dataset());
        };
        Dataset train = TrainingSubset.first(data.train(), config.trainSubset());
        train = LabelNoise.apply(train, config.labelNoise(), config.noiseSeed());
        return data.withTrain(train);
    }

    /**
     * Finds and reads data set {@code name}.
     *
     * @throws DataException if the name is unknown, the data set is found nowhere (except
     *                       {@code fashion-mnist} without a data folder, which falls back to the embedded subset), or its files are bad
     */
    public DataSplits load(String name) {
        if (!NAMES.contains(name)) {
            String near = Names.nearest(name, NAMES);
            throw new DataException("unknown data set '" + name + "'" + (near.isEmpty() ? "" : " (did you mean " + near + "?)")
                    + "; known: " + String.join(", ", NAMES));
        }
        if (name.equals("embedded")) {
            return embedded("the Fashion-MNIST subset inside vsam.data");
        }
        List<String> looked = new ArrayList<>();
        Optional<Path> found = firstHolding(name, looked);
        if (found.isPresent()) {
            return read(name, found.get());
        }
        if (dataDir.isPresent()) {
            throw new DataException("the data folder " + dataDir.get() + " (--data-dir) holds no " + name + "; looked in "
                    + String.join("; ", looked) + ". It needs " + needs(name));
        }
        if (name.equals("fashion-mnist")) {
            return embedded("the Fashion-MNIST subset inside vsam.data (no Fashion-MNIST files in "
                    + String.join("; ", looked) + ")");
        }
        throw new DataException("data set '" + name + "' not found; looked in " + String.join("; ", looked)
                + ". It needs " + needs(name) + "; put them in a folder and pass --data-dir, or set "
                + ENVIRONMENT_VARIABLE);
    }

    /**
     * An image folder of one's own ({@link ImageFolder}): both splits at the configured size and channels, the
     * normalisation measured on the training images.
     */
    private DataSplits images(DataConfig config) {
        Path root = imageRoot(config);
        Dataset train = ImageFolder.read(root, "train", config.imageSize(), config.channels());
        Dataset test = ImageFolder.read(root, "test", config.imageSize(), config.channels());
        return new DataSplits(DataConfig.IMAGE_FOLDER, train, test, Normalisation.measure(train), ImageFolder.classes(root),
                root.toString());
    }

    /**
     * A CSV table of one's own ({@link CsvTable}): {@code train.csv} and {@code test.csv} in the data folder,
     * classes from the training table, each feature column standardised with the training table's mean and
     * standard deviation.
     */
    private static DataSplits table(DataConfig config) {
        Path root = tableRoot(config);
        CsvTable.Rows trainRows = CsvTable.read(NamedInput.of(root.resolve(TRAIN_TABLE)), config.labelColumn());
        CsvTable.Rows testRows = CsvTable.read(NamedInput.of(root.resolve(TEST_TABLE)), config.labelColumn());
        if (!testRows.features().equals(trainRows.features())) {
            throw new DataException(root.resolve(TEST_TABLE) + ":1: the feature columns (" + String.join(", ", testRows.features())
                    + ") differ from " + TRAIN_TABLE + "'s (" + String.join(", ", trainRows.features()) + ")");
        }
        List<String> classes = trainRows.classes();
        Dataset train = trainRows.dataset(root.getFileName() + " train", classes);
        Dataset test = testRows.dataset(root.getFileName() + " test", classes);
        return new DataSplits(DataConfig.TABLE, train, test, Normalisation.measure(train), classes, root.toString());
    }

    private static Path tableRoot(DataConfig config) {
        if (config.dataDir().isEmpty() || config.dataDir().get().isBlank()) {
            throw new DataException("--dataset csv needs --data-dir DIR, a folder holding " + TRAIN_TABLE + " and " + TEST_TABLE);
        }
        return existingFolder(Path.of(config.dataDir().get()));
    }

    private static Path existingFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DataException(root + ": the data folder (--data-dir) does not exist or is not a folder");
        }
        return root;
    }

    private static Path imageRoot(DataConfig config) {
        if (config.dataDir().isEmpty() || config.dataDir().get().isBlank()) {
            throw new DataException("--dataset images needs --data-dir DIR, a folder holding train/<class>/ and test/<class>/");
        }
        return existingFolder(Path.of(config.dataDir().get()));
    }

    /**
     * The folder {@link #load} would read the files of data set {@code name} from, without reading them; empty
     * when no searched folder holds them all (then {@code fashion-mnist} falls back to the embedded subset), and
     * for {@code embedded}, {@code images} and {@code csv}, which are not searched for.
     */
    public Optional<Path> folderOf(String name) {
        if (!NAMES.contains(name) || name.equals("embedded") || name.equals(DataConfig.IMAGE_FOLDER)
                || name.equals(DataConfig.TABLE)) {
            return Optional.empty();
        }
        return firstHolding(name, new ArrayList<>());
    }

    /** The first searched folder holding all of {@code name}'s files; every folder tried is added to {@code looked}. */
    private Optional<Path> firstHolding(String name, List<String> looked) {
        for (Path folder : candidates(name, looked)) {
            if (holdsAll(name, folder)) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** Every folder {@link #load} would try for {@code name}, in order, each with where it came from. */
    public List<String> searchPath(String name) {
        if (name.equals(DataConfig.IMAGE_FOLDER)) {
            return List.of(imageRoot(new DataConfig(name, dataDir.map(Path::toString), 0, 0, 0, false, 0)) + " (--data-dir)");
        }
        if (name.equals(DataConfig.TABLE)) {
            return List.of(tableRoot(new DataConfig(name, dataDir.map(Path::toString), 0, 0, 0, false, 0)) + " (--data-dir)");
        }
        List<String> looked = new ArrayList<>();
        candidates(name, looked);
        return looked;
    }

    private List<Path> candidates(String name, List<String> looked) {
        List<Path> folders = new ArrayList<>();
        if (dataDir.isPresent()) {
            Path root = dataDir.get();
            if (root.toString().isEmpty()) {
                throw new DataException("the data folder (--data-dir) is an empty path; name a folder");
            }
            if (!Files.isDirectory(root)) {
                throw new DataException(root + ": the data folder (--data-dir) does not exist or is not a folder");
            }
            addRoot(name, root, "--data-dir", folders, looked);
            return folders;
        }
        if (environment.isPresent()) {
            for (String part : environment.get().split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    addRoot(name, toPath(part.strip(), "$" + ENVIRONMENT_VARIABLE), "$" + ENVIRONMENT_VARIABLE, folders, looked);
                }
            }
        } else {
            looked.add("($" + ENVIRONMENT_VARIABLE + " not set)");
        }
        if (name.equals("fashion-mnist") && systemFashionMnist.isPresent()) {
            folders.add(systemFashionMnist.get());
            looked.add(systemFashionMnist.get() + " (system)");
        }
        return folders;
    }

    private static void addRoot(String name, Path root, String source, List<Path> folders, List<String> looked) {
        List<Path> inside = new ArrayList<>();
        inside.add(root.resolve(name));
        switch (name) {
            case "fashion-mnist":
                inside.add(root.resolve("FashionMNIST").resolve("raw"));
                break;
            case "mnist":
                inside.add(root.resolve("MNIST").resolve("raw"));
                break;
            case "cifar10":
                inside.add(root.resolve("cifar10").resolve("cifar-10-batches-bin"));
                inside.add(root.resolve("cifar-10-batches-bin"));
                break;
            case "cifar100":
                inside.add(root.resolve("cifar100").resolve("cifar-100-binary"));
                inside.add(root.resolve("cifar-100-binary"));
                break;
            default:
                break;
        }
        inside.add(root);
        List<String> shown = new ArrayList<>();
        for (Path p : inside) {
            folders.add(p);
            shown.add(p.toString());
        }
        looked.add(String.join(", ", shown) + " (" + source + ")");
    }

    private static Path toPath(String text, String source) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new DataException(text + ": not a valid folder name (" + source + "): " + e.getReason(), e);
        }
    }

    /** True if {@code folder} holds every file of {@code name}; an error if it holds only some. */
    private static boolean holdsAll(String name, Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String file : files(name)) {
            if (find(folder, file).isPresent()) {
                present.add(file);
            } else {
                missing.add(file);
            }
        }
        if (missing.isEmpty()) {
            return true;
        }
        if (present.isEmpty()) {
            return false;
        }
        throw new DataException(folder + ": holds only part of " + name + " (" + String.join(", ", present)
                + "); missing " + String.join(", ", missing) + (isIdx(name) ? " (with or without .gz)" : ""));
    }

    private static boolean isIdx(String name) {
        return name.equals("fashion-mnist") || name.equals("mnist");
    }

    private static List<String> files(String name) {
        switch (name) {
            case "cifar10":
                return CIFAR_10_FILES;
            case "cifar100":
                return CIFAR_100_FILES;
            default:
                return List.of(IDX_FILES);
        }
    }

    /** The file {@code base} in {@code folder}, for IDX names also {@code base.gz} (preferred). */
    private static Optional<Path> find(Path folder, String base) {
        if (base.endsWith("-ubyte")) {
            Path gz = folder.resolve(base + ".gz");
            if (Files.isRegularFile(gz)) {
                return Optional.of(gz);
            }
        }
        Path plain = folder.resolve(base);
        return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    /** IDX file {@code i} of {@link #IDX_FILES} in {@code folder} (the reader reports it if it vanished). */
    private static Path idx(Path folder, int i) {
        return find(folder, IDX_FILES[i]).orElse(folder.resolve(IDX_FILES[i]));
    }

    private static String needs(String name) {
        switch (name) {
            case "cifar10":
                return "data_batch_1.bin … data_batch_5.bin and test_batch.bin (the CIFAR-10 binary version, "
                        + "cifar-10-binary.tar.gz, extracted)";
            case "cifar100":
                return "train.bin and test.bin (the CIFAR-100 binary version, cifar-100-binary.tar.gz, extracted)";
            default:
                return "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                        + "t10k-labels-idx1-ubyte (each with or without .gz)";
        }
    }

    private static DataSplits read(String name, Path folder) {
        Normalisation normalisation = Normalisation.forDataset(name);
        switch (name) {
            case "cifar10": {
                List<NamedInput> train = new ArrayList<>();
                for (String f : CIFAR_10_FILES.subList(0, 5)) {
                    train.add(NamedInput.of(folder.resolve(f)));
                }
                Dataset tr = CifarReader.read(train, CifarFormat.CIFAR_10, name + " train", OptionalInt.of(CIFAR_10_BATCH));
                Dataset te = CifarReader.read(List.of(NamedInput.of(folder.resolve("test_batch.bin"))),
                        CifarFormat.CIFAR_10, name + " test", OptionalInt.of(CIFAR_10_BATCH));
                return new DataSplits(name, tr, te, normalisation, ClassNames.of(name), folder.toString());
            }
            case "cifar100": {
                Dataset tr = CifarReader.read(List.of(NamedInput.of(folder.resolve("train.bin"))),
                        CifarFormat.CIFAR_100, name + " train", OptionalInt.of(CIFAR_100_TRAIN));
                Dataset te = CifarReader.read(List.of(NamedInput.of(folder.resolve("test.bin"))),
                        CifarFormat.CIFAR_100, name + " test", OptionalInt.of(CIFAR_100_TEST));
                return new DataSplits(name, tr, te, normalisation, ClassNames.of(name), folder.toString());
            }
            default: {
                Dataset tr = IdxReader.read(idx(folder, 0), idx(folder, 1), name + " train", 10, Optional.of(IDX_SHAPE));
                Dataset te = IdxReader.read(idx(folder, 2), idx(folder, 3), name + " test", 10, Optional.of(IDX_SHAPE));
                return new DataSplits(name, tr, te, normalisation, ClassNames.of(name), folder.toString());
            }
        }
    }

    private static DataSplits embedded(String origin) {
        return new DataSplits("embedded", EmbeddedFashionMnist.train(), EmbeddedFashionMnist.test(),
                Normalisation.FASHION_MNIST, ClassNames.FASHION_MNIST, origin);
    }
}
