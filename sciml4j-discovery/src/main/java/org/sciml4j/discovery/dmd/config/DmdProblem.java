package org.sciml4j.discovery.dmd.config;

import java.io.IOException;
import java.nio.file.Path;

import org.sciml4j.discovery.dmd.Snapshots;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;
import org.sciml4j.train.config.YamlDocument;

/** A read {@code dmd} problem file: its data, method and forecast horizon; {@link #run} fits and reports. */
public final class DmdProblem implements RunnableProblem {
    private final YamlDocument doc;
    private final String name;
    private final Snapshots data;
    private final String dataDescription;
    private final MethodSpec method;
    private final int forecast;

    DmdProblem(YamlDocument doc, String name, Snapshots data, String dataDescription, MethodSpec method,
               int forecast) {
        this.doc = doc;
        this.name = name;
        this.data = data;
        this.dataDescription = dataDescription;
        this.method = method;
        this.forecast = forecast;
    }

    @Override
    public String kind() {
        return DmdKind.NAME;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path path() {
        return doc.file();
    }

    @Override
    public String text() {
        return doc.text();
    }

    /** The snapshots (generated, or loaded from the data file, noise included). */
    public Snapshots data() {
        return data;
    }

    /** The method's name, e.g. {@code bop}. */
    public String methodName() {
        return method.name();
    }

    String dataDescription() {
        return dataDescription;
    }

    MethodSpec method() {
        return method;
    }

    int forecast() {
        return forecast;
    }

    @Override
    public int run(RunContext context) throws IOException {
        return new DmdRun(this, context).run();
    }
}
