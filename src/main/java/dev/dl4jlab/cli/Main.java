package dev.dl4jlab.cli;

import dev.dl4jlab.DiskFull;
import dev.dl4jlab.Shutdown;
import dev.dl4jlab.UserError;
import dev.dl4jlab.train.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The {@code lab} command line. Exit codes: 0 done, 1 internal error, 2 user error (config, data, flag, port). */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "dl4j-lab: configuration-driven Deeplearning4j experiments.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, ExportCommand.class, SweepCommand.class, CompareCommand.class, UiCommand.class, ServeCommand.class, BenchCommand.class, DataCommand.class, SchemaCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int USER_ERROR = 2;
    public static final int INTERNAL_ERROR = 1;
    /** What a shell reports for Ctrl-C (128 + SIGINT); the JVM's own code for the signal wins when it exits. */
    static final int STOPPED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        String commands = String.join(", ", spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (" + commands + ")");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code lab} with the given arguments and streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            String suggestion = e instanceof CommandLine.UnmatchedArgumentException u ? Suggestion.of(u) : null;
            err.println("error: " + (suggestion != null ? suggestion : e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (Shutdown.stopping()) {
                return stopped(err);
            }
            UserError userError = userError(e);
            if (userError != null) {
                err.println("error: " + userError.getMessage());
                if (verbose) {
                    e.printStackTrace(err);
                }
                return USER_ERROR;
            }
            String memory = outOfMemory(e);
            if (memory != null) {
                err.println("error: " + memory);
                if (verbose) {
                    e.printStackTrace(err);
                }
                return USER_ERROR;
            }
            err.println("error: internal: " + e + (verbose ? "" : " (run again with --verbose for the stack trace)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        });
        if (loadsTheBackend(args)) {
            Backend.preload();
        }
        int code;
        try {
            code = cli.execute(args);
        } catch (Error e) {   // picocli hands only Exceptions to the handler; a native library failing to load is an Error
            if (Shutdown.stopping()) {
                return stopped(err);
            }
            String memory = outOfMemory(e);
            err.println("error: " + (memory != null ? memory : "internal: " + e + (verbose ? "" : " (run again with --verbose for the stack trace)")));
            if (verbose) {
                e.printStackTrace(err);
            }
            code = memory != null ? USER_ERROR : INTERNAL_ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Whether {@code args} run a command that trains or evaluates (not its help): the backend can start loading now. */
    static boolean loadsTheBackend(String... args) {
        List<String> all = Arrays.asList(args);
        if (all.contains("-h") || all.contains("--help") || all.contains("-V") || all.contains("--version")) {
            return false;
        }
        String command = all.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        return Set.of("train", "sweep", "eval", "predict", "export", "serve", "bench").contains(command);
    }

    /**
     * What to say when the JVM ran out of memory (its heap, or ND4J's off-heap memory, which JavaCPP caps at the heap
     * size): the limits this process had and the way out. Null when {@code e} is not about memory.
     */
    static String outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                long heap = Runtime.getRuntime().maxMemory();
                long offHeap = org.bytedeco.javacpp.Pointer.maxBytes();
                // LAB_JAVA_OPTS replaces the launcher's options: the advice must ask for more than this JVM had, and keep the GC
                long more = Math.max(1, (long) Math.ceil(2.0 * heap / (1L << 30)));
                return String.format(java.util.Locale.ROOT, "out of memory (%s): this JVM has %.0f MB of heap and %.0f MB for ND4J, "
                        + "too little for this data; give it more with LAB_JAVA_OPTS=\"-Xmx%dg -XX:+UseParallelGC\" ./lab ... (it "
                        + "replaces the launcher's default, -Xmx8g), or use a smaller data.imageSize or batchSize", t.getMessage(),
                        heap / 1e6, offHeap / 1e6, more);
            }
        }
        return null;
    }

    /**
     * Ctrl-C or SIGTERM stopped the command, and whatever failed as the process went down (a file a library's hook
     * closed) is no error to report. The JVM exits with 128 + the signal's number once the cleanups are done.
     */
    private static int stopped(PrintWriter err) {
        err.println("stopped; nothing unfinished was kept");
        err.flush();
        return STOPPED;
    }

    /**
     * The user error behind an exception, also when a library wrapped it. A full disk is the user's environment, not a
     * bug: it becomes a user error naming the path.
     */
    static UserError userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
        }
        Throwable full = DiskFull.cause(e);
        if (full == null) {
            return null;
        }
        String reason = DiskFull.reasonIn(full);
        String where = full instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? fs.getFile() : pathBefore(e, reason);
        return new UserError((where == null ? "" : where + ": ") + DiskFull.describe(full) + "; free some space or write somewhere else", full);
    }

    /** The path a wrapper put before the system's reason, e.g. "results/x/metrics.json" of "results/x/metrics.json: No space ...". */
    private static String pathBefore(Throwable e, String reason) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            boolean ownWords = message != null && (t.getCause() == null || !message.equals(t.getCause().toString()));
            if (ownWords && message.contains(reason) && !message.startsWith(reason)) {
                return message.substring(0, message.indexOf(reason)).replaceAll("[:\\s]+$", "");
            }
        }
        return null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var build = Provenance.buildProperties();
            return new String[]{"dl4j-lab " + build.getProperty("version", "unknown") + " (Deeplearning4j "
                    + build.getProperty("dl4j.version", "unknown") + ")"};
        }
    }
}
