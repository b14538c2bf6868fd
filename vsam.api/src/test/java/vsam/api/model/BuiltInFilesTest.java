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
        // patch conv 16·64+64, position 49·64, 4 blocks of [LN 128, attention 3·64·64+192+64·64+64, LN 128,
        // MLP 64·128+128+128·64+64] = 4·33,472, final LN 128, head 64·10+10
        assertEquals(138_890, parameters("vit-tiny", mnist, 10));
        // patch conv 48·128+128, position 64·128, 6 blocks of [256 + 66,048 + 256 + 65,920] = 6·132,480, LN 256, head 1,290
        assertEquals(810_890, parameters("vit-cifar", new Shape(3, 32, 32), 10));
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
            if (id.startsWith("vit")) {
                assertEquals(java.util.Optional.of(InitScheme.TRUNC_NORMAL), Models.file(id).init(), id + ": timm's practice");
                continue;
            }
            assertEquals(java.util.Optional.empty(), Models.file(id).init(), id);
            assertFalse(Models.file(id).json().contains("\"init\""), id + " as 'vsam models show' prints it");
        }
    }
}
