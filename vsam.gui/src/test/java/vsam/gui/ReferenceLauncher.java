package vsam.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.Trainer;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.TrainingData;
import vsam.data.RunData;
import vsam.gui.run.RunLauncher;
import vsam.testkit.ReferenceBackend;

/**
 * Runs on the pure-Java reference backend, which is not registered as a service: the shared data
 * preparation, the trainer and a real run folder, without native code, for quick tests of the queue
 * and the window. The real path ({@link RunLauncher#standard}) is tested with the DJL backend.
 */
public final class ReferenceLauncher implements RunLauncher {

    /** A launcher on a fresh reference backend. */
    public ReferenceLauncher() {
        // stateless
    }

    @Override
    public TrainingData prepare(RunConfig config) {
        return RunData.prepare(config);
    }

    @Override
    public TrainingResult train(RunConfig config, TrainingData data, Path folder, List<TrainingListener> listeners,
                                CancellationToken cancel) {
        ModelSpec spec = Models.byId(config.model(), data.shape(), data.classes());
        try (Session session = new ReferenceBackend().open(new SessionOptions(config.device(), config.threads()));
             RunFolder run = RunFolder.create(folder, config, data.format(), Map.of("backend", "reference"))) {
            Network net = session.build(spec, InitialWeights.generate(spec, config.seed()), new LossOptions(config.labelSmoothing()));
            Trainer trainer = new Trainer(session, net, config).listen(run);
            listeners.forEach(trainer::listen);
            return trainer.run(data.train(), data.test(), cancel);
        }
    }
}
