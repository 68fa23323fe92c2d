package org.sciml4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each optimiser phase of a training did, for a run's summary: its name, the epochs or iterations it ran, its
 * wall time in this process and the total loss at its last epoch. A listener: pass it (or forward to it) as the
 * trainer's listener. After a resume the phase in progress counts its iterations from the phase's start (the earlier
 * process's included) and its time from the resume.
 */
public final class PhaseLog implements TrainingListener {
    private final List<Map<String, Object>> phases = new ArrayList<>();
    private String name;
    private int before;
    private int lastEpoch;
    private double lastLoss = Double.NaN;
    private long start;

    @Override
    public void onPhaseStart(Phase phase, int epochsBefore, int done) {
        close();
        name = phase.name();
        before = epochsBefore;
        lastEpoch = epochsBefore + done;
        lastLoss = Double.NaN;
        start = System.nanoTime();
    }

    @Override
    public boolean onEpoch(Progress p) {
        lastEpoch = p.epoch();
        lastLoss = p.total();
        return true;
    }

    @Override
    public void onEnd() {
        close();
    }

    /**
     * The phases run so far, in order: {@code {name, iterations, seconds, final_loss}} each (final_loss NaN when the
     * phase logged no epoch).
     */
    public List<Map<String, Object>> phases() {
        List<Map<String, Object>> all = new ArrayList<>(phases);
        if (name != null) {
            all.add(entry());
        }
        return all;
    }

    private void close() {
        if (name != null) {
            phases.add(entry());
            name = null;
        }
    }

    private Map<String, Object> entry() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("iterations", lastEpoch - before);
        e.put("seconds", (System.nanoTime() - start) * 1e-9);
        e.put("final_loss", lastLoss);
        return e;
    }
}
