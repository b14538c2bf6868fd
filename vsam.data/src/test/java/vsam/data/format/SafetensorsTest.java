package vsam.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.config.Json;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.model.StateDict;
import vsam.api.network.NetworkState;

/** A state dict written as safetensors follows the format's layout and reads back bit for bit. */
class SafetensorsTest {

    private static List<StateDict.Tensor> cnnS() {
        ModelSpec spec = Models.byId("cnn-s", new Shape(1, 28, 28), 10);
        float[] params = InitialWeights.generate(spec, 4).flat();
        Random r = new Random(2);
        int bufferValues = spec.parameters().stream().filter(p -> p.role() == vsam.api.model.ParameterSpec.Role.BATCH_NORM_GAMMA)
                .mapToInt(p -> 2 * p.shape()[0]).sum();
        float[] buffers = new float[bufferValues];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = r.nextFloat();
        }
        buffers[0] = Float.intBitsToFloat(0x7fc00001); // a NaN with a payload: bits must survive
        return StateDict.of(spec, new NetworkState(params, buffers), 1234);
    }

    @Test
    void theHeaderAndOffsetsFollowTheFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        List<StateDict.Tensor> tensors = cnnS();
        Safetensors.write(file, tensors, Map.of("format", "pt"));
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "the header is padded to 8 bytes");
        Map<?, ?> header = (Map<?, ?>) Json.parse(new String(all, 8, (int) n, StandardCharsets.UTF_8).strip());
        assertEquals(Map.of("format", "pt"), header.get("__metadata__"));
        long expectedBegin = 0;
        for (StateDict.Tensor t : tensors) {
            Map<?, ?> entry = (Map<?, ?>) header.get(t.name());
            List<?> offsets = (List<?>) entry.get("data_offsets");
            assertEquals(expectedBegin, offsets.get(0), t.name() + " starts where the previous ended");
            expectedBegin = (Long) offsets.get(1);
        }
        assertEquals(8 + n + expectedBegin, all.length, "the data ends the file");
        Map<?, ?> bn = (Map<?, ?>) header.get("1.running_var");
        assertEquals("F32", bn.get("dtype"));
        assertEquals(((Map<?, ?>) header.get("1.weight")).get("shape"), bn.get("shape"), "BatchNorm's γ is its weight");
        assertEquals(1, ((List<?>) bn.get("shape")).size());
        assertEquals("I64", ((Map<?, ?>) header.get("1.num_batches_tracked")).get("dtype"));
        assertEquals(List.of(), ((Map<?, ?>) header.get("1.num_batches_tracked")).get("shape"));
        List<?> conv = (List<?>) ((Map<?, ?>) header.get("0.weight")).get("shape");
        assertEquals(4, conv.size(), "a convolution's weight is [out, in, k, k]");
        assertEquals(1L, conv.get(1), "one input channel");
    }

    @Test
    void aWrittenFileReadsBackBitIdentically(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        List<StateDict.Tensor> tensors = cnnS();
        Safetensors.write(file, tensors, Map.of());
        Safetensors.Contents back = Safetensors.read(file);
        assertEquals(tensors.size(), back.tensors().size());
        for (int i = 0; i < tensors.size(); i++) {
            StateDict.Tensor a = tensors.get(i);
            StateDict.Tensor b = back.tensors().get(i);
            assertEquals(a.name(), b.name());
            assertArrayEquals(a.shape(), b.shape());
            if (a instanceof StateDict.Floats fa) {
                float[] fb = ((StateDict.Floats) b).values();
                for (int k = 0; k < fa.values().length; k++) {
                    assertEquals(Float.floatToRawIntBits(fa.values()[k]), Float.floatToRawIntBits(fb[k]), a.name() + "[" + k + "]");
                }
            } else {
                assertArrayEquals(((StateDict.Longs) a).values(), ((StateDict.Longs) b).values());
            }
        }
    }

    @Test
    void aDamagedFileIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, cnnS(), Map.of());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 4));
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
