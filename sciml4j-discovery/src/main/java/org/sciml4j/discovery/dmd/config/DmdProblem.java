package org.sciml4j.discovery.dmd.config;

import java.io.IOException;

import org.sciml4j.discovery.dmd.Snapshots;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.YamlDocument;

/** A read {@code dmd} problem file: its data, method and forecast horizon; {@link #run} fits and reports. */
public final class DmdProblem extends DocumentProblem {
    private final Snapshots data;
    private final String dataDescription;
    private final MethodSpec method;
    private final int forecast;

    DmdProblem(YamlDocument doc, String name, Snapshots data, String dataDescription, MethodSpec method,
               int forecast) {
        super(doc, DmdKind.NAME, name);
        this.data = data;
        this.dataDescription = dataDescription;
        this.method = method;
        this.forecast = forecast;
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

    /** Fitted in closed form: {@code --epochs} does not apply. */
    @Override
    public boolean trainsInEpochs() {
        return false;
    }
}
