package vsam.algorithm.step;

import vsam.algorithm.reuse.ReuseRule;
import vsam.algorithm.sampling.SamplingPolicy;

/**
 * A sharpness-aware method as the composition docs/ALGORITHMS.md §3 describes: when to take the second
 * pass, how to perturb for it, and what non-sampling steps reuse. The base optimizer is composed in
 * {@link SharpnessAwareStep}.
 *
 * @param name         the configured name, e.g. {@code vsam}
 * @param policy       the sampling policy
 * @param perturbation SAM's or ASAM's perturbation
 * @param reuse        the reuse rule
 */
public record Method(String name, SamplingPolicy policy, Perturbation perturbation, ReuseRule reuse) {
}
