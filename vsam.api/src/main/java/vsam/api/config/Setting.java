package vsam.api.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One configuration field as every front end sees it: where it sits in the configuration's JSON tree,
 * the command-line option, the label and help of the desktop form, the type with its parsing and
 * formatting, the allowed values with their message, and the methods it applies to. The entries are
 * listed once, in {@link Settings}; the command line's options, the form's fields and validation, the
 * experiment's overrides and the help all come from that list (docs/ARCHITECTURE.md, "Adding a setting").
 *
 * <p>A setting reads and writes the configuration tree ({@link ConfigJson#toTree}): by default the value at
 * {@link #path()}; a few settings (the model's quantization suffix, SAM-k's period in the method name) have
 * a {@link Binding} of their own.
 *
 * @param <T> the typed value
 */
public final class Setting<T> {

    /** The part of the configuration a setting belongs to: a section of the form, a group of the help. */
    public enum Section { BACKEND, DATA, METHOD, OPTIMIZER, SCHEDULE, TRAINING }

    /**
     * The form shows a setting only while another one has one of these texts (AdamW's β₁ only for AdamW).
     *
     * @param on    the deciding setting
     * @param texts the texts of {@code on} that show it
     */
    public record Shown(Setting<?> on, List<String> texts) {
    }

    /** How a setting finds its value in the configuration tree, and puts one there. */
    public interface Binding<T> {
        T read(Map<String, Object> tree);

        void write(Map<String, Object> tree, T value);
    }

    private final String path;
    private final SettingType<T> type;
    private Optional<String> option = Optional.empty();
    private List<String> aliases = List.of();
    private String label;
    private String help = "";
    private Section section = Section.TRAINING;
    private Allowed<? super T> allowed = Allowed.any();
    private Set<String> methods = Set.of();
    private boolean perturbingOnly;
    private Optional<Shown> shown = Optional.empty();
    private Binding<T> binding;
    private String errorField;
    private final Map<String, String> familyPaths = new java.util.HashMap<>();

    private Setting(String path, SettingType<T> type) {
        this.path = path;
        this.type = type;
        this.label = path;
        this.errorField = path;
        this.binding = new Binding<>() {
            public T read(Map<String, Object> tree) {
                return type.fromJson(get(tree, pathIn(tree)));
            }

            public void write(Map<String, Object> tree, T value) {
                put(tree, pathIn(tree), type.toJson(value));
            }
        };
    }

    /** A setting at {@code path} (dotted, as in config.json) of {@code type}; the rest is given by the builder calls. */
    static <T> Setting<T> at(String path, SettingType<T> type) {
        return new Setting<>(path, type);
    }

    Setting<T> option(String name, String... aliases) {
        this.option = Optional.of(name);
        this.aliases = List.of(aliases);
        return this;
    }

    Setting<T> label(String text) {
        this.label = text;
        return this;
    }

    Setting<T> help(String text) {
        this.help = text;
        return this;
    }

    Setting<T> in(Section s) {
        this.section = s;
        return this;
    }

    Setting<T> allowed(Allowed<? super T> rule) {
        this.allowed = rule;
        return this;
    }

    /** The method families ({@link MethodCatalogue}) this setting applies to; none named = every method. */
    Setting<T> methods(String... families) {
        this.methods = Set.of(families);
        return this;
    }

    /**
     * In a run of method family {@code family} the value sits at {@code familyPath} instead: one option
     * for a field two method records share in meaning (vSAM's window in {@code vsam-budget}).
     */
    Setting<T> alsoAt(String family, String familyPath) {
        this.familyPaths.put(family, familyPath);
        return this;
    }

    /** The JSON path of the value in a run of method family {@code family}. */
    public String pathFor(String family) {
        return familyPaths.getOrDefault(family, path);
    }

    /** The JSON path of the value in {@code tree}, whose method decides when the setting has per-family paths. */
    private String pathIn(Map<String, Object> tree) {
        if (familyPaths.isEmpty() || !(tree.get("method") instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
            return path;
        }
        try {
            return pathFor(MethodCatalogue.kind(name).family());
        } catch (ConfigException e) {
            return path;
        }
    }

    /** This setting applies to every method that takes SAM's perturbed pass (all but SGD). */
    Setting<T> perturbingMethods() {
        this.perturbingOnly = true;
        return this;
    }

    Setting<T> shownWhen(Setting<?> on, String... texts) {
        this.shown = Optional.of(new Shown(on, List.of(texts)));
        return this;
    }

    Setting<T> bound(Binding<T> b) {
        this.binding = b;
        return this;
    }

    /** Problems with this setting's value are reported under {@code field} (SAM-k's period is part of method.name). */
    Setting<T> reportedAs(String field) {
        this.errorField = field;
        return this;
    }

    /** The dotted path in config.json ({@code method.vsam.window}); also the setting's key in the form. */
    public String path() {
        return path;
    }

    /** The command-line option ({@code --window}); empty for a setting only the form shows. */
    public Optional<String> option() {
        return option;
    }

    /** Other names of the option ({@code --optimizer} for {@code --method}). */
    public List<String> aliases() {
        return aliases;
    }

    /** The label of the form. */
    public String label() {
        return label;
    }

    /** One or two sentences for the help and the form's tooltip. */
    public String help() {
        return help;
    }

    public Section section() {
        return section;
    }

    public SettingType<T> type() {
        return type;
    }

    /** What the allowed values are, as messages say it. */
    public String allowedText() {
        return allowed.text();
    }

    /** The condition under which the form shows this setting, if any. */
    public Optional<Shown> shown() {
        return shown;
    }

    /** Whether the setting belongs to some methods only (ρ to the perturbing ones, K to vSAM). */
    public boolean isMethodSpecific() {
        return perturbingOnly || !methods.isEmpty();
    }

    /** Whether the setting applies to a run of method family {@code family}. */
    public boolean appliesTo(String family) {
        if (perturbingOnly) {
            return MethodCatalogue.byFamily(family).perturbs();
        }
        return methods.isEmpty() || methods.contains(family);
    }

    /**
     * Refuses a value outside the allowed range, naming the field.
     *
     * @return {@code value}
     * @throws ConfigException {@code invalid <path>: <value> (allowed: ...)}
     */
    @SuppressWarnings("unchecked")
    public T check(T value) {
        if (!((java.util.function.Predicate<Object>) (java.util.function.Predicate<?>) allowed.test()).test(value)) {
            throw new ConfigException(errorField, value instanceof String text ? "'" + text + "'" : value, allowed.text());
        }
        return value;
    }

    /** Parses text and checks the result: the value a person's text stands for. */
    public T parse(String text) {
        return check(type.parse(errorField, text));
    }

    /** The value in the configuration tree. */
    public T read(Map<String, Object> tree) {
        return binding.read(tree);
    }

    /** The value's text in the configuration tree. */
    public String text(Map<String, Object> tree) {
        return type.format(read(tree));
    }

    /** Puts {@code value} into the configuration tree. */
    public void write(Map<String, Object> tree, T value) {
        binding.write(tree, value);
    }

    /** Parses {@code text} and puts the value into the tree. */
    public void writeText(Map<String, Object> tree, String text) {
        write(tree, parse(text));
    }

    @Override
    public String toString() {
        return path;
    }

    /** The value at a dotted path of a tree. */
    static Object get(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                throw new IllegalStateException("the configuration has no field " + path);
            }
            node = m.get(part);
        }
        return node;
    }

    /** Sets the value at a dotted path of a tree, creating the objects on the way. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> tree, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }
}
