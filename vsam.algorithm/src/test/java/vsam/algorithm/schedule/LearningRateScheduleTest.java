package vsam.algorithm.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vsam.api.config.ScheduleConfig;

class LearningRateScheduleTest {

    @Test
    void cosineDecaysPerIterationFromThePeakToZero() {
        LearningRateSchedule s = LearningRateSchedule.of(ScheduleConfig.defaults(), 0.05, 100, 1000);
        assertEquals(0.05, s.at(0), 1e-12);
        assertEquals(0.025, s.at(500), 1e-12);
        assertEquals(0.05 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), s.at(250), 1e-12);
        assertEquals(0, s.at(1000), 1e-12);
    }

    @Test
    void linearWarmupThenCosineOverTheRest() {
        ScheduleConfig c = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 1, 30, 0.1);
        LearningRateSchedule s = LearningRateSchedule.of(c, 0.1, 100, 1100);
        assertEquals(0.001, s.at(0), 1e-12);
        assertEquals(0.05, s.at(49), 1e-12);
        assertEquals(0.1, s.at(100), 1e-12);
        assertEquals(0.05, s.at(600), 1e-12);
    }

    @Test
    void stepMultipliesByTheFactorEveryNEpochs() {
        ScheduleConfig c = new ScheduleConfig(ScheduleConfig.Kind.STEP, 0, 2, 0.1);
        LearningRateSchedule s = LearningRateSchedule.of(c, 1, 10, 100);
        assertEquals(1, s.at(19), 1e-12);
        assertEquals(0.1, s.at(20), 1e-12);
        assertEquals(0.01, s.at(45), 1e-12);
    }

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.of(new ScheduleConfig(ScheduleConfig.Kind.CONSTANT, 0, 1, 1), 0.3, 10, 100);
        assertEquals(0.3, s.at(0));
        assertEquals(0.3, s.at(99));
    }
}
