package vsam.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vsam.api.model.Models;
import vsam.api.model.Shape;

/**
 * {@code vsam models}: the built-in models, and {@code vsam models show <id>}: one of them as the model
 * file it is (docs/ARCHITECTURE.md, "Model files"), to save, edit and train with {@code --model file.json}.
 */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the built-in models, or print one as a model file: vsam models show cnn-s > my-net.json",
        subcommands = ModelsCommand.Show.class)
final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Map<String, Shape> inputs = Map.of("28x28 gray", new Shape(1, 28, 28), "32x32 color", new Shape(3, 32, 32));
        o.printf("%-10s %13s %13s  %s%n", "model", "params 28x28", "params 32x32", "description");
        for (String id : Models.IDS) {
            long gray = Models.byId(id, inputs.get("28x28 gray"), 10).segments().totalLength();
            long color = Models.byId(id, inputs.get("32x32 color"), 10).segments().totalLength();
            Object description = Models.file(id).tree().get("description");
            o.printf(Locale.ROOT, "%-10s %,13d %,13d  %s%n", id, gray, color, description == null ? "" : description);
        }
        o.println("(parameters for 10 classes; 'vsam models show <model>' prints one as a model file)");
        o.flush();
        return 0;
    }

    /** {@code vsam models show <id>}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a built-in model as a model file.")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL", description = "mlp, cnn-s or resnet18.")
        String id;

        @Override
        public Integer call() {
            if (!Models.IDS.contains(id)) {
                throw new UsageException("unknown model '" + id + "' (known: " + String.join(", ", Models.IDS) + ")");
            }
            PrintWriter o = spec.commandLine().getOut();
            o.print(Models.file(id).json());
            o.flush();
            return 0;
        }
    }
}
