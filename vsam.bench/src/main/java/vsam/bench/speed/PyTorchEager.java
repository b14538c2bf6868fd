package vsam.bench.speed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yardstick the CPU backends are held to (issue 17): one SGD epoch of {@code cnn-s} in PyTorch eager mode
 * from Python, with the same model, data, batch, loss, update and thread count, measured in the same bench
 * run as the backends. The script ({@code cnn_s_epoch.py}, a resource of this package, also runnable by hand)
 * prints one line per epoch; this class runs it with {@code python3} and reads those lines.
 *
 * <p>PyTorch is optional: without {@code python3} or its {@code torch} module the bench says so in its table
 * and keeps the absolute epoch targets (docs/RESULTS.md §0d).
 *
 * @param version          what the script reported, e.g. {@code pytorch 1.13.1 eager}; empty when not measured
 * @param secondsPerEpoch  mean wall time of the epochs (evaluation excluded); NaN when not measured
 * @param note             why it was not measured; empty when it was
 */
public record PyTorchEager(String version, double secondsPerEpoch, String note) {

    /** The script, a resource next to this class. */
    static final String SCRIPT = "cnn_s_epoch.py";

    private static final Pattern EPOCH = Pattern.compile("^(pytorch \\S+ eager).*epoch \\d+ of \\d+ steps in ([0-9.]+) s$");

    /** Whether the yardstick was measured. */
    public boolean measured() {
        return Double.isFinite(secondsPerEpoch);
    }

    /** Not measured, because {@code why}. */
    static PyTorchEager missing(String why) {
        return new PyTorchEager("", Double.NaN, why);
    }

    /**
     * The mean epoch time from the script's output lines; {@link #missing} when they hold no epoch line.
     */
    static PyTorchEager parse(List<String> lines) {
        String version = "";
        List<Double> seconds = new ArrayList<>();
        for (String line : lines) {
            Matcher m = EPOCH.matcher(line.strip());
            if (m.matches()) {
                version = m.group(1);
                seconds.add(Double.parseDouble(m.group(2)));
            }
        }
        if (seconds.isEmpty()) {
            String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
            return missing("the PyTorch script printed no epoch time (" + last + ")");
        }
        return new PyTorchEager(version, seconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), "");
    }

    /**
     * Runs the script on the Fashion-MNIST files in {@code dataFolder} for {@code epochs} epochs on
     * {@code threads} threads, echoing its lines to {@code log}; {@link #missing} when {@code python3} or
     * {@code torch} is not there or the script fails.
     */
    public static PyTorchEager measure(Path dataFolder, int threads, int epochs, PrintStream log) {
        PyTorchEager result = missing("no python3 found");
        for (String python : INTERPRETERS) {
            result = measure(python, dataFolder, threads, epochs, log);
            if (result.measured() || !result.note().contains(NO_TORCH)) {
                return result;
            }
        }
        return result;
    }

    /**
     * The interpreters tried in turn: the one on the path first, then the system's, which holds Debian's
     * {@code python3-torch} when the path's (a pyenv or virtual environment, say) lacks it.
     */
    static final List<String> INTERPRETERS = List.of("python3", "/usr/bin/python3");

    private static final String NO_TORCH = "has no torch module";

    private static PyTorchEager measure(String python, Path dataFolder, int threads, int epochs, PrintStream log) {
        Path script = null;
        try {
            script = Files.createTempFile("vsam-cnn-s-", ".py");
            try (InputStream in = PyTorchEager.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    return missing("the PyTorch script is missing from the bench's jar");
                }
                Files.write(script, in.readAllBytes());
            }
            Process p = new ProcessBuilder(python, script.toString(), "--data", dataFolder.toString(),
                    "--threads", Integer.toString(threads), "--epochs", Integer.toString(epochs))
                    .redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                    if (!line.contains("No module named 'torch'")) {
                        log.println("  " + line);
                    }
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return missing("the PyTorch script ran past 10 minutes");
            }
            if (p.exitValue() != 0) {
                boolean noTorch = lines.stream().anyMatch(l -> l.contains("No module named 'torch'"));
                return missing(noTorch ? python + " " + NO_TORCH + " (Debian: apt-get install python3-torch)"
                        : String.format(Locale.ROOT, "the PyTorch script failed (exit %d: %s)", p.exitValue(),
                                lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip()));
            }
            return parse(lines);
        } catch (IOException e) {
            return missing(python + " could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing("stopped while the PyTorch script ran");
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
