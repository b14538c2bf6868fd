package vsam.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.step.DivergenceException;
import vsam.api.BackendException;
import vsam.api.config.ConfigException;
import vsam.data.DataException;

/**
 * Entry point of the {@code vsam} command. Exit codes: 0 success, 1 a run or data problem, 2 a bad
 * option, 130 cancelled. Every error is one line on standard error.
 */
@Command(name = "vsam", mixinStandardHelpOptions = true, version = "vsam 0.1.0",
        description = "Sharpness-aware training with vSAM (variation-driven PSF sampling) and its baselines.",
        subcommands = {BackendsCommand.class, TrainCommand.class, CompareCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is needed: backends, train, compare or demo");
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
            err.println("vsam: " + ex.getMessage() + " (see 'vsam " + commandName(ex) + "--help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException) {
                err.println("vsam: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof CliException || ex instanceof BackendException || ex instanceof DataException
                    || ex instanceof RunFolderException || ex instanceof DivergenceException
                    || ex instanceof vsam.algorithm.checkpoint.CheckpointException) {
                err.println("vsam: " + ex.getMessage());
                return 1;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("vsam: " + ex.getMessage());
                return 2;
            }
            err.println("vsam: unexpected error: " + ex);
            ex.printStackTrace(err);
            return 1;
        });
        return cli.execute(args);
    }

    private static String commandName(CommandLine.ParameterException ex) {
        String name = ex.getCommandLine().getCommandName();
        return "vsam".equals(name) ? "" : name + " ";
    }
}
