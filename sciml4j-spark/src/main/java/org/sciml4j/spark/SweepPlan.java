package org.sciml4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.sciml4j.train.config.ProblemKinds;
import org.yaml.snakeyaml.Yaml;

/**
 * The runs of a sweep: the grid's combinations (every one, or {@code random} of them drawn without replacement under
 * a seed), each repeated for every seed. Every run's text is read through {@link ProblemKinds} here, on the driver,
 * so that a wrong override is reported at its line and column before anything is sent to Spark.
 */
public final class SweepPlan {
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
            texts.add(v instanceof Double d ? Double.toString(d) : yaml.dump(v).strip());
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
        List<LinkedHashMap<String, String>> combos = combinations(grids);
        if (random > 0 && random < combos.size()) {
            SplittableRandom rng = new SplittableRandom(drawSeed);
            for (int i = 0; i < random; i++) { // partial Fisher-Yates: the first `random` are a uniform draw
                int j = i + rng.nextInt(combos.size() - i);
                combos.set(i, combos.set(j, combos.get(i)));
            }
            combos = new ArrayList<>(combos.subList(0, random));
        }
        List<RunSpec> runs = new ArrayList<>();
        for (LinkedHashMap<String, String> combo : combos) {
            String runText = Overrides.apply(text, combo);
            try {
                ProblemKinds.parse(runText, file);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("with the overrides " + combo + ": " + e.getMessage(), e);
            }
            for (int s = 0; s < Math.max(1, seeds); s++) {
                String id = String.format(Locale.ROOT, "r%03d", runs.size());
                runs.add(new RunSpec(id, runText, file.toString(), combo, seeds > 0 ? (long) s : null));
            }
        }
        return runs;
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
