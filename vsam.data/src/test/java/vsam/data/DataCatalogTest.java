package vsam.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.config.DataConfig;
import vsam.api.model.Shape;
import vsam.data.format.IdxWriter;
import vsam.data.pipeline.Normalisation;

class DataCatalogTest {

    @TempDir
    Path dir;

    /** A catalogue with no system folder and the given data folder and environment. */
    private DataCatalog catalog(Optional<Path> dataDir, Optional<String> env) {
        return new DataCatalog(dataDir, env, Optional.of(dir.resolve("no-system-folder")));
    }

    /** Writes a small 28x28 IDX data set (train n, test n / 2; labels i % 10) into {@code folder}. */
    private static void writeIdx(Path folder, int n, boolean gzip, int firstPixel) throws IOException {
        Files.createDirectories(folder);
        Shape s = new Shape(1, 28, 28);
        for (String split : new String[] {"train", "t10k"}) {
            int count = split.equals("train") ? n : n / 2;
            byte[] p = new byte[count * s.elements()];
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                p[i * s.elements()] = (byte) firstPixel;
                y[i] = i % 10;
            }
            Dataset d = new Dataset(split, s, 10, p, y);
            String ext = gzip ? ".gz" : "";
            IdxWriter.write(d, folder.resolve(split + "-images-idx3-ubyte" + ext), folder.resolve(split + "-labels-idx1-ubyte" + ext), gzip);
        }
    }

    @Test
    void embeddedIsAlwaysAvailable() {
        DataSplits d = catalog(Optional.empty(), Optional.empty()).load("embedded");
        assertEquals("embedded", d.dataset());
        assertEquals(6000, d.train().size());
        assertEquals(1000, d.test().size());
        assertEquals(Normalisation.FASHION_MNIST, d.normalisation());
    }

    @Test
    void fashionMnistFallsBackToTheEmbeddedSubsetWhenNotInstalled() {
        DataSplits d = catalog(Optional.empty(), Optional.of(dir.toString())).load("fashion-mnist");
        assertEquals("embedded", d.dataset());
        assertEquals(6000, d.train().size());
        assertTrue(d.origin().contains("no Fashion-MNIST files in"), d.origin());
    }

    @Test
    void dataDirHoldingTheFilesDirectlyIsUsed() throws IOException {
        writeIdx(dir.resolve("fm"), 20, true, 1);
        DataSplits d = catalog(Optional.of(dir.resolve("fm")), Optional.empty()).load("fashion-mnist");
        assertEquals("fashion-mnist", d.dataset());
        assertEquals(20, d.train().size());
        assertEquals(10, d.test().size());
        assertEquals(dir.resolve("fm").toString(), d.origin());
        assertEquals("fashion-mnist train", d.train().name());
    }

    @Test
    void environmentFolderWithNamedSubfoldersIsUsedAndDataDirComesFirst() throws IOException {
        Path root = dir.resolve("datasets");
        writeIdx(root.resolve("mnist"), 30, false, 2);
        writeIdx(root.resolve("fashion-mnist"), 40, true, 3);
        DataCatalog fromEnv = catalog(Optional.empty(), Optional.of(dir.resolve("empty") + ":" + root));
        assertEquals(30, fromEnv.load("mnist").train().size());
        assertEquals(Normalisation.MNIST, fromEnv.load("mnist").normalisation());
        assertEquals(40, fromEnv.load("fashion-mnist").train().size());
        writeIdx(dir.resolve("explicit"), 20, false, 4);
        DataCatalog both = catalog(Optional.of(dir.resolve("explicit")), Optional.of(root.toString()));
        assertEquals(4, both.load("fashion-mnist").train().pixel(0, 0));
    }

    @Test
    void systemFolderIsUsedForFashionMnistOnly() throws IOException {
        Path system = dir.resolve("usr-share-datasets-fashion-mnist");
        writeIdx(system, 20, true, 5);
        DataCatalog c = new DataCatalog(Optional.empty(), Optional.empty(), Optional.of(system));
        assertEquals(5, c.load("fashion-mnist").train().pixel(0, 0));
        DataException e = assertThrows(DataException.class, () -> c.load("mnist"));
        assertFalse(e.getMessage().contains(system.toString()), e.getMessage());
    }

    @Test
    void folderOfNamesTheFolderLoadWouldReadWithoutReadingIt() throws IOException {
        Path root = dir.resolve("datasets");
        writeIdx(root.resolve("fashion-mnist"), 20, true, 3);
        DataCatalog c = catalog(Optional.empty(), Optional.of(root.toString()));
        assertEquals(Optional.of(root.resolve("fashion-mnist")), c.folderOf("fashion-mnist"));
        assertEquals(root.resolve("fashion-mnist").toString(), c.load("fashion-mnist").origin());
        assertEquals(Optional.empty(), c.folderOf("mnist"), "no folder holds mnist");
        assertEquals(Optional.empty(), c.folderOf("embedded"));
        assertEquals(Optional.empty(), catalog(Optional.empty(), Optional.empty()).folderOf("fashion-mnist"),
                "not installed: load falls back to the embedded subset, which has no folder");
    }

    @Test
    void missingDataSetListsWhereItLooked() {
        Path root = dir.resolve("env-root");
        DataException e = assertThrows(DataException.class,
                () -> catalog(Optional.empty(), Optional.of(root.toString())).load("cifar10"));
        String m = e.getMessage();
        assertTrue(m.startsWith("data set 'cifar10' not found; looked in "), m);
        assertTrue(m.contains(root.resolve("cifar10") + ""), m);
        assertTrue(m.contains(root.resolve("cifar-10-batches-bin") + ""), m);
        assertTrue(m.contains("($VSAM_DATA)"), m);
        assertTrue(m.contains("data_batch_1.bin"), m);
        assertFalse(m.contains("\n"));
        DataException unset = assertThrows(DataException.class, () -> catalog(Optional.empty(), Optional.empty()).load("cifar100"));
        assertTrue(unset.getMessage().contains("$VSAM_DATA not set"), unset.getMessage());
    }

    /** An explicit --data-dir is the only place looked in: no $VSAM_DATA, no system folder, no embedded fallback. */
    @Test
    void explicitDataFolderWithoutTheDataSetIsAnErrorNamingWhatIsMissing() throws IOException {
        Path system = dir.resolve("system");
        writeIdx(system, 20, true, 5);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DataCatalog c = new DataCatalog(Optional.of(empty), Optional.of(system.toString()), Optional.of(system));
        DataException e = assertThrows(DataException.class, () -> c.load("fashion-mnist"));
        String m = e.getMessage();
        assertTrue(m.startsWith("the data folder " + empty + " (--data-dir) holds no fashion-mnist; looked in "), m);
        assertTrue(m.contains(empty.resolve("FashionMNIST").resolve("raw").toString()), m);
        assertTrue(m.contains("train-images-idx3-ubyte"), m);
        assertFalse(m.contains(system.toString()), m);
        DataException cifar = assertThrows(DataException.class,
                () -> new DataCatalog(Optional.of(empty), Optional.empty(), Optional.empty()).load("cifar10"));
        assertTrue(cifar.getMessage().contains(empty.resolve("cifar-10-batches-bin").toString()), cifar.getMessage());
        DataException blank = assertThrows(DataException.class,
                () -> new DataCatalog(Optional.of(Path.of("")), Optional.empty(), Optional.of(system)).load("fashion-mnist"));
        assertEquals("the data folder (--data-dir) is an empty path; name a folder", blank.getMessage());
    }

    @Test
    void partialFolderIsAnErrorNotSkipped() throws IOException {
        writeIdx(dir.resolve("mnist"), 20, true, 1);
        Files.delete(dir.resolve("mnist").resolve("t10k-labels-idx1-ubyte.gz"));
        DataException e = assertThrows(DataException.class, () -> catalog(Optional.of(dir), Optional.empty()).load("mnist"));
        assertTrue(e.getMessage().contains("missing t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void cifarFolderIsFoundAndItsFilesChecked() throws IOException {
        Path c = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
            "data_batch_5.bin", "test_batch.bin"}) {
            Files.write(c.resolve(f), new byte[3073 * 2]);
        }
        DataException e = assertThrows(DataException.class, () -> catalog(Optional.of(dir), Optional.empty()).load("cifar10"));
        assertTrue(e.getMessage().startsWith(c.resolve("data_batch_1.bin") + ": holds 2 records, expected 10000"), e.getMessage());
    }

    @Test
    void unknownNameSuggestsTheNearest() {
        DataException e = assertThrows(DataException.class, () -> catalog(Optional.empty(), Optional.empty()).load("cifar-10"));
        assertTrue(e.getMessage().contains("did you mean cifar10?"), e.getMessage());
    }

    @Test
    void missingDataDirIsAnError() {
        Path nowhere = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class,
                () -> catalog(Optional.of(nowhere), Optional.empty()).load("fashion-mnist"));
        assertTrue(e.getMessage().startsWith(nowhere.toString()), e.getMessage());
    }

    @Test
    void prepareAppliesSubsetAndNoiseToTheTrainingSplitOnly() {
        DataConfig config = new DataConfig("embedded", Optional.empty(), 1000, 0.4, 17, false, 0);
        DataCatalog c = catalog(Optional.empty(), Optional.empty());
        DataSplits clean = c.load("embedded");
        DataSplits prepared = c.prepare(config);
        assertEquals(1000, prepared.train().size());
        assertArrayEquals(clean.test().labels(), prepared.test().labels());
        int changed = 0;
        for (int i = 0; i < 1000; i++) {
            changed += prepared.train().label(i) != clean.train().label(i) ? 1 : 0;
        }
        assertEquals(400, changed, 60);
        assertArrayEquals(prepared.train().labels(), c.prepare(config).train().labels());
    }

    @Test
    void splitsMakeLoadersWithTheirNormalisation() {
        DataSplits d = catalog(Optional.empty(), Optional.empty()).load("embedded");
        BatchLoader test = d.testLoader(128);
        assertEquals(8, test.batchesPerEpoch());
        assertEquals(46, d.trainLoader(128, 1, Optional.empty()).batchesPerEpoch());
        assertTrue(d.trainLoader(128, 1, true).options().augmentation().isPresent());
        assertTrue(d.trainLoader(128, 1, false).options().augmentation().isEmpty());
        assertEquals(d.test(), test.dataset());
    }
}
