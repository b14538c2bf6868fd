package vsam.bench.experiment;

import java.util.List;
import vsam.api.config.ConfigException;
import vsam.api.config.MethodCatalogue;
import vsam.api.config.MethodConfig;
import vsam.api.config.VsamConfig;

/**
 * A method as the experiment names it: a label for folders and tables, and the method configuration it
 * trains with. Besides every method name {@link MethodConfig} accepts, {@code vsam-g0} is vSAM with
 * {@code gamma = 0}: sampling as vSAM decides, but no reuse of the PSF on the other steps; {@code vsam-rl}
 * is this project's refinement for short runs: vSAM with its controller's gains compounded to the length of
 * the paper's run ({@code gainHorizon} = {@link VsamConfig#PAPER_RUN_ITERATIONS}), so that a 20-epoch run's
 * 31 windows can move {@code s} as far as the paper's 1,564 windows do.
 *
 * @param label  name in folders and tables
 * @param method the method configuration
 */
public record Variant(String label, MethodConfig method) {

    /** The SAM-k periods the experiment compares. */
    private static final List<Integer> SAM_K_PERIODS = List.of(5, 10);

    /** The experiment's own variants of a catalogue method (ablations and refinements). */
    private static final List<String> ABLATIONS = List.of("vsam-g0", "vsam-rl");

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
        return new Variant(label, MethodConfig.defaults(label));
    }

    /** The variants named in {@code labels}, in that order. */
    public static List<Variant> of(List<String> labels) {
        return labels.stream().map(Variant::of).toList();
    }
}
