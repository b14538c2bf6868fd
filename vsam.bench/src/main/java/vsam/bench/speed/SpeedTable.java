package vsam.bench.speed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of issue 17 in its row layout ({@code | run | what it shows | target |}), from the runs of the
 * speed benchmark: per backend a comparison row (training times of SGD, SAM and vSAM, SAM/SGD, vSAM/SAM,
 * passes per step) and a telemetry row (p10/median/p90 of SGD's and SAM's steps, of vSAM's reuse and sampling
 * steps, the reuse step's median against SGD's, SGD's p90/p10), then one row with an SGD epoch per backend and,
 * when it was measured, PyTorch eager's ({@link PyTorchEager}) with each backend's speed against it. The
 * absolute epoch targets ({@link SpeedTargets#epochSeconds}, from the PyTorch the issue measured) always apply;
 * the ratio targets against the PyTorch found here are shown beside them, since that build may be slower or
 * faster than the issue's.
 * Each target says {@code met} or {@code **missed**} with the measured value.
 */
public final class SpeedTable {

    private SpeedTable() {
    }

    /**
     * The markdown table.
     *
     * @param backends     the measured backends, in row order
     * @param epochs       epochs of each run
     * @param trainImages  training images per epoch (scales the absolute epoch targets)
     * @param pytorch      the PyTorch eager yardstick, measured or not
     */
    public static String markdown(List<BackendSpeed> backends, int epochs, int trainImages, PyTorchEager pytorch) {
        StringBuilder s = new StringBuilder("| run | what it shows | target |\n|---|---|---|\n");
        for (BackendSpeed b : backends) {
            s.append(compareRow(b, epochs)).append('\n');
            s.append(telemetryRow(b)).append('\n');
        }
        if (!backends.isEmpty()) {
            s.append(epochRow(backends, trainImages, pytorch)).append('\n');
        }
        return s.toString();
    }

    static String compareRow(BackendSpeed b, int epochs) {
        return String.format(Locale.ROOT, "| `vsam compare --backend %s --epochs %d` (sgd, sam, vsam) | SGD %.1f s, SAM %.1f s "
                        + "(%.2f× SGD at %.2f× the passes), vSAM %.1f s at %.2f passes/step = **%.2f× SAM** | %s; %s |",
                b.backend(), epochs, b.sgd().trainSeconds(), b.sam().trainSeconds(), b.samOverSgd(),
                b.sam().passesPerStep() / b.sgd().passesPerStep(), b.vsam().trainSeconds(), b.vsam().passesPerStep(),
                b.vsamOverSam(),
                verdict("vSAM ≤ " + fixed(SpeedTargets.VSAM_OVER_SAM_MAX) + "× SAM", b.vsamOverSam(), SpeedTargets.VSAM_OVER_SAM_MAX, true),
                verdict("SAM/SGD ≥ " + fixed(SpeedTargets.SAM_OVER_SGD_MIN), b.samOverSgd(), SpeedTargets.SAM_OVER_SGD_MIN, false));
    }

    static String telemetryRow(BackendSpeed b) {
        StepQuantiles sgd = b.sgd().steps();
        StepQuantiles sam = b.sam().steps();
        StepQuantiles reuse = b.vsam().reuseSteps();
        StepQuantiles sampling = b.vsam().samplingSteps();
        String text = String.format(Locale.ROOT, "p10 of a step: SGD %.1f ms, SAM %.1f ms (%.2f×). Median: SGD %.1f ms, SAM %.1f ms. "
                        + "p90: SGD %.1f ms, SAM %.1f ms. Median/p10: one-pass %.2f, two-pass %.2f. vSAM reuse steps "
                        + "p10/median/p90 %s (median %.2f× SGD's), sampling steps %s. SGD p90/p10 %.2f",
                sgd.p10(), sam.p10(), b.samOverSgdP10(), sgd.median(), sam.median(), sgd.p90(), sam.p90(),
                sgd.medianOverP10(), sam.medianOverP10(), triple(reuse), b.reuseOverSgdMedian(), triple(sampling),
                b.sgdSpread());
        return "| the " + b.backend() + " runs' telemetry | " + text + " | "
                + verdict("reuse step ≤ " + fixed(SpeedTargets.REUSE_OVER_SGD_MEDIAN_MAX) + "× SGD's by median",
                        b.reuseOverSgdMedian(), SpeedTargets.REUSE_OVER_SGD_MEDIAN_MAX, true) + "; "
                + verdict("SGD p90/p10 ≤ " + fixed(SpeedTargets.SGD_SPREAD_MAX), b.sgdSpread(), SpeedTargets.SGD_SPREAD_MAX, true)
                + " |";
    }

    static String epochRow(List<BackendSpeed> backends, int trainImages, PyTorchEager pytorch) {
        List<String> shown = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (BackendSpeed b : backends) {
            double t = b.sgd().secondsPerEpoch();
            double speed = pytorch.secondsPerEpoch() / t;
            shown.add(pytorch.measured()
                    ? String.format(Locale.ROOT, "%s %.1f s (%.2f× PyTorch's speed)", b.backend(), t, speed)
                    : String.format(Locale.ROOT, "%s %.1f s", b.backend(), t));
            double target = SpeedTargets.epochSeconds(b.backend(), trainImages);
            if (Double.isFinite(target)) {
                targets.add(verdict(b.backend() + " ≤ " + String.format(Locale.ROOT, "%.1f s", target), t, target, true));
            }
            double least = SpeedTargets.speedOverPyTorchMin(b.backend());
            if (pytorch.measured() && Double.isFinite(least)) {
                targets.add(verdict(b.backend() + " ≥ " + fixed(least) + "× this PyTorch", speed, least, false));
            }
        }
        String yardstick = pytorch.measured()
                ? String.format(Locale.ROOT, "; %s %.1f s", pytorch.version(), pytorch.secondsPerEpoch())
                : "; PyTorch eager not measured: " + pytorch.note();
        String scale = trainImages == SpeedTargets.EPOCH_IMAGES ? ""
                : String.format(Locale.ROOT, " (12 s and 18 s per %,d images, scaled to %,d)", SpeedTargets.EPOCH_IMAGES, trainImages);
        return String.format(Locale.ROOT, "| one SGD epoch (%,d images; the SGD run's training time per epoch) | %s%s | %s%s |",
                trainImages, String.join(", ", shown), yardstick, targets.isEmpty() ? "—" : String.join("; ", targets), scale);
    }

    /** {@code "<target>: met (v)"} or {@code "<target>: **missed** (v)"}; {@code n/a} when {@code value} is NaN. */
    static String verdict(String target, double value, double limit, boolean atMost) {
        if (!Double.isFinite(value)) {
            return target + ": n/a";
        }
        boolean met = atMost ? value <= limit : value >= limit;
        return target + ": " + (met ? "met" : "**missed**") + " (" + fixed(value) + ")";
    }

    private static String triple(StepQuantiles q) {
        return q.count() == 0 ? "none" : String.format(Locale.ROOT, "%.1f/%.1f/%.1f ms (%d)", q.p10(), q.median(), q.p90(), q.count());
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
