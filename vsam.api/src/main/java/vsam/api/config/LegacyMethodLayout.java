package vsam.api.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code method} object written before each method's own parameters had an object of their own:
 * then every method's fields sat side by side ({@code lookSamPeriod}, {@code rstProbability},
 * {@code aesamDelta}, ...) and the statistics scope inside {@code vsam}. The fields the named method
 * uses move into its object ({@code looksam.period}, ...), the statistics scope up to {@code method},
 * and the other methods' fields are dropped, so such a run folder still resumes as what it was.
 */
final class LegacyMethodLayout {

    private static final List<String> FLAT_FIELDS = List.of("lookSamPeriod", "lookSamAlpha", "rstProbability", "rstSchedule",
            "aesamDelta", "aesamLambda1", "aesamLambda2");

    private LegacyMethodLayout() {
    }

    /** {@code method} in today's layout: unchanged when it is already, else upgraded. */
    static Map<String, Object> upgrade(Map<String, Object> method) {
        boolean flat = FLAT_FIELDS.stream().anyMatch(method::containsKey);
        boolean scopeInVsam = method.get("vsam") instanceof Map<?, ?> v && v.containsKey("statsScope");
        if (!flat && !scopeInVsam) {
            return method;
        }
        Map<String, Object> out = new LinkedHashMap<>(method);
        FLAT_FIELDS.forEach(out::remove);
        String name = method.get("name") instanceof String s ? s : "";
        String family = family(name);
        switch (family) {
            case "looksam" -> out.put("looksam", pick(method, "lookSamPeriod", "period", "lookSamAlpha", "alpha"));
            case "rst" -> out.put("rst", pick(method, "rstProbability", "probability", "rstSchedule", "schedule"));
            case "aesam" -> out.put("aesam", pick(method, "aesamDelta", "delta", "aesamLambda1", "lambda1",
                    "aesamLambda2", "lambda2"));
            default -> {
            }
        }
        if (method.get("vsam") instanceof Map<?, ?> v) {
            Map<String, Object> vsam = new LinkedHashMap<>();
            v.forEach((k, value) -> vsam.put((String) k, value));
            Object scope = vsam.remove("statsScope");
            if (scope != null) {
                out.putIfAbsent("statsScope", scope);
            }
            if (family.equals("vsam")) {
                out.put("vsam", vsam);
            } else {
                out.remove("vsam");
            }
        }
        return out;
    }

    /** The family of a name, or the name itself when it is no method (the caller reports that). */
    private static String family(String name) {
        try {
            return MethodCatalogue.kind(MethodCatalogue.normalise(name)).family();
        } catch (ConfigException e) {
            return name;
        }
    }

    /** The fields {@code oldName → newName} (pairs) that are present in {@code method}. */
    private static Map<String, Object> pick(Map<String, Object> method, String... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (method.containsKey(pairs[i])) {
                out.put(pairs[i + 1], method.get(pairs[i]));
            }
        }
        return out;
    }
}
