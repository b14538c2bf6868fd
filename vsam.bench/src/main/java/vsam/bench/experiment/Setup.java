package vsam.bench.experiment;

import java.util.Map;
import vsam.api.config.ConfigBuilder;
import vsam.api.config.Setting;

import vsam.api.config.RunConfig;

/**
 * One training setup of the experiment: everything of a run but its method and seed.
 *
 * @param name        short name, used as the setup's folder and in tables ({@code clean}, {@code noisy})
 * @param description one line for tables: data, model, epochs
 * @param base        the run configuration every method starts from (its method and seed are replaced)
 * @param overrides   settings given on the experiment's command line, applied to each run they apply to
 */
public record Setup(String name, String description, RunConfig base, Map<Setting<?>, String> overrides) {

    public Setup {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a setup name is lower-case letters, digits and '-', got " + name);
        }
        overrides = Map.copyOf(overrides);
    }

    /** A setup without overrides. */
    public Setup(String name, String description, RunConfig base) {
        this(name, description, base, Map.of());
    }

    /** The configuration of one run of this setup. */
    public RunConfig config(Variant variant, long seed) {
        return ConfigBuilder.override(base.withMethod(variant.method()).withSeed(seed), overrides);
    }

    /** This setup with {@code settings} applied to every run. */
    public Setup withOverrides(Map<Setting<?>, String> settings) {
        return new Setup(name, description, base, settings);
    }

    /** This setup with model {@code model} instead. */
    public Setup withModel(String model) {
        return new Setup(name, description.replace(base.model(), model), base.withModel(model), overrides);
    }

    /** This setup trained for {@code epochs} epochs instead. */
    public Setup withEpochs(int epochs) {
        return new Setup(name, description.replaceAll("\\d+ epochs?", epochs + (epochs == 1 ? " epoch" : " epochs")),
                base.withEpochs(epochs), overrides);
    }
}
