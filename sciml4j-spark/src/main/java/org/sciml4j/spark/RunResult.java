package org.sciml4j.spark;

import java.io.Serializable;

/**
 * What an executor sends back for one run: its exit status, its {@code summary.json} text (empty if none was
 * written), the wall time, and whether it continued from a checkpoint.
 *
 * @param id       the run's name
 * @param status   the exit status of {@code sciml4j run} (0 done, 3 diverged, 130 interrupted)
 * @param summary  the text of the run's summary.json, or "" when the run wrote none
 * @param seconds  the task's wall time in seconds
 * @param resumed  whether the task continued an earlier attempt's checkpoint
 */
public record RunResult(String id, int status, String summary, double seconds, boolean resumed)
        implements Serializable {
}
