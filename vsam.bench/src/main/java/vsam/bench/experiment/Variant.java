package vsam.bench.experiment;

import java.util.List;
import vsam.api.config.ConfigException;
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

    /** Every method of the experiment, in table order. */
    public static final List<String> ALL =
            List.of("sgd", "sam", "asam", "sam-5", "sam-10", "looksam", "rst", "aesam", "vsam", "vsam-g0", "vsam-rl");

    /**
     * The variant named {@code label}.
     *
     * @throws ConfigException naming the label when it is no method
     */
    public static Variant of(String label) {
        if (label.equals("vsam-g0")) {
            MethodConfig vsam = MethodConfig.defaults("vsam");
            return new Variant(label, vsam.withVsam(VsamConfig.defaults().withGamma(0)));
        }
        if (label.equals("vsam-rl")) {
            MethodConfig vsam = MethodConfig.defaults("vsam");
            return new Variant(label, vsam.withVsam(VsamConfig.defaults().withGainHorizon(VsamConfig.PAPER_RUN_ITERATIONS)));
        }
        return new Variant(label, MethodConfig.defaults(label));
    }

    /** The variants named in {@code labels}, in that order. */
    public static List<Variant> of(List<String> labels) {
        return labels.stream().map(Variant::of).toList();
    }
}
