package org.sciml4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.sciml4j.optim.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sciml4j} command: {@code sciml4j run PROBLEM.yaml}, {@code sciml4j evaluate RUN_DIR DATA},
 * {@code sciml4j demo}, {@code sciml4j info}, {@code sciml4j --help}.
 */
@Command(name = "sciml4j", mixinStandardHelpOptions = true, version = "sciml4j 0.1.0-SNAPSHOT",
        description = "Scientific machine learning for the JVM.",
        footer = {"", "Many runs on Apache Spark (the ./sciml4j launcher runs these with the sciml4j-spark module;"
                + " docs/SPARK.md):",
            "  sweep FILE --grid path=[v1,v2] [--seeds K]  hyper-parameter sweeps and seeds",
            "  ensemble FILE --members K                   deep ensembles: mean and sd",
            "  farm ...                                    simulation farms (.npz shards)"})
public final class Main implements Runnable {
    /** The exit status when something escaped every other handler (input mistakes also exit 1). */
    static final int FAILURE_STATUS = 1;

    /** A Java class name such as {@code java.nio.charset.MalformedInputException}, with a following ": ". */
    private static final class ClassName {
        // compiled when an error is reported, not at every start
        static final Pattern PATTERN = Pattern.compile(
                "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b(?::\\s*)?");
    }

    /** The subcommands, in the order the usage lists them; each is named by its own {@code @Command}. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, EvaluateCommand.class,
            DemoCommand.class, DataCommand.class, GenerateCommand.class, InfoCommand.class,
            CommandLine.HelpCommand.class);

    @Override
    public void run() {
        commandLine().usage(System.out);
    }

    /**
     * The command line for {@code args}: with only the subcommand they start with, if they start with one other than
     * {@code help} (picocli builds the model of every subcommand it is given, from their annotations: the others cost
     * 30-50 ms of every start), else with all of them (usage, help, "did you mean").
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0])) {
                    return cl.addSubcommand(c);
                }
            }
        }
        SUBCOMMANDS.forEach(cl::addSubcommand);
        return cl;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        QuietLogs.install();
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("demo"))) { // both train a PINN
            JitWarmup.start();
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine(args);
        cl.setExecutionExceptionHandler(Handlers.INSTANCE);
        cl.setParameterExceptionHandler(Handlers.INSTANCE);
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // what picocli lets through (errors such as OutOfMemoryError): still one line, not a stack trace
            return report(e, cl.getErr());
        }
    }

    /**
     * Main's answers to picocli: a class, not lambdas, so that the launcher's class-data archive keeps picocli (a
     * lambda implementing one of its Java 5 interfaces had JDK 17's archive dump skip picocli's main class).
     */
    private static final class Handlers
            implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
        static final Handlers INSTANCE = new Handlers();

        @Override
        public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parsed) {
            return report(ex, line.getErr());
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            return usageMistake(ex, args);
        }
    }

    /**
     * A command line picocli cannot parse (an unknown option, a value that is not a number, a missing or extra
     * argument): what is wrong, picocli's suggestions for a mistyped name, and where the options are listed; exit
     * status {@value #FAILURE_STATUS}, as for every other input mistake (picocli's own default is 2 and the whole
     * usage, which pushes the message out of sight).
     */
    private static int usageMistake(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        String command = line.getCommandSpec().qualifiedName();
        err.println(command + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("(" + command + " --help lists the options)");
        err.flush();
        return FAILURE_STATUS;
    }

    private static int report(Throwable t, PrintWriter err) {
        err.println("sciml4j: " + message(t));
        err.flush();
        return FAILURE_STATUS;
    }

    /**
     * The one line a user sees for anything that escaped a command: what was too large for out of memory and stack
     * overflow (with the setting to raise), the message in words for input and file mistakes, and for anything else
     * a request to report it. Never a Java class name or a stack frame.
     */
    static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return String.format(Locale.ROOT, "out of memory: the problem is too large for the Java heap (at most"
                        + " %d MiB here); use fewer points, smaller layers or smaller data files, or raise the heap,"
                        + " e.g. SCIML4J_JAVA_OPTS=-Xmx16g sciml4j ...", Runtime.getRuntime().maxMemory() >> 20);
            }
            if (c instanceof StackOverflowError) {
                return "an input nested too deeply to process (the call stack overflowed); simplify the most deeply"
                        + " nested expression or structure, or raise the stack, e.g. SCIML4J_JAVA_OPTS=-Xss64m"
                        + " sciml4j ...";
            }
        }
        Throwable cause = t instanceof CommandLine.ExecutionException && t.getCause() != null ? t.getCause() : t;
        String text = cause.getMessage() == null ? ""
                : ClassName.PATTERN.matcher(cause.getMessage()).replaceAll("").strip();
        if (isInputMistake(cause) && !text.isEmpty()) {
            return text;
        }
        return "an unexpected internal error" + (text.isEmpty() ? "" : " (" + text + ")") + "; please report it"
                + " with the command line and the problem file";
    }

    /**
     * The exceptions that carry a message written for the user: bad input, files that cannot be read or written, a
     * training that cannot go on (a loss term not finite).
     */
    private static boolean isInputMistake(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof IOException || t instanceof UncheckedIOException
                || t instanceof TrainingDivergedException;
    }
}
