package vsam.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The built-in models are their resource files, with the parameter counts their architectures have. */
class BuiltInFilesTest {

    private static long parameters(String id, Shape input, int classes) {
        return Models.byId(id, input, classes).segments().totalLength();
    }

    @Test
    void theBuiltInsHaveTheirArchitecturesParameterCounts() {
        Shape mnist = new Shape(1, 28, 28);
        // 784·256+256 + 256·256+256 + 256·10+10
        assertEquals(269_322, parameters("mlp", mnist, 10));
        // convolutions 144 + 2304 + 4608 + 9216, BatchNorm 2·(16+16+32+32), linear 1568·128+128 + 128·10+10
        assertEquals(218_586, parameters("cnn-s", mnist, 10));
        // the CIFAR ResNet-18 of the SAM papers on CIFAR-10
        assertEquals(11_173_962, parameters("resnet18", new Shape(3, 32, 32), 10));
    }

    @Test
    void aPrintedFileReadsBackAsTheSameModel() {
        for (String id : Models.IDS) {
            ModelFile printed = ModelFile.parse(Models.file(id).json(), id + " (printed)");
            assertEquals(Models.byId(id, new Shape(3, 32, 32), 100), printed.spec(id, new Shape(3, 32, 32), 100));
        }
    }

    @Test
    void theBuiltInsNameNoInitSchemeSoTheRunsInitApplies() {
        for (String id : Models.IDS) {
            assertEquals(java.util.Optional.empty(), Models.file(id).init(), id);
            assertFalse(Models.file(id).json().contains("\"init\""), id + " as 'vsam models show' prints it");
        }
    }
}
