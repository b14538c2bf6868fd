package vsam.api.config;

/**
 * RST's hyper-parameters (randomized switching between SGD and SAM, Zhao et al. 2022; docs/ALGORITHMS.md §3).
 *
 * @param probability p: probability of a SAM step (the final one for {@link Schedule#LINEAR})
 * @param schedule    how p evolves over training
 */
public record RstConfig(double probability, Schedule schedule) implements MethodParams {

    /** How RST's SAM probability evolves over training. */
    public enum Schedule {
        /** {@code p(t) = p}. */
        CONSTANT,
        /** {@code p(t) = p · t / T}: rises linearly from 0 to p over the run. */
        LINEAR
    }

    public RstConfig {
        Settings.RST_P.check(probability);
        Check.present("method.rst.schedule", schedule);
    }

    /** p = 0.5, constant. */
    public static RstConfig defaults() {
        return new RstConfig(0.5, Schedule.CONSTANT);
    }

    @Override
    public String key() {
        return "rst";
    }
}
