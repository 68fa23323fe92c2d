package org.sciml4j.cli;

import org.sciml4j.tensor.kernel.MatMul;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.VectorWidth;
import picocli.CommandLine.Command;

/** Prints the runtime: Java, cores, the heap, and which kernels and BLAS sciml4j uses. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Java runtime, cores, the heap and the numerical kernels in use.")
final class InfoCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("sciml4j 0.1.0-SNAPSHOT");
        System.out.println("java: " + System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
        System.out.println("heap: at most " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB (the sciml4j command's default: half the machine's memory; change with SCIML4J_JAVA_OPTS=-Xmx..)");
        System.out.println("kernel threads: " + Parallel.describe());
        System.out.println("vector width: " + VectorWidth.describe());
        System.out.println("small matrix products: " + MatMul.smallKernelName());
        System.out.println("BLAS (large products): " + MatMul.blasName());
    }
}
