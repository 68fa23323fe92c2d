package org.sciml4j.inference.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

/**
 * Runs an sbi problem file into a folder as {@code sciml4j run} does, without the CLI's shaded jar (the acceptance
 * runs of docs/SBI.md): args FILE OUTDIR.
 */
public final class RunFile {
    private RunFile() {
    }

    public static void main(String[] a) throws Exception {
        SbiProblem p = (SbiProblem) ProblemKinds.read(Path.of(a[0]));
        Path dir = Files.createDirectories(Path.of(a[1]));
        System.exit(p.run(RunContext.of(dir, System.out)));
    }
}
