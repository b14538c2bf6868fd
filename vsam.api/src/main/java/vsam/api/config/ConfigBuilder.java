package vsam.api.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a {@link RunConfig} from settings given as text, the way every front end does it: the command
 * line from its options, the desktop form from its fields, the experiment from its overrides.
 *
 * <ol>
 *   <li>the method and data set are read first, because other defaults follow them:
 *       the start is {@link RunConfig#defaults(String, String, String)}, the model's defaults included;</li>
 *   <li>a {@link Recipe}, if any, replaces what it fixes;</li>
 *   <li>every given setting that applies to the method is parsed, checked and written, in catalogue
 *       order (settings of other methods are ignored, so one {@code compare} line serves several
 *       methods);</li>
 *   <li>an init or quantization given explicitly must be the one a model file names, if it names one (the
 *       file's is written with the model; docs/ARCHITECTURE.md, "Model files");</li>
 *   <li>the records check what involves several fields (vSAM's blocks against its window).</li>
 * </ol>
 * Problems are collected field by field ({@link #problems()}), or the first one thrown ({@link #build()}).
 */
public final class ConfigBuilder {

    private final Map<Setting<?>, String> given = new LinkedHashMap<>();
    private Optional<Recipe> recipe = Optional.empty();
    private Optional<String> methodName = Optional.empty();

    /** Sets {@code setting} to {@code text} (later calls win). */
    public ConfigBuilder set(Setting<?> setting, String text) {
        given.put(setting, text);
        return this;
    }

    /** Builds on {@code r}'s setup. */
    public ConfigBuilder recipe(Optional<Recipe> r) {
        this.recipe = r;
        return this;
    }

    /** Trains method {@code name} whatever {@link Settings#METHOD} says ({@code compare}'s methods, the experiment's). */
    public ConfigBuilder method(String name) {
        this.methodName = Optional.of(name);
        return this;
    }

    /** Whether {@code setting} was given. */
    public boolean has(Setting<?> setting) {
        return given.containsKey(setting);
    }

    /** The outcome: a configuration, or every problem found, first one per field. */
    public record Outcome(Optional<RunConfig> config, List<ConfigException> problems) {
    }

    /** The configuration, or the first problem. */
    public RunConfig build() {
        Outcome o = outcome();
        if (!o.problems().isEmpty()) {
            throw o.problems().get(0);
        }
        return o.config().orElseThrow();
    }

    /** Every problem found, first one per field; empty when the configuration is valid. */
    public List<ConfigException> problems() {
        return outcome().problems();
    }

    /** Builds, collecting problems. */
    public Outcome outcome() {
        List<ConfigException> problems = new ArrayList<>();
        Map<String, Object> start = ConfigJson.toTree(RunConfig.defaults());
        String name;
        String dataset;
        try {
            if (methodName.isPresent()) {
                Settings.METHOD.writeText(start, methodName.get());
            } else {
                writeGiven(start, Settings.METHOD);
            }
            if (Settings.METHOD.read(start).equals(MethodCatalogue.SAM_K_FAMILY)) {
                writeGiven(start, Settings.SAM_K);
            }
            name = (String) Setting.get(start, "method.name");
            MethodCatalogue.kind(name);
        } catch (ConfigException e) {
            problems.add(e);
            name = RunConfig.defaults().method().name();
        }
        try {
            writeGiven(start, Settings.DATASET);
            dataset = Settings.DATASET.read(start);
        } catch (ConfigException e) {
            problems.add(e);
            dataset = RunConfig.defaults().data().dataset();
        }
        String model = RunConfig.defaults().model();
        try {
            writeGiven(start, Settings.MODEL);
            model = (String) start.get("model");
        } catch (ConfigException e) {
            // reported when the model setting is written below
        }
        RunConfig base = RunConfig.defaults(name, dataset, model);
        if (recipe.isPresent()) {
            base = recipe.get().apply(base);
        }
        Map<String, Object> tree = ConfigJson.toTree(base);
        String family = MethodCatalogue.kind(name).family();
        for (Setting<?> s : Settings.ALL) {
            if (!given.containsKey(s)) {
                continue;
            }
            boolean decided = s == Settings.METHOD || s == Settings.SAM_K || s == Settings.DATASET;
            if ((decided && problems.stream().anyMatch(p -> owns(s, p))) || !s.appliesTo(family)
                    || (s == Settings.METHOD && methodName.isPresent())) {
                continue;
            }
            try {
                s.writeText(tree, given.get(s));
            } catch (ConfigException problem) {
                problems.add(problem);
            }
        }
        for (FileNamedSetting<?> f : FILE_NAMED) {
            Setting<?> s = f.setting();
            if (given.containsKey(s) && problems.stream().noneMatch(p -> owns(s, p) || owns(Settings.MODEL, p))) {
                try {
                    f.agrees(tree, given.get(s));
                } catch (ConfigException problem) {
                    problems.add(problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(Optional.empty(), List.copyOf(problems));
        }
        try {
            return new Outcome(Optional.of(ConfigJson.fromTree(tree)), List.of());
        } catch (ConfigException e) {
            return new Outcome(Optional.empty(), List.of(e));
        }
    }

    /**
     * {@code base} with the settings in {@code texts} that apply to its method replaced, in catalogue order
     * (the experiment's overrides on each run of a setup).
     *
     * @throws ConfigException naming the first value that is not allowed
     */
    public static RunConfig override(RunConfig base, Map<Setting<?>, String> texts) {
        Map<String, Object> tree = ConfigJson.toTree(base);
        String family = base.method().kind().family();
        for (Setting<?> s : Settings.ALL) {
            if (texts.containsKey(s) && s.appliesTo(family)) {
                s.writeText(tree, texts.get(s));
            }
        }
        for (FileNamedSetting<?> f : FILE_NAMED) {
            if (texts.containsKey(f.setting())) {
                f.agrees(tree, texts.get(f.setting()));
            }
        }
        return ConfigJson.fromTree(tree);
    }

    /**
     * A setting a model file may fix (its {@code "quantize"}, its {@code "init"}; the binding of
     * {@link Settings#MODEL} writes the file's value): given explicitly as well, it must be the same value
     * (docs/ARCHITECTURE.md, "Model files").
     *
     * @param setting the setting
     * @param named   the value the file names, if it names one
     */
    private record FileNamedSetting<T>(Setting<T> setting, Function<vsam.api.model.ModelFile, Optional<T>> named) {

        /** @throws ConfigException naming the file and both values when the file names another one than {@code givenText} */
        void agrees(Map<String, Object> tree, String givenText) {
            if (!(tree.get("modelFile") instanceof Map<?, ?> file)) {
                return;
            }
            vsam.api.model.ModelFile model = vsam.api.model.ModelFile.of(file, "the model file");
            T given = setting.parse(givenText);
            named.apply(model).filter(value -> !value.equals(given)).ifPresent(value -> {
                throw new ConfigException(setting.path(), model.source() + ": " + setting.path() + ": the model file names "
                        + setting.type().format(value) + ", but " + setting.option().orElse(setting.path()) + " "
                        + setting.type().format(given) + " was given");
            });
        }
    }

    /** The settings a model file may fix, in catalogue order. */
    private static final List<FileNamedSetting<?>> FILE_NAMED = List.of(
            new FileNamedSetting<>(Settings.QUANTIZE, model -> model.quantization().map(Optional::of)),
            new FileNamedSetting<>(Settings.INIT, vsam.api.model.ModelFile::init));

    private void writeGiven(Map<String, Object> tree, Setting<?> s) {
        if (given.containsKey(s)) {
            s.writeText(tree, given.get(s));
        }
    }

    private static boolean owns(Setting<?> s, ConfigException p) {
        return p.field().equals(s.path()) || (s == Settings.SAM_K && p.field().equals("method.name"));
    }
}
