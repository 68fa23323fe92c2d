package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.config.HostileInputs.Outcome;

/**
 * A seeded mutation fuzz of the example problem files: lines deleted, duplicated, re-indented or swapped; numbers
 * turned into NaN, 1e308, -1, 0 or a word; keys swapped or mistyped; the text truncated; tabs, unicode, control
 * characters and YAML syntax inserted. Each mutant is only read (no training), and must end in a problem or a clear
 * refusal (see {@link HostileInputs#classify}), never an exception of another kind, a stack overflow or a hang.
 */
class ProblemFileFuzzTest {
    static final int CASES = 5000;
    private static final long SEED = 20261202L;

    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_])-?\\d+(\\.\\d*)?([eE][+-]?\\d+)?");
    private static final Pattern KEY = Pattern.compile("([A-Za-z_]+):");
    private static final String[] NUMBERS = {"NaN", ".nan", "1e308", "-1e308", "-1", "0", "abc", "1e-400", ".inf",
        "-.inf", "999999999999", "0x10", "1,5", "", "~", "[]", "{}", "1e5"};
    private static final String[] INSERTS = {"\t", "\u00e9", "\u2212", "\u00a0", "\ud83d\ude00", "\u202e", "\u0000",
        "\u0007", "\u001b", "\r", "\n", "&a ", "*a", "!!java.lang.Object ", "{", "[", ": ", "- ", "#", "'", "\"", "%",
        "|", ">", "? ", "@", "`", ",", "]", "}", "\ufeff", "\\", "\u0085", "\u2028"};

    @Test
    void everyMutantOfTheExamplesEndsCleanly() {
        List<Path> examples = HostileInputs.examples();
        List<String> texts = examples.stream().map(HostileInputs::text).toList();
        List<String> names = examples.stream().map(ProblemFileFuzzTest::name).toList();
        List<int[]> cases = cases(texts);
        // each case has its own seed from its example's name and its number there, so the cases are the same
        // whatever order the threads take them in, and adding an example leaves the other examples' mutants as they were
        Map<Outcome, Long> counts = cases.parallelStream().map(c -> {
            SplittableRandom rng = new SplittableRandom(SEED + 1_000_003L * names.get(c[0]).hashCode() + c[1]);
            int kind = rng.nextInt(MUTATIONS);
            String mutant = mutate(texts.get(c[0]), kind, rng);
            return HostileInputs.classify(mutant, examples.get(c[0]), "mutant " + c[1] + " (mutation " + kind + ") of "
                    + names.get(c[0]));
        }).collect(Collectors.groupingBy(o -> o, () -> new EnumMap<>(Outcome.class), Collectors.counting()));
        System.out.println("problem-file fuzz: " + cases.size() + " mutants of " + examples.size() + " examples: "
                + counts);
        // the fuzz reaches both ends: most mutants are refused, some still read
        assertThat(counts.getOrDefault(Outcome.REFUSED_AT_A_PLACE, 0L)).isGreaterThan(cases.size() / 3);
        assertThat(counts.getOrDefault(Outcome.ACCEPTED, 0L)).isPositive();
    }

    /** An example's path below examples/, with forward slashes: the same name on every machine. */
    private static String name(Path example) {
        return ProblemFileTest.examples().getParent().relativize(example).toString().replace('\\', '/');
    }

    /**
     * The cases {example index, mutant number}: about {@link #CASES} in all, each example's share by its weight (an
     * example that loads a large data file or evaluates on a grid takes several times longer to read, so it gets an
     * eighth of the mutants: the CI time), at least one each.
     */
    private static List<int[]> cases(List<String> texts) {
        int[] weight = new int[texts.size()];
        int total = 0;
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            boolean heavy = t.contains(".npz") || t.contains("data_truth_c") || t.contains("grid:");
            weight[i] = heavy ? 1 : 8;
            total += weight[i];
        }
        List<int[]> cases = new ArrayList<>();
        for (int i = 0; i < weight.length; i++) {
            int count = Math.max(1, (int) Math.round((double) CASES * weight[i] / total));
            for (int j = 0; j < count; j++) {
                cases.add(new int[] {i, j});
            }
        }
        return cases;
    }

    private static final int MUTATIONS = 10;

    /** One mutation of kind {@code kind} (0 to {@link #MUTATIONS} - 1) at a place {@code rng} picks. */
    static String mutate(String text, int kind, SplittableRandom rng) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = rng.nextInt(lines.size());
        switch (kind) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> lines.set(at, replaceOne(lines.get(at), NUMBER, NUMBERS[rng.nextInt(NUMBERS.length)], rng));
            case 3 -> swapKeys(lines, rng);
            case 4 -> {
                return text.substring(0, rng.nextInt(text.length()));
            }
            case 5 -> {
                int c = rng.nextInt(text.length() + 1);
                return text.substring(0, c) + INSERTS[rng.nextInt(INSERTS.length)] + text.substring(c);
            }
            case 6 -> lines.set(at, rng.nextBoolean() ? "  " + lines.get(at) : lines.get(at).replaceFirst("^ {1,2}", ""));
            case 7 -> {
                Matcher k = KEY.matcher(lines.get(at));
                if (k.find() && k.group(1).length() > 1) {
                    int drop = k.start(1) + rng.nextInt(k.group(1).length());
                    lines.set(at, lines.get(at).substring(0, drop) + lines.get(at).substring(drop + 1));
                }
            }
            case 8 -> {
                int other = rng.nextInt(lines.size());
                String s = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, s);
            }
            default -> lines.set(at, replaceOne(lines.get(at), NUMBER, NUMBERS[rng.nextInt(NUMBERS.length)], rng)
                    .replaceFirst("\\d", NUMBERS[rng.nextInt(NUMBERS.length)]));
        }
        return String.join("\n", lines);
    }

    /** Replaces one match of {@code p} in {@code line}, picked at random, with {@code with}. */
    private static String replaceOne(String line, Pattern p, String with, SplittableRandom rng) {
        Matcher m = p.matcher(line);
        List<int[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
        }
        if (found.isEmpty()) {
            return line;
        }
        int[] r = found.get(rng.nextInt(found.size()));
        return line.substring(0, r[0]) + with + line.substring(r[1]);
    }

    /** Swaps the names of two keys, each on a line picked at random. */
    private static void swapKeys(List<String> lines, SplittableRandom rng) {
        int a = rng.nextInt(lines.size());
        int b = rng.nextInt(lines.size());
        Matcher ka = KEY.matcher(lines.get(a));
        Matcher kb = KEY.matcher(lines.get(b));
        if (a != b && ka.find() && kb.find()) {
            String la = lines.get(a);
            String lb = lines.get(b);
            lines.set(a, la.substring(0, ka.start(1)) + kb.group(1) + la.substring(ka.end(1)));
            lines.set(b, lb.substring(0, kb.start(1)) + ka.group(1) + lb.substring(kb.end(1)));
        }
    }
}
