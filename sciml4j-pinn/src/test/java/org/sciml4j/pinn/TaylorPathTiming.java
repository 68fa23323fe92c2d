package org.sciml4j.pinn;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.Parameters;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;

/**
 * Per-epoch Adam times of the PINN's derivative paths, run alternately in one JVM (A B A B ...): the fused jet
 * (where it applies), the Taylor transformation, and the nested reverse passes. Not a test (it asserts nothing);
 * run from the repository root, see docs/ARCHITECTURE.md (Taylor mode):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp "$(cat cp.txt)" org.sciml4j.pinn.TaylorPathTiming [epochs] [pairs] [title filter]
 * </pre>
 */
final class TaylorPathTiming {
    private TaylorPathTiming() {
    }

    /** A module that hides the network's fused jet, so the generic path runs on a plain MLP. */
    record Opaque(Module net) implements Module {
        public Tensor forward(Tensor x) {
            return net.forward(x);
        }

        public Parameters parameters() {
            return net.parameters();
        }

        public int inputSize() {
            return net.inputSize();
        }

        public int outputSize() {
            return net.outputSize();
        }

        public Optional<TaylorJet> taylorJet() {
            return Optional.empty();
        }
    }

    record Variant(String name, String derivatives, boolean opaque) {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        only = args.length > 2 ? args[2] : "";
        variantsOnly = args.length > 3 ? args[3] : "";
        String burgers = Files.readString(Path.of("examples/burgers/burgers.yaml"));
        String helmholtz = Files.readString(Path.of("examples/helmholtz/helmholtz-2d.yaml"));
        String kovasznay = Files.readString(Path.of("examples/kovasznay/kovasznay.yaml"));
        List<Variant> generic = List.of(new Variant("taylor", "taylor", true), new Variant("nested", "nested", true));
        List<Variant> withFused = List.of(new Variant("fused", "taylor", false), new Variant("taylor", "taylor", true),
                new Variant("nested", "nested", true));
        bench("burgers (2540+240 points, 2-20-20-20-1 tanh)", burgers, withFused, epochs, pairs);
        bench("kovasznay (3 fields, 2 eq, 2601+... points, 30x3 tanh)", kovasznay, withFused, epochs, pairs);
        bench("helmholtz, modified_mlp 30x3 sin", helmholtz.replace(
                "network: {layers: [30, 30, 30], activation: sin, initializer: glorot_normal}",
                "network: {type: modified_mlp, layers: [30, 30, 30], activation: sin, initializer: glorot_normal}"),
                generic, epochs, pairs);
        bench("helmholtz, fourier_features 32 + 30x3 tanh", helmholtz.replace(
                "network: {layers: [30, 30, 30], activation: sin, initializer: glorot_normal}",
                "network: {layers: [30, 30, 30], activation: tanh, fourier_features: {features: 32, scale: 1}}"),
                generic, epochs, pairs);
        bench("plate (u_xxxx + 2 u_xxyy + u_yyyy, 1000 points, 2-20-20-20-1 tanh)", """
                name: plate
                variables: {x: [0, 1], y: [0, 1]}
                fields: [u]
                equations:
                  - u_xxxx + 2*u_xxyy + u_yyyy = 4*pi^4*sin(pi*x)*sin(pi*y)
                conditions:
                  walls: {at: {x: [0, 1]}, require: [u = 0], points: 100, sampling: hammersley}
                collocation: {points: 1000, sampling: hammersley}
                network: {layers: [20, 20, 20], activation: tanh}
                training: {seed: 0, adam: {lr: 1e-3, epochs: 10}}
                """, generic, Math.max(4, epochs / 4), pairs);
    }

    /** Runs only the problems whose title contains this (all when empty). */
    private static String only = "";
    /** Runs only the variants whose name contains this (all when empty). */
    private static String variantsOnly = "";

    private static void bench(String title, String yaml, List<Variant> variants, int epochs, int pairs) {
        if (!title.contains(only)) {
            return;
        }
        variants = variants.stream().filter(v -> v.name().contains(variantsOnly)).toList();
        ProblemFile file = ProblemFile.parse(yaml, Path.of("examples/burgers/timing.yaml"));
        Problem problem = file.problem();
        double[][] wall = new double[variants.size()][pairs];
        double[][] cpu = new double[variants.size()][pairs];
        double[] loss = new double[variants.size()];
        for (int round = -1; round < pairs; round++) {           // round -1 warms the JIT up, not counted
            for (int v = 0; v < variants.size(); v++) {
                Variant var = variants.get(v);
                Supplier<Module> net = () -> var.opaque() ? new Opaque(file.newNetwork(0)) : file.newNetwork(0);
                System.setProperty("sciml4j.pinn.derivatives", var.derivatives());
                Module m = net.get();
                int e = round < 0 ? Math.max(2, epochs / 4) : epochs;
                long c0 = cpuNanos();
                long w0 = System.nanoTime();
                Solution s = Trainer.builder().adam(1e-3, e).seed(0).build().train(problem, m);
                if (round >= 0) {
                    wall[v][round] = (System.nanoTime() - w0) / 1e6 / e;
                    cpu[v][round] = (cpuNanos() - c0) / 1e6 / e;
                    double[] total = s.history().column("total");
                    loss[v] = total[total.length - 1];
                }
            }
        }
        System.clearProperty("sciml4j.pinn.derivatives");
        System.out.printf("%s, %d Adam epochs x %d alternating rounds, load %.1f%n", title, epochs, pairs,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int v = 0; v < variants.size(); v++) {
            System.out.printf("  %-7s median %8.2f ms/epoch wall, %8.2f ms/epoch CPU  (walls %s)  final loss %.12g%n",
                    variants.get(v).name(), median(wall[v]), median(cpu[v]), round(wall[v]), loss[v]);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static List<Double> round(double[] x) {
        List<Double> r = new ArrayList<>();
        for (double v : x) {
            r.add(Math.round(v * 10) / 10.0);
        }
        return r;
    }
}
