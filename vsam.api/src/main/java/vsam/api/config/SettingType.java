package vsam.api.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kind of value a {@link Setting} holds, and its three forms: the text a person types (command
 * line, desktop form), the typed value the records hold, and the JSON value of the configuration tree
 * ({@link ConfigJson#toTree}). Text that does not parse is refused with a {@link ConfigException} naming
 * the field and what is expected ({@code invalid epochs: 'ten' (allowed: an integer)}).
 *
 * @param <T> the typed value
 */
public abstract class SettingType<T> {

    private final String expected;

    SettingType(String expected) {
        this.expected = expected;
    }

    /** What the text must look like, for messages: {@code an integer}, {@code one of sgd, adamw}. */
    public String expected() {
        return expected;
    }

    /** The value {@code text} stands for; blank text is refused unless the type allows it. */
    public final T parse(String field, String text) {
        String t = text == null ? "" : text.strip();
        try {
            return parseStripped(t);
        } catch (IllegalArgumentException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw new ConfigException(field, t.isEmpty() ? "(empty)" : "'" + t + "'", expected);
        }
    }

    /** Parses stripped text; throws {@link IllegalArgumentException} (of any kind) when it is not a value. */
    abstract T parseStripped(String text);

    /** The text a person would type for {@code value}. */
    public abstract String format(T value);

    /** {@code value} as a JSON tree value. */
    abstract Object toJson(T value);

    /** The typed value of a JSON tree value. */
    abstract T fromJson(Object json);

    /** The values a drop-down offers; empty for free text. */
    public List<String> choices() {
        return List.of();
    }

    /** Whether blank text in a form means "not given" (the value's default), rather than a value. */
    public boolean isOptional() {
        return false;
    }

    /** Whether the value is on/off (a check box, a negatable flag). */
    public boolean isFlag() {
        return false;
    }

    /** A 32-bit integer. */
    public static final SettingType<Integer> INT = new SettingType<>("an integer") {
        Integer parseStripped(String t) {
            return Integer.parseInt(t);
        }

        public String format(Integer v) {
            return Integer.toString(v);
        }

        Object toJson(Integer v) {
            return v.longValue();
        }

        Integer fromJson(Object json) {
            return ((Number) json).intValue();
        }
    };

    /** A 64-bit integer. */
    public static final SettingType<Long> LONG = new SettingType<>("an integer") {
        Long parseStripped(String t) {
            return Long.parseLong(t);
        }

        public String format(Long v) {
            return Long.toString(v);
        }

        Object toJson(Long v) {
            return v;
        }

        Long fromJson(Object json) {
            return ((Number) json).longValue();
        }
    };

    /** A floating-point number, written as a person would type it ({@code 0.05}, {@code 1.0E-8}). */
    public static final SettingType<Double> DOUBLE = new SettingType<>("a number") {
        Double parseStripped(String t) {
            if (t.isEmpty()) {
                throw new NumberFormatException("empty");
            }
            return Double.parseDouble(t);
        }

        public String format(Double v) {
            return number(v);
        }

        Object toJson(Double v) {
            return v;
        }

        Double fromJson(Object json) {
            return ((Number) json).doubleValue();
        }
    };

    /** {@code true} or {@code false}. */
    public static final SettingType<Boolean> BOOLEAN = new SettingType<>("true or false") {
        Boolean parseStripped(String t) {
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
            throw new IllegalArgumentException(t);
        }

        public String format(Boolean v) {
            return Boolean.toString(v);
        }

        Object toJson(Boolean v) {
            return v;
        }

        Boolean fromJson(Object json) {
            return (Boolean) json;
        }

        @Override
        public boolean isFlag() {
            return true;
        }
    };

    /** Any non-empty text. */
    public static final SettingType<String> TEXT = new Text("a non-empty name", List::of);

    /**
     * A setting whose value is its text: non-empty, written as is; subclasses narrow which texts are values.
     * {@code choices} are what a drop-down offers.
     */
    static class Text extends SettingType<String> {
        private final Supplier<List<String>> choices;

        Text(String expected, Supplier<List<String>> choices) {
            super(expected);
            this.choices = choices;
        }

        String parseStripped(String t) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return t;
        }

        public String format(String v) {
            return v;
        }

        Object toJson(String v) {
            return v;
        }

        String fromJson(Object json) {
            return (String) json;
        }

        @Override
        public List<String> choices() {
            return choices.get();
        }
    }

    /**
     * Optional text (a folder): "none" is JSON {@code null} and formats as blank. Text given is kept, even
     * blank, so that a command line's {@code --data-dir ""} is refused where the folder is used; a form
     * leaves a blank optional field out instead ({@link #isOptional()}).
     */
    public static final SettingType<Optional<String>> OPTIONAL_TEXT = new SettingType<>("a name, or nothing") {
        Optional<String> parseStripped(String t) {
            return Optional.of(t);
        }

        @Override
        public boolean isOptional() {
            return true;
        }

        public String format(Optional<String> v) {
            return v.orElse("");
        }

        Object toJson(Optional<String> v) {
            return v.<Object>map(s -> s).orElse(Json.NULL);
        }

        Optional<String> fromJson(Object json) {
            return json == Json.NULL || json == null ? Optional.empty() : Optional.of((String) json);
        }
    };

    /** Text from a list known when asked (model ids, data sets, method names), offered as a drop-down. */
    public static SettingType<String> oneOf(Supplier<List<String>> names) {
        return new Text("a name", names);
    }

    /** An enum constant, written in lower case ({@code adamw}, {@code cosine}). */
    public static <E extends Enum<E>> SettingType<E> choice(Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(SettingType::lower).toList();
        return new SettingType<>("one of " + String.join(", ", names)) {
            E parseStripped(String t) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().equalsIgnoreCase(t)) {
                        return e;
                    }
                }
                throw new IllegalArgumentException(t);
            }

            public String format(E v) {
                return lower(v);
            }

            Object toJson(E v) {
                return lower(v);
            }

            E fromJson(Object json) {
                return parseStripped((String) json);
            }

            @Override
            public List<String> choices() {
                return names;
            }
        };
    }

    /** vSAM's warm-up in the text form {@link Warmup#parse} reads ({@code auto}, {@code 3ep}, {@code 500it}). */
    public static final SettingType<Warmup> WARMUP = new SettingType<>("auto, <n>ep (epochs) or <n>it (iterations)") {
        Warmup parseStripped(String t) {
            return Warmup.parse(t);
        }

        public String format(Warmup w) {
            return switch (w.unit()) {
                case AUTO -> "auto";
                case EPOCHS -> number(w.amount()) + "ep";
                case ITERATIONS -> (long) w.amount() + "it";
            };
        }

        Object toJson(Warmup w) {
            return ConfigJson.toTree(w);
        }

        Warmup fromJson(Object json) {
            Map<?, ?> m = (Map<?, ?>) json;
            return new Warmup(Warmup.Unit.valueOf(((String) m.get("unit")).toUpperCase(Locale.ROOT)),
                    ((Number) m.get("amount")).doubleValue());
        }
    };

    /** A number as a person would type it: {@code 0.05}, {@code 0.0005}, {@code 10}, {@code 1.0E-8}. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e9) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
