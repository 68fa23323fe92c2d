package org.sciml4j.cli;

import java.util.Locale;
import java.util.logging.LogManager;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Trainer;

/**
 * Trains a small throwaway PINN on a daemon thread while the command line, the problem file and the network are read,
 * so that the JIT compiles the training step's code (the fused jet's kernels, the engine's graph and reverse pass,
 * Adam) before the user's training starts; it stops at the end of its epoch once that training begins (or after 3 s).
 * It shares no state with the user's run (its own problem, network and trainer), so results do not change. The
 * tutorial's forward program (10000 epochs), 5 alternating pairs: epoch 1000 reached 1.18 -> 0.90 s after training
 * began and the whole run took 4.15 -> 3.80 s (medians; a Zen 3 with AVX2). On the AVX-512 Zen 4 of session 22 the
 * whole run took the same with it off (2.26 against 2.20 s, 8 alternating rounds), and with 4-17 points instead of 64
 * the user's training afterwards took 1.5-2 times as long (C2 compiled from the small shapes' profiles).
 * {@code -Dsciml4j.warmup=off} turns it off.
 */
final class JitWarmup {
    private JitWarmup() {
    }

    /** The longest a warm-up runs, should nothing stop it. */
    private static final long MAX_NANOS = 3_000_000_000L;

    private static volatile boolean stop;
    private static Thread thread;

    /** Starts the warm-up thread (once per JVM; nothing with {@code -Dsciml4j.warmup=off}). */
    static synchronized void start() {
        if (thread != null || "off".equals(System.getProperty("sciml4j.warmup"))) {
            return;
        }
        thread = begin();
    }

    /**
     * A warm-up thread, started with the stop request cleared: {@link #start}'s once per JVM, or a test's (in a test
     * JVM earlier runs have asked to stop already, and a thread started then ended after one epoch, sometimes before
     * the test could find it).
     */
    static synchronized Thread begin() {
        stop = false;
        Thread t = new Thread(JitWarmup::train, "sciml4j-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Asks the warm-up to stop after its current epoch (the user's training is about to start). */
    static void stop() {
        stop = true;
    }

    private static void train() {
        try {
            // one-time set-ups the training thread would otherwise wait for: java.util.logging (SnakeYAML's logger
            // starts it while the problem file is read; about 10 ms) and the loss lines' formatter (java.util.Formatter
            // and the locale data, 10-20 ms at the first loss line)
            LogManager.getLogManager();
            String.format(Locale.ROOT, "%.3e %.6g %6d", 1.0, 2.0, 3);
            Problem p = Problem.builder().variable("t", 0, 1).fields("u").equation("u_tt + 0.1*u_t + u")
                    .condition(Condition.at("t", 0, "u = 1", "u_t = 0").named("initial"))
                    .collocation(Sampler.uniform(), 64).build();
            Mlp net = Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").seed(1).build();
            long deadline = System.nanoTime() + MAX_NANOS;
            Trainer.builder().adam(1e-3, 100_000).listener(progress -> !stop && System.nanoTime() < deadline).build()
                    .train(p, net);
        } catch (RuntimeException | Error e) {
            // a warm-up only: whatever happens here must not reach the user's run
        }
    }
}
