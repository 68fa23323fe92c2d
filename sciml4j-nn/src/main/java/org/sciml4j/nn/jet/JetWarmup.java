package org.sciml4j.nn.jet;

import java.util.List;

import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Compiles the fused jet's kernels before a training needs them. The Vector API is fast only once the JIT's C2 tier
 * has compiled a kernel: run by the interpreter or C1, every vector operation allocates, and the first epochs of a
 * small PINN cost tens of milliseconds each (the tutorial's first 50 epochs took about 3 s before this, against 0.1
 * ms per epoch once compiled). A daemon thread trains a small MLP's fused jet (tanh, orders 1 and 2 along two
 * variables, the parameter gradient) while the main thread reads the problem and prepares the run, on the core that
 * start-up leaves idle. It shares no state with the caller's computations (gradient mode is per thread, workspaces
 * come from a synchronised pool and are overwritten), so results are the same bits with or without it.
 */
public final class JetWarmup {
    private JetWarmup() {
    }

    /** Steps of the warm-up: enough for C2 to compile the products' and activations' kernels. */
    static final int STEPS = Integer.getInteger("sciml4j.warmup.steps", 3000);

    /** At most this long, whatever the steps: a slow machine must not lend its second core for long. */
    private static final long BUDGET_NANOS = 3_000_000_000L;

    /** Starts the warm-up on a daemon thread and returns at once; {@code -Dsciml4j.warmup=false} turns it off. */
    public static void start() {
        if (!Boolean.parseBoolean(System.getProperty("sciml4j.warmup", "true"))) {
            return;
        }
        Thread t = new Thread(JetWarmup::run, "sciml4j-warmup");
        t.setDaemon(true);
        t.start();
    }

    static void run() {
        Mlp net = Mlp.builder().sizes(2, 20, 20, 1).activation("tanh").seed(0).build();
        TaylorJet jet = net.taylorJet().orElseThrow();
        List<Tensor> params = net.parameters().trainable();
        Tensor x = Tensor.rand(new Rng(0), 128, 2);
        long end = System.nanoTime() + BUDGET_NANOS;
        for (int i = 0; i < STEPS && System.nanoTime() < end; i++) {
            Tensor[] b = jet.evaluate(x, new int[] {0, 1}, new int[] {2, 1}, 96);
            Tensor loss = b[0].mul(b[0]).sum().add(b[1].mul(b[3]).sum()).add(b[2].mul(b[2]).sum());
            Autodiff.grad(loss, params, null, false);
        }
    }
}
