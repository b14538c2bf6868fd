package vsam.api.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vsam.api.model.InitScheme;
import vsam.api.model.ModelFile;

/**
 * Reads and writes {@link RunConfig} as JSON, the form run folders hold and the GUI saves. Objects
 * mirror the records field by field (enums in lower case); a field missing from the file takes its
 * default from {@link RunConfig#defaults()}, an unknown field or a value of the wrong kind is refused
 * with a {@link ConfigException} naming its dotted path. Validation is the records' own.
 */
public final class ConfigJson {

    private ConfigJson() {
    }

    /** The configuration as pretty-printed JSON. */
    public static String write(RunConfig config) {
        return Json.writePretty(toTree(config));
    }

    /**
     * A JSON tree ({@link Map}s and values) of any configuration record; a method's own parameters sit
     * in an object named by {@link MethodParams#key()} (none for a method without any).
     */
    public static Map<String, Object> toTree(Record record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value = get(c, record);
            if (value instanceof MethodParams p) {
                if (!p.key().isEmpty()) {
                    out.put(p.key(), toTree((Record) p));
                }
            } else {
                out.put(c.getName(), toJsonValue(value));
            }
        }
        return out;
    }

    private static Object toJsonValue(Object v) {
        if (v instanceof ModelFile f) {
            return f.tree();
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Record r) {
            return toTree(r);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Optional<?> o) {
            return o.map(ConfigJson::toJsonValue).orElse(Json.NULL);
        }
        return v;
    }

    /**
     * Parses a configuration, filling missing fields from the defaults, except {@code init}: a file without
     * it was written before the field existed, when every run started He-normal, so it reads as
     * {@link InitScheme#HE} and such a run resumes and is reported as what it was.
     */
    public static RunConfig read(String json) {
        Object tree = Json.parse(json);
        if (tree instanceof Map<?, ?> map && !map.containsKey("init")) {
            Map<String, Object> withInit = new LinkedHashMap<>();
            map.forEach((k, v) -> withInit.put((String) k, v));
            withInit.put("init", toJsonValue(InitScheme.HE));
            tree = withInit;
        }
        return fromTree(tree);
    }

    /**
     * The configuration a JSON tree describes (the form {@link #toTree} writes), missing fields from the
     * defaults, every value checked by the records.
     */
    public static RunConfig fromTree(Object tree) {
        return fromTree(tree, RunConfig.class, RunConfig.defaults(), "");
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R fromTree(Object tree, Class<R> type, R defaults, String path) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ConfigException(name(path, "(root)"), "invalid " + name(path, "configuration") + ": expected a JSON object");
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = Arrays.stream(components).filter(c -> c.getType() != MethodParams.class)
                .map(RecordComponent::getName).toList();
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                String also = defaults instanceof MethodConfig mc && !mc.params().key().isEmpty() ? ", " + mc.params().key() : "";
                throw new ConfigException(path + key, "unknown configuration field '" + path + key + "' (known: "
                        + String.join(", ", known) + also + ")");
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object fallback = get(c, defaults);
            String field = path + c.getName();
            args[i] = map.containsKey(c.getName()) && c.getType() != MethodParams.class
                    ? convert(((Map<String, Object>) map).get(c.getName()), c.getType(), c.getGenericType(), fallback, field)
                    : fallback;
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ConfigException(path, "invalid " + name(path, "configuration") + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object v, Class<?> type, Type generic, Object fallback, String field) {
        if (type == double.class) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new ConfigException(field, describe(v), "a number");
        }
        if (type == int.class || type == long.class) {
            if (v instanceof Integer i) {
                v = i.longValue();
            }
            if (v instanceof Long l && (type == long.class || (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE))) {
                return type == int.class ? (Object) l.intValue() : (Object) l;
            }
            throw new ConfigException(field, describe(v), type == int.class ? "a 32-bit integer" : "an integer");
        }
        if (type == boolean.class) {
            if (v instanceof Boolean b) {
                return b;
            }
            throw new ConfigException(field, describe(v), "true or false");
        }
        if (type == String.class) {
            if (v instanceof String s) {
                return s;
            }
            throw new ConfigException(field, describe(v), "a string");
        }
        if (type.isEnum()) {
            if (v instanceof String s) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
                        return constant;
                    }
                }
            }
            throw new ConfigException(field, describe(v), "one of " + String.join(", ",
                    Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT)).toList()));
        }
        if (type == Optional.class) {
            if (v == Json.NULL) {
                return Optional.empty();
            }
            Type inner = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> innerClass = (Class<?>) inner;
            Object innerFallback = ((Optional<?>) fallback).orElse(null);
            return Optional.of(convert(v, innerClass, inner, innerFallback, field));
        }
        if (type == ModelFile.class) {
            return ModelFile.of(v, "config.json " + field);
        }
        if (type == MethodConfig.class) {
            return method(v, (MethodConfig) fallback, field);
        }
        if (Record.class.isAssignableFrom(type)) {
            return fromTree(v, (Class) type, (Record) fallback, field + ".");
        }
        throw new IllegalStateException("no JSON mapping for " + type);
    }

    /**
     * A method object: its defaults are the named method's own (ASAM's radius is 2.0, SAM's 0.05), and its
     * family's parameters are read from the object named by their key. A file written before the
     * parameters were grouped per method ({@link LegacyMethodLayout}) is read as what it meant.
     */
    @SuppressWarnings("unchecked")
    private static MethodConfig method(Object v, MethodConfig fallback, String field) {
        if (!(v instanceof Map<?, ?> given)) {
            throw new ConfigException(field, describe(v), "an object");
        }
        Map<String, Object> m = LegacyMethodLayout.upgrade((Map<String, Object>) given);
        Object nameValue = m.getOrDefault("name", fallback.name());
        if (!(nameValue instanceof String name)) {
            throw new ConfigException(field + ".name", describe(nameValue), "a string");
        }
        MethodConfig defaults = MethodConfig.defaults(name);
        String key = defaults.params().key();
        Map<String, Object> common = new LinkedHashMap<>(m);
        Object params = key.isEmpty() ? null : common.remove(key);
        MethodConfig shared = fromTree(common, MethodConfig.class, defaults, field + ".");
        if (params == null) {
            return shared;
        }
        return shared.withParams((MethodParams) fromTree(params, (Class) defaults.params().getClass(),
                (Record) defaults.params(), field + "." + key + "."));
    }

    private static String describe(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : v instanceof Map ? "an object" : String.valueOf(v);
    }

    private static String name(String path, String fallback) {
        return path.isEmpty() ? fallback : path.substring(0, path.length() - 1);
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
