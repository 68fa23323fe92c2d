package org.sciml4j.inference.sbi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An external program as simulator, started once per batch: it reads on stdin one line per simulation,
 * {@code seed theta_1 ... theta_D} (whitespace separated, the seed a signed 64-bit integer), and writes on stdout one
 * line per simulation, {@code x_1 ... x_C}, in the same order; it exits with status 0. Lines starting with '#' in its
 * output are skipped. Anything else is refused with a message naming the command, the line and what was wrong.
 */
public final class ProcessSimulator implements Simulator {
    /** How many of its last error lines a failed program's message quotes. */
    private static final int ERROR_LINES = 5;

    private final List<String> command;
    private final Path workingDir;
    private final int outputDim;
    private final double timeoutSeconds;

    /**
     * @param command    the program and its arguments
     * @param workingDir where it runs (e.g. the problem file's folder)
     * @param outputDim  C, the values per output line
     */
    public ProcessSimulator(List<String> command, Path workingDir, int outputDim) {
        this(command, workingDir, outputDim, 0);
    }

    /**
     * @param command        the program and its arguments
     * @param workingDir     where it runs (e.g. the problem file's folder)
     * @param outputDim      C, the values per output line
     * @param timeoutSeconds the longest a batch may take before the program is stopped and the run fails; 0 for no
     *                       limit
     */
    public ProcessSimulator(List<String> command, Path workingDir, int outputDim, double timeoutSeconds) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the simulator command is empty");
        }
        if (!(timeoutSeconds >= 0)) {
            throw new IllegalArgumentException("timeout is the seconds a batch may take (0 for no limit), got "
                    + timeoutSeconds);
        }
        this.command = List.copyOf(command);
        this.workingDir = workingDir;
        this.outputDim = outputDim;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public int outputDim() {
        return outputDim;
    }

    @Override
    public double[][] simulate(double[][] theta, long[] seeds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start the simulator " + command + " in " + workingDir + ": "
                    + (findable(command.get(0), workingDir) ? e.getMessage() : "no such program"), e);
        }
        Thread feeder = new Thread(() -> feed(p, theta, seeds), "simulator-stdin");
        feeder.start();
        Deque<String> errors = new ArrayDeque<>();
        Thread errorReader = new Thread(() -> keepLast(p, errors), "simulator-stderr");
        errorReader.start();
        AtomicBoolean timedOut = new AtomicBoolean();
        if (timeoutSeconds > 0) { // stopping the program closes its output, which ends the reading below
            Thread watchdog = new Thread(() -> {
                try {
                    if (!p.waitFor((long) Math.ceil(timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                        timedOut.set(true);
                        // its children too: one that holds the output open would keep the reading waiting
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "simulator-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                rows.add(parse(line, lineNo));
            }
        }
        try {
            int status = p.waitFor();
            feeder.join();
            errorReader.join();
            if (timedOut.get()) {
                throw new IOException("simulator " + command + " did not finish a batch of " + theta.length
                        + " simulations within its timeout of " + timeoutSeconds + " s; it was stopped");
            }
            if (status != 0) {
                throw new IOException("simulator " + command + " exited with status " + status
                        + (errors.isEmpty() ? "" : "; its last error output: " + String.join(" | ", errors)));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while simulator " + command + " ran", e);
        }
        if (rows.size() != theta.length) {
            throw new IOException("simulator " + command + " wrote " + rows.size() + " data lines for "
                    + theta.length + " parameter lines");
        }
        return rows.toArray(new double[0][]);
    }

    private double[] parse(String line, int lineNo) throws IOException {
        String[] parts = line.split("[\\s,]+");
        if (parts.length != outputDim) {
            throw new IOException("simulator " + command + ", output line " + lineNo + ": " + parts.length
                    + " values, expected " + outputDim);
        }
        double[] x = new double[outputDim];
        for (int j = 0; j < outputDim; j++) {
            try {
                x[j] = Double.parseDouble(parts[j]);
            } catch (NumberFormatException e) {
                throw new IOException("simulator " + command + ", output line " + lineNo + ", value " + (j + 1)
                        + ": not a number: '" + parts[j] + "'");
            }
        }
        return x;
    }

    /** The last {@value #ERROR_LINES} lines the program wrote on standard error, for the message if it fails. */
    private static void keepLast(Process p, Deque<String> lines) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                synchronized (lines) {
                    if (lines.size() == ERROR_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line.strip());
                }
            }
        } catch (IOException e) {
            // the program closed its standard error: nothing more to keep
        }
    }

    /**
     * Whether {@code program} can be started: a path (with a '/') to an executable file, relative to {@code dir}, or
     * a name found as an executable file in a folder of the {@code PATH}.
     */
    public static boolean findable(String program, Path dir) {
        if (program.contains("/")) {
            return Files.isExecutable(dir.resolve(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder).resolve(program))) {
                return true;
            }
        }
        return false;
    }

    private static void feed(Process p, double[][] theta, long[] seeds) {
        try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < theta.length; i++) {
                sb.setLength(0);
                sb.append(seeds[i]);
                for (double t : theta[i]) {
                    sb.append(' ').append(String.format(Locale.ROOT, "%.17g", t));
                }
                w.write(sb.append('\n').toString());
            }
        } catch (IOException e) {
            // the program stopped reading; its exit status or output count reports the failure
        }
    }
}
