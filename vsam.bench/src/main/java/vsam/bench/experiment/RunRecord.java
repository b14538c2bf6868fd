package vsam.bench.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vsam.algorithm.run.RunFolderReader;
import vsam.api.telemetry.EpochEvent;

/**
 * The result of one finished run as its folder records it ({@code summary.json}, {@code epochs.csv} and the step
 * times of {@code telemetry.jsonl}, read through {@link RunFolderReader}), under the experiment's label for its
 * method.
 *
 * @param label         the variant label (e.g. {@code vsam-g0}; the summary itself says {@code vsam})
 * @param seed          the run seed
 * @param completed     whether the summary says the run completed
 * @param finalAccuracy test accuracy after the last epoch, in [0, 1]
 * @param bestAccuracy  best test accuracy over the epochs
 * @param trainSeconds  training time, evaluation excluded
 * @param quietStepSeconds the steps' time on a quiet machine, {@link Telemetry#quietStepSeconds()}; NaN without
 *                      step times
 * @param passesPerStep forward/backward passes per iteration (SGD 1, SAM 2)
 * @param samFraction   SAM steps / iterations
 * @param epochs        the finished epochs (test accuracy against training time so far)
 */
public record RunRecord(String label, long seed, boolean completed, double finalAccuracy, double bestAccuracy,
                        double trainSeconds, double quietStepSeconds, double passesPerStep, double samFraction,
                        List<EpochEvent> epochs) {

    public RunRecord {
        epochs = List.copyOf(epochs);
    }

    /** Whether {@code folder}'s summary says the run completed (the experiment then skips it). */
    public static boolean isCompleted(Path folder) {
        return RunFolderReader.isCompleted(folder);
    }

    /**
     * The run in {@code folder}, when it has a summary.
     *
     * @throws vsam.algorithm.run.RunFolderException when its files cannot be read
     */
    public static Optional<RunRecord> read(Path folder, String label, long seed) {
        return RunFolderReader.summary(folder).map(s -> new RunRecord(label, seed, s.completed(), s.finalAccuracy(),
                s.bestAccuracy(), s.trainSeconds(), Telemetry.read(folder).quietStepSeconds(), s.passesPerStep(),
                s.samFraction(), RunFolderReader.epochs(folder)));
    }
}
