package vsam.gui.run;

import java.nio.file.Path;
import java.util.Optional;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.RunConfig;
import vsam.gui.compare.RunRecord;

/**
 * One run in the {@link RunQueue}: its configuration, its live charts, its cancellation token and,
 * as it goes, its status, run folder and result. Mutable state is written by the worker thread and
 * read by the UI; every field is volatile and replaced as a whole.
 */
public final class RunJob {

    private final int number;
    private final RunConfig config;
    private final Path runsRoot;
    private final LiveRun live = new LiveRun();
    private final CancellationToken cancel = new CancellationToken();

    private volatile RunStatus status = RunStatus.QUEUED;
    private volatile String message = "";
    private volatile Path folder;
    private volatile TrainingResult result;
    private volatile RunRecord record;

    RunJob(int number, RunConfig config, Path runsRoot) {
        this.number = number;
        this.config = config;
        this.runsRoot = runsRoot;
    }

    /** The job's number in this session, from 1. */
    public int number() {
        return number;
    }

    /** The configuration it trains with. */
    public RunConfig config() {
        return config;
    }

    /** The folder under which its run folder is created. */
    public Path runsRoot() {
        return runsRoot;
    }

    /** Its live charts and progress. */
    public LiveRun live() {
        return live;
    }

    /** The token {@link RunQueue#stop()} sets. */
    CancellationToken cancellation() {
        return cancel;
    }

    /** Whether a stop was asked for. */
    public boolean isCancelRequested() {
        return cancel.isCancelled();
    }

    /** Where it stands. */
    public RunStatus status() {
        return status;
    }

    /** Why it failed, or a short note; empty when there is nothing to say. */
    public String message() {
        return message;
    }

    /** Its run folder, once created. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** The training result, once training ended. */
    public Optional<TrainingResult> result() {
        return Optional.ofNullable(result);
    }

    /** The run as read back from its folder, for the comparison table, once it ended. */
    public Optional<RunRecord> record() {
        return Optional.ofNullable(record);
    }

    void status(RunStatus s, String note) {
        this.message = note;
        this.status = s;
    }

    void folder(Path f) {
        this.folder = f;
    }

    void result(TrainingResult r) {
        this.result = r;
    }

    void record(RunRecord r) {
        this.record = r;
    }

    /** {@code #3 vsam (mlp, embedded)}. */
    public String title() {
        return "#" + number + " " + config.method().name() + " (" + config.model() + ", " + config.data().dataset() + ")";
    }

    @Override
    public String toString() {
        return title() + " " + status.label();
    }
}
