package org.sciml4j.pinn.uncertainty;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What the ensemble's outputs need of one trained member, without its network: the figures {@link EnsembleRun#write}
 * spreads and reports. Serializable, so that a member trained elsewhere (a Spark task, sciml4j-spark) sends it back
 * to the process that writes the ensemble.
 *
 * @param index        k, from 0
 * @param seed         its seed, s + k
 * @param prediction   its fields at the evaluation points, N * F values point-major; null when it diverged
 * @param unknowns     its unknowns' values in the problem's order; null when it diverged
 * @param parameters   its unknowns by name, in the problem's order; null when it diverged
 * @param epochs       the epochs it trained (0 when it diverged)
 * @param trainSeconds its training's wall time (0 when it diverged)
 * @param stopReason   why its training ended; null when it diverged
 * @param failure      why it failed (training diverged), else null
 */
public record MemberResult(int index, long seed, double[] prediction, double[] unknowns,
        LinkedHashMap<String, Double> parameters, int epochs, double trainSeconds, String stopReason, String failure)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The figures of a member trained in this process. */
    public static MemberResult of(EnsembleRun.Member m) {
        if (m.failure() != null) {
            return new MemberResult(m.index(), m.seed(), null, null, null, 0, 0, null, m.failure());
        }
        return new MemberResult(m.index(), m.seed(), m.prediction(), m.unknowns(),
                new LinkedHashMap<>(m.solution().parameters()), m.solution().epochs(), m.solution().trainSeconds(),
                m.solution().stopReason(), null);
    }
}
