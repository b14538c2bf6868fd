package vsam.api.config;

import java.util.List;
import java.util.function.Supplier;

/**
 * One method family of {@link MethodCatalogue}: its name, what it does, its default radius and its own
 * parameters. The settings that apply to it are the {@link Settings} entries that name the family
 * ({@link #settings()}); how it trains is its factory in {@code vsam.algorithm.step.Methods}.
 *
 * @param family      the family name: {@code vsam}, or {@code sam-k} for every {@code sam-<k>}
 * @param description one line for the help and the form
 * @param perturbs    whether it ever takes SAM's perturbed pass (false for SGD alone)
 * @param defaultRho  its default radius ρ
 * @param params      its own parameters at their defaults
 */
public record MethodKind(String family, String description, boolean perturbs, double defaultRho,
                         Supplier<MethodParams> params) {

    /** The method {@code name} (of this family) with every hyper-parameter at its default. */
    public MethodConfig defaults(String name) {
        return MethodConfig.of(name, defaultRho, params.get());
    }

    /** The name a run of this family gets by default ({@code sam-5} for SAM-k). */
    public String defaultName() {
        return family.equals(MethodCatalogue.SAM_K_FAMILY) ? "sam-5" : family;
    }

    /** The settings that apply to this family, beside the method name, in catalogue order. */
    public List<Setting<?>> settings() {
        return Settings.ALL.stream()
                .filter(s -> s.isMethodSpecific() && s.appliesTo(family))
                .toList();
    }
}
