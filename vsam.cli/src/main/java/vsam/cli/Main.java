package vsam.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.step.DivergenceException;
import vsam.api.BackendException;
import vsam.api.UnknownBackendException;
import vsam.api.config.ConfigException;
import vsam.api.config.MessageText;
import vsam.data.DataException;

/**
 * Entry point of the {@code vsam} command. Every error is one line on standard error, and the exit code
 * follows one rule:
 * <ul>
 *   <li>0: done;</li>
 *   <li>2: the command itself is wrong, and nothing was done — an unknown option, a bad value, an unknown
 *       name (method, model, data set, backend, device, recipe), a method named twice, a missing argument
 *       file, options that do not go together;</li>
 *   <li>1: the command was right but could not be carried out — data missing or damaged, a device that
 *       exists but is unavailable, a run folder that is in use, holds a run or cannot be written, a bad
 *       checkpoint, a diverging run;</li>
 *   <li>130: cancelled (Ctrl-C or SIGTERM) after writing a checkpoint and the summary.</li>
 * </ul>
 */
@Command(name = "vsam", mixinStandardHelpOptions = true, version = "vsam 0.1.0",
        description = "Sharpness-aware training with vSAM (variation-driven PSF sampling) and its baselines.",
        subcommands = {BackendsCommand.class, TrainCommand.class, CompareCommand.class, DemoCommand.class, EvaluateCommand.class,
                PredictCommand.class, ExportCommand.class, ModelsCommand.class, ImagesCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** The exit code of a wrong command. */
    static final int USAGE = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is needed: backends, models, images, train, compare, demo, evaluate, predict or export");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (used by {@link #main} and by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("vsam: " + MessageText.cutQuoted(ex.getMessage()) + " (see 'vsam " + commandName(ex) + "--help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException || ex instanceof UnknownBackendException || ex instanceof UsageException) {
                err.println("vsam: " + MessageText.cutQuoted(String.valueOf(ex.getMessage())));
                return USAGE;
            }
            if (ex instanceof CliException || ex instanceof BackendException || ex instanceof DataException
                    || ex instanceof RunFolderException || ex instanceof DivergenceException
                    || ex instanceof vsam.algorithm.checkpoint.CheckpointException) {
                err.println("vsam: " + MessageText.cutQuoted(FailureText.of(ex)));
                return 1;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("vsam: " + MessageText.cutQuoted(String.valueOf(ex.getMessage())));
                return USAGE;
            }
            err.println("vsam: unexpected error: " + ex);
            ex.printStackTrace(err);
            return 1;
        });
        try {
            ArgumentFiles.check(args);
        } catch (CliException e) {
            err.println("vsam: " + MessageText.cutQuoted(e.getMessage()));
            return USAGE;
        }
        return cli.execute(args);
    }

    private static String commandName(CommandLine.ParameterException ex) {
        String name = ex.getCommandLine().getCommandName();
        return "vsam".equals(name) ? "" : name + " ";
    }
}
