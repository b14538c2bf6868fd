package vsam.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks the {@code @file} arguments picocli expands (each names a file whose words are the arguments)
 * before it does, because picocli takes a missing file for a literal argument ("Unmatched argument") and
 * expands a file that names itself to nothing, starting a default run. {@code @@x} stands for the literal
 * word {@code @x} and is not a file.
 */
final class ArgumentFiles {

    private ArgumentFiles() {
    }

    /**
     * @throws CliException naming the file that is missing or unreadable, or the chain of files that
     *                      refers back to itself
     */
    static void check(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (isFileReference(arg)) {
                check(arg.substring(1), new ArrayDeque<>());
            }
        }
    }

    private static boolean isFileReference(String word) {
        return word.length() > 1 && word.charAt(0) == '@' && word.charAt(1) != '@';
    }

    private static void check(String name, Deque<Path> chain) {
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new CliException("argument file @" + name + ": not a valid file name (" + e.getReason() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("argument file not found: " + name + (chain.isEmpty() ? "" : " (named in " + chain.peek() + ")"));
        }
        Path real;
        String text;
        try {
            real = file.toRealPath();
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read argument file " + name + ": " + e.getMessage());
        }
        if (chain.contains(real)) {
            throw new CliException("argument file " + name + " refers back to itself (through " + chainText(chain, real)
                    + "); an argument file may not include itself");
        }
        chain.push(real);
        for (String word : text.split("\\s+")) {
            String w = unquote(word);
            if (isFileReference(w)) {
                check(w.substring(1), chain);
            }
        }
        chain.pop();
    }

    private static String unquote(String word) {
        if (word.length() >= 2 && (word.startsWith("\"") && word.endsWith("\"") || word.startsWith("'") && word.endsWith("'"))) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }

    private static String chainText(Deque<Path> chain, Path again) {
        StringBuilder s = new StringBuilder();
        chain.descendingIterator().forEachRemaining(p -> s.append(p.getFileName()).append(" -> "));
        return s.append(again.getFileName()).toString();
    }
}
