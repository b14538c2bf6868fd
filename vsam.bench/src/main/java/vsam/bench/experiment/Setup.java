package vsam.bench.experiment;

import vsam.api.config.RunConfig;

/**
 * One training setup of the experiment: everything of a run but its method and seed.
 *
 * @param name        short name, used as the setup's folder and in tables ({@code clean}, {@code noisy})
 * @param description one line for tables: data, model, epochs
 * @param base        the run configuration every method starts from (its method and seed are replaced)
 */
public record Setup(String name, String description, RunConfig base) {

    public Setup {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a setup name is lower-case letters, digits and '-', got " + name);
        }
    }

    /** The configuration of one run of this setup. */
    public RunConfig config(Variant variant, long seed) {
        return base.withMethod(variant.method()).withSeed(seed);
    }

    /** This setup with model {@code model} instead. */
    public Setup withModel(String model) {
        return new Setup(name, description.replace(base.model(), model), base.withModel(model));
    }

    /** This setup trained for {@code epochs} epochs instead. */
    public Setup withEpochs(int epochs) {
        return new Setup(name, description.replaceAll("\\d+ epochs?", epochs + (epochs == 1 ? " epoch" : " epochs")),
                base.withEpochs(epochs));
    }
}
