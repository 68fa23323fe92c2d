package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The JSON text written without Jackson is Jackson's own, character for character, in its pretty layout. */
class JsonTextTest {

    private enum Kind { SMOOTH }

    @Test
    void thePrettyLayoutIsJacksonsForEveryKindOfValue() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("total", 2.6737485417948562E-5);
        inner.put("equation", 0.0054292713366540304);
        inner.put("big", 1.0E22);
        inner.put("plain", 123.5);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "forward \"quoted\" \\ back / slash, tab\tand newline\n, ünïcode");
        m.put("epochs", 10000);
        m.put("long", 1L << 40);
        m.put("float", 0.1f);
        m.put("flag", true);
        m.put("nothing", null);
        m.put("kind", Kind.SMOOTH);
        m.put("empty_map", new LinkedHashMap<>());
        m.put("empty_list", new ArrayList<>());
        m.put("final_loss", inner);
        m.put("ints", new int[] {1, 2, 3});
        m.put("longs", new long[] {4, 5});
        m.put("doubles", new double[] {0.5, -2.0});
        m.put("numbers", List.of(1.5, -3, 0.001));
        m.put("phases", List.of(Map.of("name", "adam"), inner, List.of(List.of(), Map.of())));
        m.put("nested", Map.of("deeper", Map.of("deepest", List.of(inner))));
        String jackson = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        assertThat(JsonText.pretty(m)).isEqualTo(jackson);
        assertThat(JsonText.pretty(List.of())).isEqualTo("[ ]");
        assertThat(JsonText.pretty(Map.of())).isEqualTo("{ }");
    }

    @Test
    void valuesItDoesNotWriteAreLeftToJackson() {
        assertThat(JsonText.pretty(Map.of("x", Double.NaN))).isNull();
        assertThat(JsonText.pretty(Map.of("x", new Object()))).isNull();
        assertThat(JsonText.pretty(Map.of(1, "not a string key"))).isNull();
        assertThat(JsonText.pretty(List.of(Map.of("r", new java.util.Date(0))))).isNull();
    }

    @Test
    void controlCharactersAreEscapedAsSerdeJsonDoes() {
        assertThat(JsonText.string(new StringBuilder(), "a\u0001b").toString()).isEqualTo("\"a\\u0001b\"");
    }
}
