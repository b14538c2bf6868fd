package vsam.data.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vsam.api.config.Json;
import vsam.api.model.StateDict;

/**
 * The safetensors file format (Hugging Face's, read by {@code safetensors.torch.load_file}): an 8-byte
 * little-endian unsigned header length N, N bytes of UTF-8 JSON, then the tensors' bytes back to back.
 * The header maps each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}, offsets
 * relative to the first byte after the header, in file order; {@code "__metadata__"} holds string pairs.
 * The header is padded with spaces to a multiple of 8 bytes, so every tensor starts 8-aligned. Tensors
 * are little-endian, row-major ({@code F32} and {@code I64} here).
 */
public final class Safetensors {

    /** The header size a reader accepts: 100 MB, as the reference implementation. */
    private static final long MAX_HEADER = 100_000_000;

    private Safetensors() {
    }

    /** What a file holds. */
    public record Contents(List<StateDict.Tensor> tensors, Map<String, String> metadata) {
    }

    /** Writes {@code tensors} in order, with {@code metadata}, replacing {@code file}. */
    public static void write(Path file, List<StateDict.Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (StateDict.Tensor t : tensors) {
            long bytes = byteLength(t);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t instanceof StateDict.Floats ? "F32" : "I64");
            List<Object> shape = new ArrayList<>();
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + bytes));
            if (header.put(t.name(), entry) != null) {
                throw new IllegalArgumentException("tensor " + t.name() + " named twice");
            }
            offset += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(prefix.array());
            for (StateDict.Tensor t : tensors) {
                out.write(bytes(t));
            }
        }
    }

    /**
     * Reads a file {@link #write} wrote (F32 and I64 tensors).
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static Contents read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IOException(file + ": too short for a safetensors file");
        }
        ByteBuffer in = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long n = in.getLong();
        if (n < 2 || n > MAX_HEADER || 8 + n > all.length) {
            throw new IOException(file + ": header length " + n + " does not fit the file (" + all.length + " bytes)");
        }
        Object parsed = Json.parse(new String(all, 8, (int) n, StandardCharsets.UTF_8).stripTrailing());
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new IOException(file + ": the header is not a JSON object");
        }
        long dataStart = 8 + n;
        java.util.TreeMap<Long, StateDict.Tensor> tensors = new java.util.TreeMap<>(); // in file order
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                ((Map<?, ?>) e.getValue()).forEach((k, v) -> metadata.put((String) k, (String) v));
                continue;
            }
            Map<?, ?> entry = (Map<?, ?>) e.getValue();
            List<?> shapeList = (List<?>) entry.get("shape");
            long[] shape = shapeList.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
            List<?> offsets = (List<?>) entry.get("data_offsets");
            long begin = ((Number) offsets.get(0)).longValue();
            long end = ((Number) offsets.get(1)).longValue();
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            String dtype = (String) entry.get("dtype");
            int width = switch (dtype) {
                case "F32" -> 4;
                case "I64" -> 8;
                default -> throw new IOException(file + ": tensor " + name + " has dtype " + dtype + " (F32 or I64 expected)");
            };
            if (end - begin != count * width || dataStart + end > all.length || begin < 0) {
                throw new IOException(file + ": tensor " + name + " has offsets [" + begin + ", " + end + "] that do not fit "
                        + count + " values of " + dtype);
            }
            ByteBuffer data = ByteBuffer.wrap(all, (int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            if (width == 4) {
                float[] v = new float[(int) count];
                data.asFloatBuffer().get(v);
                tensors.put(begin, new StateDict.Floats(name, shape, v));
            } else {
                long[] v = new long[(int) count];
                data.asLongBuffer().get(v);
                tensors.put(begin, new StateDict.Longs(name, shape, v));
            }
        }
        return new Contents(List.copyOf(tensors.values()), metadata);
    }

    private static long byteLength(StateDict.Tensor t) {
        return t instanceof StateDict.Floats f ? 4L * f.values().length : 8L * ((StateDict.Longs) t).values().length;
    }

    private static byte[] bytes(StateDict.Tensor t) {
        ByteBuffer b = ByteBuffer.allocate((int) byteLength(t)).order(ByteOrder.LITTLE_ENDIAN);
        if (t instanceof StateDict.Floats f) {
            b.asFloatBuffer().put(f.values());
        } else {
            b.asLongBuffer().put(((StateDict.Longs) t).values());
        }
        return b.array();
    }
}
