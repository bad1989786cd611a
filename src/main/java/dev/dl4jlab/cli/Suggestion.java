package dev.dl4jlab.cli;

import picocli.CommandLine;

import java.util.Comparator;
import java.util.List;

/**
 * What to say for an unknown command or option: "'tran' is not a lab command; did you mean train?" instead of
 * picocli's "Unmatched arguments from index 0". Picocli ranks every command by similarity, even for a word near none,
 * so a suggestion is made only within a few typing mistakes; otherwise the commands are listed.
 */
final class Suggestion {
    private Suggestion() {
    }

    /** The message for {@code e}, or null when picocli's own says it as well (an extra positional argument). */
    static String of(CommandLine.UnmatchedArgumentException e) {
        if (e.getUnmatched().isEmpty()) {
            return null;
        }
        String typed = e.getUnmatched().get(0);
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (typed.startsWith("-")) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            String near = nearest(name, spec.optionsMap().keySet().stream().filter(o -> o.startsWith("--")).toList());
            return near == null ? null : "'" + name + "' is not an option of " + spec.qualifiedName() + "; did you mean " + near + "?";
        }
        List<String> commands = spec.subcommands().keySet().stream().filter(c -> !c.equals("help")).toList();
        if (commands.isEmpty()) {
            return null;
        }
        String near = nearest(typed, commands);
        return "'" + typed + "' is not a " + spec.qualifiedName() + " command; " + (near != null ? "did you mean " + near + "?"
                : "the commands are " + String.join(", ", commands));
    }

    /** The candidate within a few edits of {@code typed} (about one in three characters), or null. */
    static String nearest(String typed, List<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(c -> distance(typed, c)))
                .filter(c -> distance(typed, c) <= Math.max(1, c.length() / 3)).orElse(null);
    }

    /** Levenshtein distance: insertions, deletions and substitutions from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
