package vsam.algorithm.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vsam.algorithm.train.TrainingResult;

/**
 * What a run folder's {@code summary.json} records about the result (beside the run's provenance, which
 * {@link RunFolder} adds under {@value #PROVENANCE}): written from the {@link TrainingResult} when the run
 * finishes or is stopped, read back by {@link RunFolderReader}.
 *
 * @param method                the method's name
 * @param status                {@value #COMPLETED} or {@code cancelled}
 * @param finalAccuracy         test accuracy after the last finished epoch, in [0, 1]
 * @param bestAccuracy          best test accuracy over the finished epochs
 * @param trainSeconds          training wall time, evaluation excluded
 * @param passSeconds           time spent inside forward/backward passes
 * @param outsidePassesFraction share of the training time spent outside the passes
 * @param iterations            iterations run
 * @param samSteps              SAM (two-pass) steps
 * @param passes                forward/backward passes
 * @param passesPerStep         passes per iteration (SGD 1, SAM 2)
 * @param samFraction           SAM steps / iterations
 * @param epochsCompleted       finished epochs
 * @param finishedAt            when the summary was written (ISO-8601)
 */
public record RunSummary(String method, String status, double finalAccuracy, double bestAccuracy, double trainSeconds,
                         double passSeconds, double outsidePassesFraction, long iterations, long samSteps, long passes,
                         double passesPerStep, double samFraction, int epochsCompleted, String finishedAt) {

    /** The status of a run that trained all its epochs. */
    public static final String COMPLETED = "completed";
    /** The key under which {@link RunFolder} stores the provenance. */
    public static final String PROVENANCE = "provenance";

    /** The summary of {@code r}, finished at {@code finishedAt}. */
    public static RunSummary of(TrainingResult r, Instant finishedAt) {
        return new RunSummary(r.method(), r.status().name().toLowerCase(Locale.ROOT), r.finalAccuracy(), r.bestAccuracy(),
                r.trainSeconds(), r.passSeconds(), r.outsidePassesFraction(), r.iterations(), r.samSteps(), r.passes(),
                r.passesPerStep(), r.samFraction(), r.epochs().size(), finishedAt.toString());
    }

    /** Whether the run trained all its epochs. */
    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** The JSON object written, fields in this order. */
    public Map<String, Object> toTree() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("method", method);
        s.put("status", status);
        s.put("finalAccuracy", finalAccuracy);
        s.put("bestAccuracy", bestAccuracy);
        s.put("trainSeconds", trainSeconds);
        s.put("passSeconds", passSeconds);
        s.put("outsidePassesFraction", outsidePassesFraction);
        s.put("iterations", iterations);
        s.put("samSteps", samSteps);
        s.put("passes", passes);
        s.put("passesPerStep", passesPerStep);
        s.put("samFraction", samFraction);
        s.put("epochsCompleted", epochsCompleted);
        s.put("finishedAt", finishedAt);
        return s;
    }

    /**
     * The summary a JSON object holds. A missing number reads as NaN (0 for the counts), a missing method
     * or time as empty text, a missing status as {@value #COMPLETED}: a summary is written when a run ends.
     */
    public static RunSummary fromTree(Map<?, ?> s) {
        return new RunSummary(text(s, "method", ""), text(s, "status", COMPLETED), number(s, "finalAccuracy"),
                number(s, "bestAccuracy"), number(s, "trainSeconds"), number(s, "passSeconds"),
                number(s, "outsidePassesFraction"), (long) number(s, "iterations"), (long) number(s, "samSteps"),
                (long) number(s, "passes"), number(s, "passesPerStep"), number(s, "samFraction"),
                (int) number(s, "epochsCompleted"), text(s, "finishedAt", ""));
    }

    private static double number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String text(Map<?, ?> m, String key, String fallback) {
        return m.get(key) instanceof String s ? s : fallback;
    }
}
