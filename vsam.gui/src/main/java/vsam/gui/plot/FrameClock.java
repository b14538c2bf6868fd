package vsam.gui.plot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * The window's clock: {@value #TICKS_PER_SECOND} times a second it runs every registered task on the JavaFX
 * thread (each chart's {@link ChartCanvas#redrawIfDirty()}, the progress line). Training threads never post to
 * the JavaFX thread per event; this is where their work becomes pixels.
 *
 * <p>Why not once per JavaFX pulse (an {@code AnimationTimer}, up to 60 a second): a running animation timer keeps
 * JavaFX pulsing 60 times a second even when nothing changed, and with a training step every few tens of
 * milliseconds every chart is dirty on nearly every pulse. Redrawing them that often took 18% of a 2-core
 * machine's training throughput (vsam.gui's {@code GuiCostBenchmark}); a person reading a chart gains nothing
 * from more than a few frames a second. A tick is posted from a daemon timer thread, and only when the previous
 * one has run, so a busy JavaFX thread never has ticks queued up.
 */
public final class FrameClock {

    /** Ticks per second. */
    public static final int TICKS_PER_SECOND = 2;
    /** The time between two ticks. */
    public static final long TICK_NANOS = 1_000_000_000L / TICKS_PER_SECOND;

    private final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> ticking;
    private volatile long ticks;

    /** A clock with no tasks; call {@link #start()} to tick. */
    public FrameClock() {
        // tasks are added later
    }

    /** Runs {@code task} on every tick from now on. */
    public void add(Runnable task) {
        tasks.add(task);
    }

    /** Stops running {@code task}. */
    public void remove(Runnable task) {
        tasks.remove(task);
    }

    /** Starts ticking. */
    public synchronized void start() {
        if (ticking != null) {
            return;
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vsam-frame-clock");
                t.setDaemon(true);
                return t;
            });
        }
        ticking = timer.scheduleAtFixedRate(this::post, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Stops ticking. */
    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        if (timer != null) {
            timer.shutdown();
            timer = null;
        }
    }

    private void post() {
        if (posted.compareAndSet(false, true)) {
            Platform.runLater(this::tick);
        }
    }

    private void tick() {
        posted.set(false);
        ticks++;
        for (Runnable t : tasks) {
            t.run();
        }
    }

    /** Ticks so far (each ran every task once). */
    public long ticks() {
        return ticks;
    }
}
