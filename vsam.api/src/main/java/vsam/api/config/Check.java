package vsam.api.config;

import java.util.Collection;

/**
 * Checks that span fields or are not a setting's range (a setting's own range is its {@link Allowed}, checked by
 * {@link Setting#check}); each throws {@link ConfigException} naming the field, the value and what is allowed.
 */
final class Check {

    private Check() {
    }



    /** {@code min <= value <= max}, finite. */
    static void closed(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ConfigException(field, value, "a number in [" + min + ", " + max + "]");
        }
    }



    /** {@code value >= 0}, finite. */
    static void nonNegative(String field, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new ConfigException(field, value, "a finite number >= 0");
        }
    }

    static void oneOf(String field, String value, Collection<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ConfigException(field, value == null ? "(none)" : "'" + value + "'", "one of " + String.join(", ", allowed));
        }
    }

    /** A catalogue model id, optionally quantised ({@code cnn-s+w4a4}; see {@link vsam.api.model.Models#byId}). */
    static void model(String field, String value) {
        if (!vsam.api.model.Models.isValidId(value)) {
            throw new ConfigException(field, value == null ? "(none)" : "'" + value + "'",
                    "one of " + String.join(", ", vsam.api.model.Models.IDS)
                            + ", optionally quantised as <model>+w<bits>a<bits>[/<bits>|/fp], e.g. cnn-s+w4a4");
        }
    }

    static void named(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(field, "(empty)", "a non-empty name");
        }
    }

    /**
     * A run of a model file that names an init scheme starts from that scheme (docs/ARCHITECTURE.md, "Model
     * files"), so its configuration records what happened.
     */
    static void initOfModelFile(java.util.Optional<vsam.api.model.ModelFile> file, vsam.api.model.InitScheme init) {
        if (file.isEmpty()) {
            return;
        }
        file.get().init().filter(named -> named != init).ifPresent(named -> {
            throw new ConfigException("init", file.get().source() + ": init: the model file names " + lower(named)
                    + ", but the configuration's init is " + lower(init));
        });
    }

    /** A run of a model file that names its quantization is that quantization's ({@code <name>+w4a4}). */
    static void quantizationOfModelFile(java.util.Optional<vsam.api.model.ModelFile> file, String model) {
        if (file.isEmpty()) {
            return;
        }
        java.util.Optional<vsam.api.model.Quantization> run = vsam.api.model.Models.quantizationOf(model);
        file.get().quantization().filter(named -> !java.util.Optional.of(named).equals(run)).ifPresent(named -> {
            throw new ConfigException("quantize", file.get().source() + ": quantize: the model file names " + named.format()
                    + ", but the configuration's model is " + model);
        });
    }

    /** An enum constant as configurations write it ({@code pytorch}). */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new ConfigException(field, "(none)", "a value");
        }
        return value;
    }
}
