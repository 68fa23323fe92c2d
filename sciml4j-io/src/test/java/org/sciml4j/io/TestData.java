package org.sciml4j.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the shared reference data and their own fixtures. */
final class TestData {
    private TestData() {
    }

    /**
     * The project root: the system property {@code sciml4j.repoRoot} that surefire sets, else the first directory up
     * from the working directory that has a {@code pom.xml} and a sibling {@code ../shared}.
     */
    static Path repoRoot() {
        String prop = System.getProperty("sciml4j.repoRoot");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop).resolve("../shared"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("../shared"))) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("cannot find the project root (a directory with pom.xml next to ../shared)"
                + " from " + Path.of("").toAbsolutePath());
    }

    /** A file of the shared reference data, e.g. {@code deepxde/Burgers.npz}. */
    static Path shared(String relative) {
        return repoRoot().resolve("../shared/data").resolve(relative).normalize();
    }

    /** A fixture of this module's test resources. */
    static Path fixture(String name) {
        try {
            return Path.of(TestData.class.getResource("/fixtures/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test fixture " + name, e);
        }
    }
}
