package org.sciml4j.cli;

import org.sciml4j.tensor.kernel.Parallel;

import picocli.CommandLine.Option;

/** The {@code --threads N} option of the commands that run numerical kernels (a picocli mixin). */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "threads of the numerical kernels (default: the"
            + " machine's cores); results are the same bits for any N")
    Integer threads;

    /**
     * The most threads a command takes: the kernels' pool holds at most 32767 workers beside the calling thread (a
     * fork-join pool's limit), far more than any machine's cores.
     */
    static final int MAX = 32768;

    /** Sets the kernels' thread count when the option was given; out of [1, {@value #MAX}]: an error naming it. */
    void apply() {
        if (threads != null) {
            check("--threads", threads);
            Parallel.setThreads(threads);
        }
    }

    /** Refuses a thread count out of [1, {@value #MAX}], naming the option. */
    static void check(String option, int threads) {
        if (threads < 1 || threads > MAX) {
            throw new IllegalArgumentException(option + " " + threads + ": " + (threads < 1 ? "at least 1"
                    : "at most " + MAX + " (this machine has " + Runtime.getRuntime().availableProcessors()
                            + " cores)"));
        }
    }
}
