package vsam.bench.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vsam.api.config.Json;

/**
 * The per-iteration series of a run folder's {@code telemetry.jsonl} that the plots need.
 *
 * @param iterations iteration index of each line
 * @param sampled    whether the iteration took SAM's second pass
 * @param psfNorms   ‖PSF‖ over the statistics scope, NaN on non-sampling iterations
 */
public record Telemetry(long[] iterations, boolean[] sampled, double[] psfNorms) {

    /** Reads {@code folder/telemetry.jsonl}; an absent file gives an empty series. */
    public static Telemetry read(Path folder) throws IOException {
        Path file = folder.resolve("telemetry.jsonl");
        List<long[]> its = new ArrayList<>();
        List<Object[]> rest = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Map<?, ?> m = (Map<?, ?>) Json.parse(line);
                    its.add(new long[] {((Number) m.get("iteration")).longValue()});
                    Object psf = m.get("psfNorm");
                    rest.add(new Object[] {Boolean.TRUE.equals(m.get("sampled")),
                        psf instanceof Number n ? n.doubleValue() : Double.NaN});
                }
            }
        }
        int n = its.size();
        long[] iterations = new long[n];
        boolean[] sampled = new boolean[n];
        double[] psf = new double[n];
        for (int i = 0; i < n; i++) {
            iterations[i] = its.get(i)[0];
            sampled[i] = (Boolean) rest.get(i)[0];
            psf[i] = (Double) rest.get(i)[1];
        }
        return new Telemetry(iterations, sampled, psf);
    }

    /** Number of iterations recorded. */
    public int size() {
        return iterations.length;
    }

    /** Share of SAM steps among the last {@code window} iterations (fewer at the start), at every iteration. */
    public double[] movingSamFraction(int window) {
        double[] out = new double[size()];
        int inWindow = 0;
        for (int i = 0; i < size(); i++) {
            inWindow += sampled[i] ? 1 : 0;
            if (i >= window) {
                inWindow -= sampled[i - window] ? 1 : 0;
            }
            out[i] = (double) inWindow / Math.min(i + 1, window);
        }
        return out;
    }
}
