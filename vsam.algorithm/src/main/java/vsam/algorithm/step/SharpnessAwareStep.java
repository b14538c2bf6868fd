package vsam.algorithm.step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import vsam.algorithm.checkpoint.VecState;
import vsam.algorithm.optim.BaseOptimizer;
import vsam.algorithm.sampling.SampleStats;
import vsam.algorithm.sampling.StepContext;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Vec;

/**
 * One iteration of a sharpness-aware method, the same code for SGD, SAM, vSAM and every baseline:
 *
 * <pre>
 *   g = ∇L_B(w)                                   clean pass
 *   if policy.sampleNow():                         sampling step (2 passes)
 *       w_saved = w;  w += e(w, g, ρ(t))           SAM's or ASAM's perturbation
 *       g_s = ∇L_B(w)                              perturbed pass, BatchNorm statistics untouched
 *       w = w_saved                                restored by copy
 *       PSF = g_s − g;  reuse.onSample;  policy.observe(‖PSF‖, ‖g‖)
 *       base.step(w, g_s)
 *   else:                                          reuse step (1 pass)
 *       reuse.adjust(g)                            e.g. g + γ^k PSF_last
 *       base.step(w, g)
 * </pre>
 * Norms fed to the policy are over the statistics scope. A NaN or infinite loss or gradient throws
 * {@link DivergenceException} with the weights left as they were before the step.
 */
public final class SharpnessAwareStep {

    private final Network network;
    private final Method method;
    private final BaseOptimizer base;
    private final SegmentScope statsScope;
    private final Vec g;
    private final Vec gs;
    private final Vec saved;
    private final Vec psf;

    /**
     * @param zeros      supplies zero vectors shaped like the network's parameters (four are taken)
     * @param statsScope tensors whose norms feed the sampling statistics
     */
    public SharpnessAwareStep(Network network, Method method, BaseOptimizer base, SegmentScope statsScope,
                              Supplier<Vec> zeros) {
        this.network = network;
        this.method = method;
        this.base = base;
        this.statsScope = statsScope;
        this.g = zeros.get();
        this.gs = zeros.get();
        this.saved = zeros.get();
        this.psf = zeros.get();
    }

    /** Runs one iteration on {@code batch} at learning rate {@code lr}. */
    public StepOutcome run(DeviceBatch batch, float lr, long iteration, long totalIterations) {
        Vec w = network.params();
        long t0 = System.nanoTime();
        double loss = network.lossAndGradient(batch, Pass.CLEAN, g);
        long passNanos = System.nanoTime() - t0;
        double gradNormAll = g.norm2();
        requireFinite(iteration, "loss", loss);
        requireFinite(iteration, "gradient norm", gradNormAll);
        double gradNorm = statsScope.equals(g.segments().all()) ? gradNormAll : g.norm2(statsScope);

        StepContext ctx = new StepContext(iteration, totalIterations, gradNormAll);
        if (!method.policy().sampleNow(ctx)) {
            method.reuse().adjust(g);
            base.step(w, g, lr);
            return new StepOutcome(loss, false, gradNorm, Double.NaN, 1, passNanos);
        }

        saved.copyFrom(w);
        try {
            method.perturbation().apply(w, g, ctx.progress());
            long t1 = System.nanoTime();
            double perturbedLoss = network.lossAndGradient(batch, Pass.PERTURBED, gs);
            passNanos += System.nanoTime() - t1;
            requireFinite(iteration, "perturbed loss", perturbedLoss);
        } finally {
            w.copyFrom(saved);
        }
        requireFinite(iteration, "perturbed gradient norm", gs.norm2());
        psf.copyFrom(gs);
        psf.axpy(-1f, g);
        double psfNorm = psf.norm2(statsScope);
        method.reuse().onSample(g, gs, psf);
        method.policy().observe(new SampleStats(psfNorm, gradNorm));
        base.step(w, gs, lr);
        return new StepOutcome(loss, true, gradNorm, psfNorm, 2, passNanos);
    }

    /**
     * Writes the state of the step's parts that training changes, besides the network: the base
     * optimizer's step count and buffers, the sampling policy's state and the reuse rule's state.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(base.steps());
        List<Vec> buffers = base.stateVectors();
        out.writeInt(buffers.size());
        for (Vec v : buffers) {
            VecState.write(out, v);
        }
        method.policy().writeState(out);
        method.reuse().writeState(out);
    }

    /** Restores what {@link #writeState} wrote, into a step built from the same configuration. */
    public void readState(DataInput in) throws IOException {
        base.restoreSteps(in.readLong());
        List<Vec> buffers = base.stateVectors();
        int n = in.readInt();
        if (n != buffers.size()) {
            throw new IOException("checkpoint holds " + n + " optimizer buffers, the optimizer has " + buffers.size());
        }
        for (Vec v : buffers) {
            VecState.read(in, v);
        }
        method.policy().readState(in);
        method.reuse().readState(in, psf);
    }

    /** The method this step runs. */
    public Method method() {
        return method;
    }

    private static void requireFinite(long iteration, String quantity, double value) {
        if (!Double.isFinite(value)) {
            throw new DivergenceException(iteration, quantity, value);
        }
    }
}
