package vsam.gui.compare;

import java.nio.file.Path;
import vsam.api.config.RunConfig;

/**
 * One row of the comparison table: a run folder read back from disk (written by this session, by an
 * earlier one, or by the command line).
 *
 * @param folder          the run folder
 * @param config          its resolved configuration ({@code config.json})
 * @param status          {@code completed}, {@code cancelled}, or {@code incomplete} when there is no summary yet
 * @param finalAccuracy   test accuracy after the last finished epoch, in [0, 1]
 * @param bestAccuracy    best test accuracy over the finished epochs
 * @param trainSeconds    training wall time, evaluation excluded
 * @param passesPerStep   forward/backward passes per iteration (SGD 1, SAM 2)
 * @param samFraction     SAM steps / iterations
 * @param iterations      iterations run
 * @param epochsCompleted finished epochs
 * @param curves          the curves to overlay
 */
public record RunRecord(Path folder, RunConfig config, String status, double finalAccuracy, double bestAccuracy,
                        double trainSeconds, double passesPerStep, double samFraction, long iterations,
                        int epochsCompleted, RunCurves curves) {

    /** The folder's name, e.g. {@code 20250101-120000-vsam}. */
    public String name() {
        Path n = folder.getFileName();
        return n == null ? folder.toString() : n.toString();
    }

    /** The method name, e.g. {@code vsam} or {@code sam-5}. */
    public String method() {
        return config.method().name();
    }

    @Override
    public String toString() {
        return name();
    }
}
