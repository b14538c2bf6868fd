/**
 * Sharpness-aware training written once against {@code vsam.api}: SAM (Foret et al. 2021), the PSF
 * decomposition and vSAM's variation-driven sampling with PSF reuse (Deng et al., arXiv 2403.08821),
 * and the efficient-SAM baselines, each a composition of a sampling policy, a reuse rule and a base
 * optimizer; learning-rate schedules; the training loop. Imports no backend and no UI library.
 */
module vsam.algorithm {
    requires transitive vsam.api;

    exports vsam.algorithm.optim;
    exports vsam.algorithm.schedule;
    exports vsam.algorithm.sampling;
    exports vsam.algorithm.reuse;
    exports vsam.algorithm.step;
    exports vsam.algorithm.train;
    exports vsam.algorithm.run;
    exports vsam.algorithm.checkpoint;
}
