package org.sciml4j.cli;

import org.sciml4j.tensor.kernel.Parallel;

import picocli.CommandLine.Option;

/** The {@code --threads N} option of the commands that run numerical kernels (a picocli mixin). */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "threads of the numerical kernels (default: the"
            + " machine's cores); results are the same bits for any N")
    Integer threads;

    /** Sets the kernels' thread count when the option was given; out of range: an error naming the option. */
    void apply() {
        if (threads != null) {
            Parallel.checkThreads("--threads", threads);
            Parallel.setThreads(threads);
        }
    }
}
