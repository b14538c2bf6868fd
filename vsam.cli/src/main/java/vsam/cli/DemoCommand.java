package vsam.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.train.StopOnShutdown;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.Setting;
import vsam.api.config.Settings;

/**
 * {@code vsam demo}: SGD, SAM and vSAM side by side where SAM is known to help — {@code cnn-s} on the
 * embedded 6,000-image Fashion-MNIST subset with {@value #LABEL_NOISE_PERCENT}% of its training labels
 * replaced at random (symmetric noise, docs/ALGORITHMS.md §4), {@value #EPOCHS} epochs, on the javacpp
 * backend (the faster CPU backend here, and it tells the same story as djl: docs/RESULTS.md §0f), sized to
 * finish in a few minutes on two cores. SGD memorises the wrong labels late in training and SAM resists, so the
 * table's "SAM's gain kept" column says how much of that a cheaper method keeps. On clean labels SAM gains
 * little over SGD in a few epochs, and "as good as SAM" would show nothing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Compare sgd, sam and vsam where SAM helps: "
        + "Fashion-MNIST (embedded subset) with 40%% noisy training labels (2-3 minutes on 2 cores).", sortOptions = false,
        modelTransformer = DemoCommand.Options.class)
final class DemoCommand implements Callable<Integer> {

    static final int EPOCHS = 20;
    static final int LABEL_NOISE_PERCENT = 40;

    /** The demo's setup; of these, the settings in {@link #OFFERED} can be changed on its command line. */
    private static final Map<Setting<?>, String> PRESET = preset();

    /** The settings the demo offers as options. */
    private static final List<Setting<?>> OFFERED = List.of(Settings.BACKEND_ID, Settings.DEVICE, Settings.THREADS,
            Settings.LABEL_NOISE, Settings.EPOCHS, Settings.SEED);

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Folder for the runs and the table (default: runs/<date-time>-demo).")
    Optional<Path> out = Optional.empty();

    @Override
    public Integer call() {
        RunOptions options = new RunOptions();
        PRESET.forEach(options::set);
        RunOptions given = RunOptions.of(spec);
        OFFERED.forEach(s -> given.text(s).ifPresent(t -> options.set(s, t)));
        List<String> methods = List.of("sgd", "sam", "vsam");
        try (StopOnShutdown stop = StopOnShutdown.install()) {
            List<RunExecutor.Outcome> outcomes = new Comparison(spec.commandLine().getOut())
                    .run(options, methods, out.orElseGet(() -> RunFolder.freshPath(Path.of("runs"), "demo")), stop.token());
            return outcomes.size() == methods.size()
                    && outcomes.stream().allMatch(o -> o.result().status() == TrainingResult.Status.COMPLETED) ? 0 : 130;
        }
    }

    private static Map<Setting<?>, String> preset() {
        Map<Setting<?>, String> p = new LinkedHashMap<>();
        p.put(Settings.BACKEND_ID, "javacpp");
        p.put(Settings.DATASET, "embedded");
        p.put(Settings.MODEL, "cnn-s");
        p.put(Settings.LABEL_NOISE, Double.toString(LABEL_NOISE_PERCENT / 100.0));
        p.put(Settings.EPOCHS, Integer.toString(EPOCHS));
        return p;
    }

    /** The demo's options, generated from the catalogue, with the demo's defaults in the help. */
    static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            RunOptions.addOptions(spec, OFFERED, PRESET);
            return spec;
        }
    }
}
