package vsam.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process invocation of the {@code vsam} command, as the command-line tests see it.
 *
 * @param code the exit code
 * @param out  what it printed on standard output
 * @param err  what it printed on standard error
 */
record CommandRun(int code, String out, String err) {

    /** Runs {@code vsam <args>} through {@link Main#execute} and captures both streams. */
    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** The configuration {@code vsam train <args>} would run, parsed without training. */
    static vsam.api.config.RunConfig parse(String... args) {
        TrainCommand train = new TrainCommand();
        new picocli.CommandLine(train).parseArgs(args);
        return train.options().toConfig();
    }
}
