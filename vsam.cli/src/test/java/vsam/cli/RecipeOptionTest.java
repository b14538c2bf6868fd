package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vsam.api.config.ConfigException;
import vsam.api.config.Recipe;
import vsam.api.config.RunConfig;
import vsam.api.model.InitScheme;
import vsam.api.network.LossOptions;

/** {@code --recipe} sets the recipe's settings, and every option given beside it still wins. */
class RecipeOptionTest {

    private static RunConfig parse(String... args) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(args);
        return train.options().toConfig();
    }

    @Test
    void theRecipeAloneGivesThePaperCifarSetup() {
        RunConfig c = parse("--recipe", "paper-cifar");
        assertEquals(Recipe.PAPER_CIFAR.apply(RunConfig.defaults()), c);
        assertEquals("resnet18", c.model());
        assertEquals("cifar10", c.data().dataset());
        assertEquals(16, c.data().cutout());
        assertEquals(LossOptions.Convention.OTHERS, c.smoothing());
        assertEquals(1e-3, c.optimizer().weightDecay());
        assertEquals(200, c.epochs());
    }

    @Test
    void optionsGivenBesideTheRecipeWin() {
        RunConfig c = parse("--recipe", "paper-cifar", "--epochs", "3", "--dataset", "cifar100", "--no-augment",
                "--cutout", "0", "--lr", "0.1", "--init", "he", "--label-smoothing", "0", "--model", "cnn-s");
        assertEquals(3, c.epochs());
        assertEquals("cifar100", c.data().dataset());
        assertEquals(false, c.data().augment());
        assertEquals(0, c.data().cutout());
        assertEquals(0.1, c.optimizer().learningRate());
        assertEquals(1e-3, c.optimizer().weightDecay(), "not given: the recipe's");
        assertEquals(InitScheme.HE, c.init());
        assertEquals(0, c.labelSmoothing());
        assertEquals("cnn-s", c.model());
        assertEquals(128, c.batchSize());
    }

    @Test
    void withoutARecipeTheDefaultsStandAndAnUnknownRecipeIsNamed() {
        assertEquals(RunConfig.defaults(), parse());
        ConfigException e = assertThrows(ConfigException.class, () -> parse("--recipe", "paper-mnist"));
        assertEquals("invalid recipe: 'paper-mnist' (allowed: one of paper-cifar)", e.getMessage());
    }
}
