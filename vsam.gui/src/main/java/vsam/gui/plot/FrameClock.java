package vsam.gui.plot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.AnimationTimer;

/**
 * The one animation timer of the window: once per frame (JavaFX pulses at most 60 times a second) it
 * runs every registered task, e.g. each chart's {@link ChartCanvas#redrawIfDirty()} and the progress
 * line. Training threads never post to the JavaFX thread per event; this is where their work becomes
 * pixels.
 */
public final class FrameClock {

    private final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    private long frames;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frames++;
            for (Runnable t : tasks) {
                t.run();
            }
        }
    };

    /** A clock with no tasks; call {@link #start()} to tick. */
    public FrameClock() {
        // tasks are added later
    }

    /** Runs {@code task} on every frame from now on. */
    public void add(Runnable task) {
        tasks.add(task);
    }

    /** Stops running {@code task}. */
    public void remove(Runnable task) {
        tasks.remove(task);
    }

    /** Starts ticking. */
    public void start() {
        timer.start();
    }

    /** Stops ticking. */
    public void stop() {
        timer.stop();
    }

    /** Frames ticked so far. */
    public long frames() {
        return frames;
    }
}
