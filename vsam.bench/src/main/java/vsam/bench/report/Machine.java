package vsam.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a measurement ran on, for every table the benchmarks and the experiment write: CPU model
 * (from {@code /proc/cpuinfo} where there is one), cores the JVM sees, Java version and operating system.
 *
 * @param cpu   CPU model name, or "unknown"
 * @param cores processors available to the JVM
 * @param java  Java VM name and version
 * @param os    operating system and architecture
 */
public record Machine(String cpu, int cores, String java, String os) {

    /** This machine. */
    public static Machine current() {
        return new Machine(cpuModel(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** The first {@code model name} of a {@code /proc/cpuinfo}-style file, or "unknown". */
    static String cpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon >= 0) {
                        return line.substring(colon + 1).strip();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** One line: {@code AMD EPYC, 2 cores, OpenJDK 64-Bit Server VM 17.0.15, Linux ... amd64}. */
    public String describe() {
        return cpu + ", " + cores + (cores == 1 ? " core" : " cores") + ", " + java + ", " + os;
    }

    /** The same fields as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("java", java);
        m.put("os", os);
        return m;
    }
}
