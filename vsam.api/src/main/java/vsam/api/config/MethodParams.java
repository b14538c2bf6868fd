package vsam.api.config;

/**
 * The hyper-parameters that belong to one method family alone (vSAM's window and gains, LookSAM's
 * period, ...), beside the ones every sharpness-aware method shares in {@link MethodConfig}. In
 * config.json they sit in an object named by {@link #key()} inside {@code method}
 * ({@code "method": {"name": "vsam", "rho": 0.05, ..., "vsam": {"window": 50, ...}}}).
 */
public sealed interface MethodParams permits MethodParams.None, LookSamConfig, RstConfig, AeSamConfig, VsamConfig,
        BudgetConfig {

    /** The name of the JSON object holding these parameters; empty for a method without any. */
    String key();

    /** The parameters of a method that has none of its own (SGD, SAM, ASAM, SAM-k). */
    record None() implements MethodParams {
        @Override
        public String key() {
            return "";
        }
    }

    /** The one {@link None}. */
    None NONE = new None();
}
