package vsam.api.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every sharpness-aware method the project trains, once: the families a run's {@code method.name} may
 * name, with their descriptions, default radius and own parameters (docs/ALGORITHMS.md §3). The
 * command line's help, the form's method list, the configuration's validation and JSON reading all
 * read it; each family's factory (sampling policy, perturbation, reuse rule) is in
 * {@code vsam.algorithm.step.Methods}, which refuses to load if a family here has none.
 */
public final class MethodCatalogue {

    /** The family of every {@code sam-<k>}: SAM on every k-th step, k in the name. */
    public static final String SAM_K_FAMILY = "sam-k";

    private static final Pattern SAM_K = Pattern.compile("sam-(\\d{1,6})");

    /** SAM's default radius. */
    public static final double DEFAULT_RHO = 0.05;
    /** ASAM's default radius, 2.0: its perturbation is scaled by |w|, so its useful ρ is far larger than SAM's 0.05. */
    public static final double DEFAULT_ASAM_RHO = 2.0;

    /** The families, in the order the help and the form list them. */
    public static final List<MethodKind> KINDS = List.of(
            new MethodKind("sgd", "the base optimizer alone: one pass per step", false, DEFAULT_RHO, () -> MethodParams.NONE),
            new MethodKind("sam", "SAM (Foret et al. 2021): a perturbed second pass on every step", true, DEFAULT_RHO,
                    () -> MethodParams.NONE),
            new MethodKind("asam", "ASAM (Kwon et al. 2021): SAM with the perturbation scaled by |w|", true, DEFAULT_ASAM_RHO,
                    () -> MethodParams.NONE),
            new MethodKind(SAM_K_FAMILY, "SAM on every k-th step, SGD between (named sam-<k>, e.g. sam-5)", true, DEFAULT_RHO,
                    () -> MethodParams.NONE),
            new MethodKind("looksam", "LookSAM (Liu et al. 2022): SAM every k-th step, its orthogonal component reused between",
                    true, DEFAULT_RHO, LookSamConfig::defaults),
            new MethodKind("rst", "RST (Zhao et al. 2022): SAM with probability p, SGD otherwise", true, DEFAULT_RHO,
                    RstConfig::defaults),
            new MethodKind("aesam", "AE-SAM (Jiang et al. 2023): SAM when the squared gradient norm is high against its EMA",
                    true, DEFAULT_RHO, AeSamConfig::defaults),
            new MethodKind("vsam", "vSAM (Deng et al. 2024): SAM on iterations sampled by the PSF's variation, "
                    + "the last PSF reused, decayed, between", true, DEFAULT_RHO, VsamConfig::defaults),
            new MethodKind("vsam-budget", "a fixed share of SAM steps (--sam-budget, default 0.2), spent where vSAM's "
                    + "signals rise, vSAM's PSF reuse between", true, DEFAULT_RHO, BudgetConfig::defaults));

    private MethodCatalogue() {
    }

    /** Every family name ({@code sam-k} standing for {@code sam-<k>}). */
    public static List<String> families() {
        return KINDS.stream().map(MethodKind::family).toList();
    }

    /**
     * The family of a method name ({@code sam-5} is SAM-k's).
     *
     * @throws ConfigException naming {@code method.name} and the known names, with the nearest one
     */
    public static MethodKind kind(String name) {
        if (name != null && SAM_K.matcher(name).matches()) {
            return byFamily(SAM_K_FAMILY);
        }
        for (MethodKind k : KINDS) {
            if (k.family().equals(name) && !k.family().equals(SAM_K_FAMILY)) {
                return k;
            }
        }
        List<String> candidates = families().stream().flatMap(f -> f.equals(SAM_K_FAMILY) ? Stream.of("sam-5", "sam-10")
                : Stream.of(f)).toList();
        String best = name == null ? "" : Names.nearest(name, candidates);
        throw new ConfigException("method.name", name == null ? "(none)" : "'" + name + "'",
                "one of " + namesText() + (best.isEmpty() ? "" : "; did you mean '" + best + "'?"));
    }

    /** The method names as the help and messages list them: {@code sgd, sam, ..., sam-<k> (e.g. sam-5), ...}. */
    public static String namesText() {
        return String.join(", ", families().stream().map(f -> f.equals(SAM_K_FAMILY) ? "sam-<k> (e.g. sam-5)" : f).toList());
    }

    /** The family named {@code family} exactly. */
    public static MethodKind byFamily(String family) {
        return KINDS.stream().filter(k -> k.family().equals(family)).findFirst()
                .orElseThrow(() -> new ConfigException("method.name", "'" + family + "'", "one of " + String.join(", ", families())));
    }

    /**
     * The one spelling of a method name: {@code sam-<k>} with k in plain decimal ({@code sam-05} is
     * {@code sam-5}); other names as they are.
     *
     * @throws ConfigException when k is 0
     */
    public static String normalise(String name) {
        Matcher m = name == null ? null : SAM_K.matcher(name);
        if (m != null && m.matches()) {
            int k = Integer.parseInt(m.group(1));
            if (k < 1) {
                throw new ConfigException("method.name", k, "an integer >= 1");
            }
            return "sam-" + k;
        }
        return name;
    }

    /** SAM-k's period from a {@code sam-<k>} name; 0 for other names. */
    public static int samPeriod(String name) {
        Matcher m = name == null ? null : SAM_K.matcher(name);
        return m != null && m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }
}
