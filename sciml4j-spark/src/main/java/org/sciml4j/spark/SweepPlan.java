package org.sciml4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.Yaml;

/**
 * The runs of a sweep: the grid's combinations (every one, or {@code random} of them drawn without replacement under
 * a seed), each repeated for every seed. Every run's text is read through {@link ProblemKinds} here, on the driver,
 * so that a wrong override is reported at its line and column before anything is sent to Spark.
 */
public final class SweepPlan {
    /** The most runs a sweep makes (combinations x seeds): a run is a Spark task, a folder and a row. */
    public static final int MAX_RUNS = 100_000;

    private SweepPlan() {
    }

    /**
     * Parses a grid option {@code path=[v1,v2,...]} into the path and its values as YAML text.
     *
     * @throws IllegalArgumentException if the values are not a non-empty YAML list
     */
    public static Map.Entry<String, List<String>> grid(String option) {
        Map.Entry<String, String> e = Overrides.split(option);
        Object values = Overrides.value(e.getKey(), e.getValue());
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("--grid " + option + ": the values must be a non-empty list, e.g. "
                    + e.getKey() + "=[1e-3,3e-3]");
        }
        Yaml yaml = new Yaml();
        List<String> texts = new ArrayList<>();
        for (Object v : list) {
            String t = v instanceof Double d ? Double.toString(d) : yaml.dump(v).strip();
            if (texts.contains(t)) { // the same run twice: a wasted task and a mean that counts it twice
                throw new IllegalArgumentException("--grid " + option + ": the value " + t + " is given twice");
            }
            texts.add(t);
        }
        return Map.entry(e.getKey(), texts);
    }

    /**
     * The runs of a sweep.
     *
     * @param file       the problem file
     * @param text       its text
     * @param grids      path to its values, in the order given
     * @param seeds      seeds 0..seeds-1 for every combination, or 0 to keep the file's seed
     * @param random     draw this many combinations at random (0: all of them)
     * @param drawSeed   the seed of the random draw
     * @return the runs, ids r000, r001, ... in order
     */
    public static List<RunSpec> runs(Path file, String text, Map<String, List<String>> grids, int seeds, int random,
            long drawSeed) {
        YamlDocument.parse(text, file); // not YAML: placed at the file's own line, before the overrides rewrite it
        List<LinkedHashMap<String, String>> combos = new ArrayList<>();
        for (long i : chosen(grids, Math.max(1, seeds), random, drawSeed)) {
            combos.add(combination(grids, i));
        }
        List<RunSpec> runs = new ArrayList<>();
        for (LinkedHashMap<String, String> combo : combos) {
            String runText;
            try {
                runText = Overrides.apply(text, combo);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            check(file, text, runText, combo);
            for (int s = 0; s < Math.max(1, seeds); s++) {
                String id = String.format(Locale.ROOT, "r%03d", runs.size());
                runs.add(new RunSpec(id, runText, file.toString(), combo, seeds > 0 ? (long) s : null));
            }
        }
        return runs;
    }

    /**
     * Reads a run's text through {@link ProblemKinds}. The rewritten text's lines are not the file's: a mistake the
     * file itself holds is reported at its own line, any other with the overrides and the rewritten line.
     */
    private static void check(Path file, String text, String runText, Map<String, String> combo) {
        try {
            ProblemKinds.parse(runText, file);
        } catch (ProblemFileException e) {
            try {
                ProblemKinds.parse(text, file);
            } catch (ProblemFileException own) {
                if (own.problem().equals(e.problem())) {
                    throw own;
                }
            }
            String m = e.getMessage();
            throw new IllegalArgumentException(file + " with the overrides " + combo + ": " + e.problem()
                    + (m.indexOf('\n') >= 0 ? m.substring(m.indexOf('\n')) : ""), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("with the overrides " + combo + ": " + e.getMessage(), e);
        }
    }

    /**
     * The indices of the combinations to run: all of them, or {@code random} drawn without replacement (a partial
     * Fisher-Yates shuffle of the indices, kept sparse so that a large grid is not built whole).
     *
     * @throws IllegalArgumentException if the sweep would make more than {@link #MAX_RUNS} runs
     */
    static List<Long> chosen(Map<String, List<String>> grids, int seeds, int random, long drawSeed) {
        long count = 1;
        for (List<String> values : grids.values()) {
            count = count > Integer.MAX_VALUE ? count : count * values.size(); // saturates above 2^31
        }
        long picked = random > 0 ? Math.min(random, count) : count;
        if ((double) picked * seeds > MAX_RUNS || random > 0 && random < count && count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the sweep would make " + (count > Integer.MAX_VALUE ? "more than "
                    + Integer.MAX_VALUE : Long.toString(picked * seeds)) + " runs (" + (random > 0 ? "--random "
                    + random + " of " : "") + count + " grid combinations" + (seeds > 1 ? " x --seeds " + seeds : "")
                    + "), more than the limit of " + MAX_RUNS + "; give fewer values, fewer seeds or a smaller"
                    + " --random");
        }
        List<Long> chosen = new ArrayList<>();
        if (random <= 0 || random >= count) {
            for (long i = 0; i < count; i++) {
                chosen.add(i);
            }
            return chosen;
        }
        SplittableRandom rng = new SplittableRandom(drawSeed);
        Map<Integer, Integer> moved = new HashMap<>(); // position -> index, where the shuffle moved one
        for (int i = 0; i < random; i++) { // partial Fisher-Yates: the first `random` are a uniform draw
            int j = i + rng.nextInt((int) count - i);
            int at = moved.getOrDefault(j, j);
            moved.put(j, moved.getOrDefault(i, i));
            chosen.add((long) at);
        }
        return chosen;
    }

    /** Combination {@code index} of the grids' values, the last grid varying fastest. */
    static LinkedHashMap<String, String> combination(Map<String, List<String>> grids, long index) {
        List<Map.Entry<String, List<String>>> g = new ArrayList<>(grids.entrySet());
        String[] values = new String[g.size()];
        long rest = index;
        for (int k = g.size() - 1; k >= 0; k--) {
            List<String> v = g.get(k).getValue();
            values[k] = v.get((int) (rest % v.size()));
            rest /= v.size();
        }
        LinkedHashMap<String, String> combo = new LinkedHashMap<>();
        for (int k = 0; k < values.length; k++) {
            combo.put(g.get(k).getKey(), values[k]);
        }
        return combo;
    }

    /** Every combination of the grids' values, the last grid varying fastest. */
    static List<LinkedHashMap<String, String>> combinations(Map<String, List<String>> grids) {
        List<LinkedHashMap<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> g : grids.entrySet()) {
            List<LinkedHashMap<String, String>> next = new ArrayList<>();
            for (LinkedHashMap<String, String> c : combos) {
                for (String v : g.getValue()) {
                    LinkedHashMap<String, String> d = new LinkedHashMap<>(c);
                    d.put(g.getKey(), v);
                    next.add(d);
                }
            }
            combos = next;
        }
        return combos;
    }
}
