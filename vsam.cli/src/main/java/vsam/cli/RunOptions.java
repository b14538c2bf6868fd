package vsam.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import vsam.api.config.ConfigBuilder;
import vsam.api.config.MethodCatalogue;
import vsam.api.config.MethodKind;
import vsam.api.config.Recipe;
import vsam.api.config.RunConfig;
import vsam.api.config.Setting;
import vsam.api.config.SettingType;
import vsam.api.config.Settings;

/**
 * The run settings of a command line: what the user gave, as text per {@link Setting}, plus an optional
 * {@code --recipe}. {@link #toConfig(String)} builds through {@link ConfigBuilder}, so the defaults and
 * messages are those of every other front end.
 *
 * <p>The options themselves are generated from the settings catalogue ({@link Settings}) when a command
 * is built: {@link AllSettings} gives {@code train} and {@code compare} every setting, grouped by section
 * with its default in the help; {@code demo} names the few it offers ({@link #addOptions}).
 */
final class RunOptions {

    /** The recipe option (a preset, not a setting). */
    static final String RECIPE = "--recipe";

    private final Map<Setting<?>, String> given = new LinkedHashMap<>();
    private Optional<Recipe> recipe = Optional.empty();

    /** Sets {@code setting} to {@code text}, as if typed on the command line. */
    RunOptions set(Setting<?> setting, String text) {
        given.put(setting, text);
        return this;
    }

    /** The text given for {@code setting}, if any. */
    Optional<String> text(Setting<?> setting) {
        return Optional.ofNullable(given.get(setting));
    }

    /** The configuration for {@code --method} (or its default). */
    RunConfig toConfig() {
        return builder().build();
    }

    /** The configuration for method {@code methodName}, which overrides {@code --method}. */
    RunConfig toConfig(String methodName) {
        return builder().method(methodName).build();
    }

    private ConfigBuilder builder() {
        ConfigBuilder b = new ConfigBuilder().recipe(recipe);
        given.forEach(b::set);
        return b;
    }

    /** What {@code spec}'s last parse matched: every generated option given, and the recipe. */
    static RunOptions of(CommandSpec spec) {
        RunOptions o = new RunOptions();
        ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed == null) {
            return o;
        }
        for (Setting<?> s : Settings.ALL) {
            if (s.option().isEmpty()) {
                continue;
            }
            OptionSpec option = spec.findOption(s.option().get());
            if (option != null && parsed.hasMatchedOption(option)) {
                o.set(s, String.valueOf((Object) option.getValue()));
            }
        }
        OptionSpec recipe = spec.findOption(RECIPE);
        if (recipe != null && parsed.hasMatchedOption(recipe)) {
            o.recipe = Optional.of(Recipe.of(recipe.getValue()));
        }
        return o;
    }

    /**
     * Adds an option for each of {@code settings} to {@code spec}, under a heading per section; the help
     * states each default as {@code defaults} has it (the demo's preset), else as the catalogue does.
     */
    static void addOptions(CommandSpec spec, List<Setting<?>> settings, Map<Setting<?>, String> defaults) {
        Setting.Section section = null;
        ArgGroupSpec.Builder group = null;
        for (Setting<?> s : settings) {
            if (s.option().isEmpty()) {
                continue;
            }
            if (s.section() != section) {
                if (group != null) {
                    spec.addArgGroup(group.build());
                }
                section = s.section();
                group = ArgGroupSpec.builder().exclusive(false).multiplicity("0..1").heading(heading(section) + "%n");
            }
            group.addArg(option(s, defaults.containsKey(s) ? defaults.get(s) : Settings.defaultText(s)));
        }
        if (group != null) {
            spec.addArgGroup(group.build());
        }
    }

    private static OptionSpec option(Setting<?> s, String defaultText) {
        String[] names = new String[1 + s.aliases().size()];
        names[0] = s.option().get();
        for (int i = 0; i < s.aliases().size(); i++) {
            names[i + 1] = s.aliases().get(i);
        }
        OptionSpec.Builder b = OptionSpec.builder(names)
                .description((s.help() + " Default: " + defaultText + ".").replace("%", "%%"));
        if (s.type().isFlag()) {
            b.type(boolean.class).arity("0").negatable(true);
        } else {
            b.type(String.class).paramLabel(paramLabel(s));
        }
        return b.build();
    }

    private static String paramLabel(Setting<?> s) {
        SettingType<?> t = s.type();
        List<String> choices = t.choices();
        if (!choices.isEmpty() && choices.size() <= 6) {
            return String.join("|", choices);
        }
        if (t == SettingType.INT || t == SettingType.LONG) {
            return "<int>";
        }
        if (t == SettingType.DOUBLE) {
            return "<number>";
        }
        return t == SettingType.OPTIONAL_TEXT ? "<folder>" : "<" + s.option().orElseThrow().substring(2) + ">";
    }

    private static String heading(Setting.Section s) {
        return switch (s) {
            case BACKEND -> "Backend:";
            case DATA -> "Model and data:";
            case METHOD -> "Method:";
            case OPTIMIZER -> "Base optimizer:";
            case SCHEDULE -> "Learning-rate schedule:";
            case TRAINING -> "Training:";
        };
    }

    /** The methods of the catalogue, one line each, for the end of the help. */
    static String methodsFooter() {
        StringBuilder out = new StringBuilder("%nMethods (--method):%n");
        for (MethodKind k : MethodCatalogue.KINDS) {
            out.append("  ").append(k.family()).append(" ".repeat(Math.max(1, 9 - k.family().length())))
                    .append(k.description().replace("%", "%%")).append("%n");
        }
        return out.toString();
    }

    /** Gives a command every setting of the catalogue as an option, and {@code --recipe}. */
    static final class AllSettings implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.addOption(OptionSpec.builder(RECIPE).type(String.class).paramLabel("<recipe>")
                    .description("A whole recipe in one word; options given beside it still win: paper-cifar (the vSAM "
                            + "authors' CIFAR setup: resnet18, crop+flip+cutout 16, label smoothing 0.1 'others', lr 0.05, "
                            + "weight decay 1e-3, cosine, batch 128, 200 epochs).").build());
            addOptions(spec, Settings.ALL, Map.of());
            spec.usageMessage().abbreviateSynopsis(true);
            spec.usageMessage().footer(methodsFooter());
            return spec;
        }
    }
}
