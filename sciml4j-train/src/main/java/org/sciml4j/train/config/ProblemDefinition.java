package org.sciml4j.train.config;

import java.nio.file.Path;

/** A problem file read by its kind's reader: what every kind's definition tells, whatever the model family. */
public interface ProblemDefinition {

    /** The kind that read it, e.g. {@code pinn}. */
    String kind();

    /** The run's name (the file's {@code name:}, else the file name without {@code .yaml}). */
    String name();

    /** The file. */
    Path path();

    /** The file's text as read. */
    String text();
}
