package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the repository's examples and the shared reference data beside it. */
final class Repo {
    private Repo() {
    }

    /** The repository root: the nearest folder upwards (from {@code sciml4j.repoRoot} or here) with examples/. */
    static Path root() {
        Path dir = Path.of(System.getProperty("sciml4j.repoRoot", "")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/damped-oscillation"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root, with examples/").isNotNull();
        return dir;
    }

    /** {@code examples/<path>}. */
    static Path examples(String path) {
        return root().resolve("examples").resolve(path);
    }

    /** {@code ../shared/data/<path>} beside the repository. */
    static Path sharedData(String path) {
        Path p = root().resolve("../shared/data").resolve(path).normalize();
        assertThat(p).as("../shared/data beside the repository").exists();
        return p;
    }
}
