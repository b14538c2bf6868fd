package vsam.gui.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.RunConfig;
import vsam.api.network.TrainingData;
import vsam.api.telemetry.IterationEvent;
import vsam.gui.compare.RunRecord;

/**
 * Runs jobs one after another on a single worker thread. {@link #submit} queues a run, {@link #stop()}
 * asks the running one to stop after its current step (cooperative cancellation: the trainer returns,
 * the summary is written, the backend session is closed), {@link #remove} drops a run that has not
 * started. Every status change is reported to the listener through {@code notify} (the JavaFX thread
 * in the app: this is the one place where worker-thread events reach the UI); per-iteration telemetry
 * goes to the job's {@link LiveRun} instead and is never posted.
 */
public final class RunQueue implements AutoCloseable {

    /** Told about every status change of every job. */
    @FunctionalInterface
    public interface Listener {
        /** {@code job} changed status (or folder, result, record). */
        void changed(RunJob job);
    }

    private final RunLauncher launcher;
    private final Executor notify;
    private final Listener listener;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vsam-training");
        t.setDaemon(true);
        return t;
    });
    private final List<RunJob> jobs = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile RunJob current;

    /**
     * @param launcher prepares and trains one run
     * @param notify   where listener calls are made ({@code Platform::runLater} in the app)
     * @param listener told about status changes
     */
    public RunQueue(RunLauncher launcher, Executor notify, Listener listener) {
        this.launcher = launcher;
        this.notify = notify;
        this.listener = listener;
    }

    /** Queues a run of {@code config} whose folder will be created under {@code runsRoot}; it starts when the runs before it end. */
    public RunJob submit(RunConfig config, Path runsRoot) {
        RunJob job = new RunJob(numbers.incrementAndGet(), config, runsRoot);
        jobs.add(job);
        changed(job);
        worker.execute(() -> run(job));
        return job;
    }

    /** The running job, if any. */
    public Optional<RunJob> current() {
        return Optional.ofNullable(current);
    }

    /** Every job of this session, in submission order. */
    public List<RunJob> jobs() {
        return List.copyOf(jobs);
    }

    /** Whether a job is queued or running. */
    public boolean isBusy() {
        return jobs.stream().anyMatch(j -> !j.status().isFinal());
    }

    /** Asks the running job to stop after its current step; returns whether one was running. */
    public boolean stop() {
        RunJob job = current;
        if (job == null) {
            return false;
        }
        job.cancellation().cancel();
        return true;
    }

    /** Drops a job that has not started yet; returns false if it already started or ended. */
    public boolean remove(RunJob job) {
        if (job.status() != RunStatus.QUEUED) {
            return false;
        }
        job.cancellation().cancel();
        return true;
    }

    private void run(RunJob job) {
        if (job.isCancelRequested()) {
            job.status(RunStatus.CANCELLED, "removed from the queue before it started");
            changed(job);
            return;
        }
        current = job;
        job.status(RunStatus.PREPARING, "");
        changed(job);
        try {
            RunConfig config = job.config();
            TrainingData data = launcher.prepare(config);
            job.live().begin(config.epochs(), data.train().batchesPerEpoch(), config.batchSize());
            if (job.isCancelRequested()) {
                job.status(RunStatus.CANCELLED, "stopped before training began");
            } else {
                Path folder = RunFolder.freshPath(job.runsRoot(), config.method().name());
                job.folder(folder);
                TrainingListener started = new TrainingListener() {
                    private boolean first = true;

                    @Override
                    public void onIteration(IterationEvent event) {
                        if (first) {
                            first = false;
                            job.status(RunStatus.RUNNING, "");
                            changed(job);
                        }
                    }
                };
                TrainingResult result = launcher.train(config, data, folder, List.of(job.live(), started), job.cancellation());
                job.result(result);
                String note = "";
                try {
                    job.record(RunRecord.read(folder));
                } catch (RuntimeException e) {
                    note = "the run folder could not be read back: " + e.getMessage();
                }
                boolean completed = result.status() == TrainingResult.Status.COMPLETED;
                job.status(completed ? RunStatus.COMPLETED : RunStatus.CANCELLED, completed ? note : "stopped");
            }
        } catch (RuntimeException e) {
            job.status(RunStatus.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (LinkageError e) { // a backend whose native part fails late: report it, keep the app alive
            job.status(RunStatus.FAILED, e.toString());
        } finally {
            current = null;
        }
        changed(job);
    }

    private void changed(RunJob job) {
        notify.execute(() -> listener.changed(job));
    }

    /** Stops the running job, drops the queued ones and waits up to {@code seconds} for the worker to end. */
    public boolean shutdown(long seconds) throws InterruptedException {
        jobs.forEach(j -> {
            if (!j.status().isFinal()) {
                j.cancellation().cancel();
            }
        });
        worker.shutdown();
        return worker.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    /** {@link #shutdown(long)} with a minute's grace. */
    @Override
    public void close() {
        try {
            shutdown(60);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
