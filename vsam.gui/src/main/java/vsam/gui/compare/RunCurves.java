package vsam.gui.compare;

import vsam.gui.chart.SeriesSnapshot;

/**
 * The curves of one finished (or stopped) run that the comparison overlays.
 *
 * @param accuracy    test accuracy in percent per epoch (x = epoch, from 1)
 * @param loss        smoothed training loss per iteration
 * @param samFraction SAM steps so far / iterations so far, per iteration
 */
public record RunCurves(SeriesSnapshot accuracy, SeriesSnapshot loss, SeriesSnapshot samFraction) {
}
