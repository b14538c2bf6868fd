package vsam.bench.experiment;

import java.util.List;
import vsam.api.config.ConfigException;
import vsam.api.config.BudgetConfig;
import vsam.api.config.MethodCatalogue;
import vsam.api.config.MethodConfig;
import vsam.api.config.RstConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;

/**
 * A method as the experiment names it: a label for folders and tables, and the method configuration it
 * trains with. Besides every method name {@link MethodConfig} accepts, {@code vsam-g0} is vSAM with
 * {@code gamma = 0}: sampling as vSAM decides, but no reuse of the PSF on the other steps; {@code vsam-rl}
 * is this project's refinement for short runs: vSAM with its controller's gains compounded to the length of
 * the paper's run ({@code gainHorizon} = {@link VsamConfig#PAPER_RUN_ITERATIONS}), so that a 20-epoch run's
 * 31 windows can move {@code s} as far as the paper's 1,564 windows do. {@code vsam-budget-10}/{@code -30} are
 * vsam-budget at F = 0.1/0.3; {@code -flat} without the signals (α = 0: the budget spread evenly),
 * {@code -g0} without PSF reuse, {@code -nowarm} without warm-up; {@code rst-20} is RST at p = 0.2 and
 * {@code rst-lin-40} RST rising linearly to 0.4 (0.2 on average: the same budget).
 *
 * @param label  name in folders and tables
 * @param method the method configuration
 */
public record Variant(String label, MethodConfig method) {

    /** The SAM-k periods the experiment compares. */
    private static final List<Integer> SAM_K_PERIODS = List.of(5, 10);

    /** The experiment's own variants of a catalogue method (ablations and refinements), in table order. */
    private static final List<String> ABLATIONS = List.of("vsam-g0", "vsam-rl", "vsam-budget-10", "vsam-budget-30",
            "vsam-budget-flat", "vsam-budget-g0", "vsam-budget-nowarm", "rst-20", "rst-lin-40");

    /**
     * Every method of the experiment, in table order: each family of {@link MethodCatalogue} ({@code sam-k}
     * at the periods above), then the ablations.
     */
    public static final List<String> ALL = all();

    private static List<String> all() {
        List<String> labels = new java.util.ArrayList<>();
        for (String family : MethodCatalogue.families()) {
            if (family.equals(MethodCatalogue.SAM_K_FAMILY)) {
                SAM_K_PERIODS.forEach(k -> labels.add("sam-" + k));
            } else {
                labels.add(family);
            }
        }
        labels.addAll(ABLATIONS);
        return List.copyOf(labels);
    }

    /**
     * The variant named {@code label}.
     *
     * @throws ConfigException naming the label when it is no method
     */
    public static Variant of(String label) {
        if (label.equals("vsam-g0")) {
            MethodConfig vsam = MethodConfig.defaults("vsam");
            return new Variant(label, vsam.withParams(VsamConfig.defaults().withGamma(0)));
        }
        if (label.equals("vsam-rl")) {
            MethodConfig vsam = MethodConfig.defaults("vsam");
            return new Variant(label, vsam.withParams(VsamConfig.defaults().withGainHorizon(VsamConfig.PAPER_RUN_ITERATIONS)));
        }
        BudgetConfig budget = BudgetConfig.defaults();
        return switch (label) {
            case "vsam-budget-10" -> budget(label, budget.withBudget(0.1));
            case "vsam-budget-30" -> budget(label, budget.withBudget(0.3));
            case "vsam-budget-flat" -> budget(label, budget.withGains(0, 0));
            case "vsam-budget-g0" -> budget(label, budget.withGamma(0));
            case "vsam-budget-nowarm" -> budget(label, budget.withWarmup(Warmup.iterations(0)));
            case "rst-20" -> new Variant(label, MethodConfig.defaults("rst").withParams(new RstConfig(0.2, RstConfig.Schedule.CONSTANT)));
            case "rst-lin-40" -> new Variant(label, MethodConfig.defaults("rst").withParams(new RstConfig(0.4, RstConfig.Schedule.LINEAR)));
            default -> new Variant(label, MethodConfig.defaults(label));
        };
    }

    private static Variant budget(String label, BudgetConfig params) {
        return new Variant(label, MethodConfig.defaults("vsam-budget").withParams(params));
    }

    /** The variants named in {@code labels}, in that order. */
    public static List<Variant> of(List<String> labels) {
        return labels.stream().map(Variant::of).toList();
    }
}
