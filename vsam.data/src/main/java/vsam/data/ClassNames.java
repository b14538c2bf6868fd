package vsam.data;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The class names of the catalogue data sets, in label order, as their publishers list them
 * (Fashion-MNIST's README, the CIFAR pages' {@code batches.meta.txt} and {@code fine_label_names.txt}).
 */
public final class ClassNames {

    /** Fashion-MNIST (and the embedded subset). */
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** MNIST: the digits. */
    public static final List<String> MNIST = numbered(10);
    /** CIFAR-10. */
    public static final List<String> CIFAR_10 = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    /** CIFAR-100's fine labels (alphabetical, as the data set numbers them). */
    public static final List<String> CIFAR_100 = List.of("apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee",
            "beetle", "bicycle", "bottle", "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle",
            "caterpillar", "cattle", "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile",
            "cup", "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo",
            "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle",
            "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck",
            "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray", "road", "rocket",
            "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider", "squirrel",
            "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
            "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf", "woman", "worm");

    private ClassNames() {
    }

    /** The names of catalogue data set {@code dataset}'s classes. */
    public static List<String> of(String dataset) {
        return switch (dataset) {
            case "fashion-mnist", "embedded" -> FASHION_MNIST;
            case "mnist" -> MNIST;
            case "cifar10" -> CIFAR_10;
            case "cifar100" -> CIFAR_100;
            default -> throw new DataException(dataset + ": no class names known for this data set");
        };
    }

    /** {@code "0"}, {@code "1"}, … for {@code n} classes. */
    public static List<String> numbered(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }
}
