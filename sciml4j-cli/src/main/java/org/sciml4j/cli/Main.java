package org.sciml4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sciml4j} command: {@code sciml4j run PROBLEM.yaml}, {@code sciml4j demo}, {@code sciml4j info}, {@code sciml4j --help}. */
@Command(name = "sciml4j", mixinStandardHelpOptions = true, version = "sciml4j 0.1.0-SNAPSHOT",
        description = "Scientific machine learning for the JVM.",
        subcommands = {RunCommand.class, DemoCommand.class, DataCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // a user sees what went wrong, not a stack trace
            line.getErr().println("sciml4j: " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }
}
