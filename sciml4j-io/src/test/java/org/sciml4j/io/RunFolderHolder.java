package org.sciml4j.io;

import java.nio.file.Path;

/** A second process for {@link RunFolderTest}: holds the run folder given as argument until its input closes. */
final class RunFolderHolder {
    private RunFolderHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunFolder folder = RunFolder.open(Path.of(args[0]), RunFolder.Mode.FRESH)) {
            System.out.println("holding " + folder.path());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the test closes our input (or kills us)
            }
        }
    }
}
