package io.pitwall.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stand-ins for absent optional columns replace references on the task alias only, whole names only. */
class OptionalColumnsTest {

    private static final Map<String, String> V9 = Map.of(
            "started_on", "t.startedon",
            "expire_seconds", "extract(epoch FROM t.expire_in)::int",
            "expire_in", "t.expirein");

    @Test
    void referencesOnTheTaskAliasReadTheStandIn() {
        assertEquals("(t.startedon) < now() AND (t.startedon) IS NOT NULL",
                OptionalColumns.apply("t.started_on < now() AND t.\"started_on\" IS NOT NULL", V9));
        assertEquals("(t.startedon)", OptionalColumns.apply("started_on", V9), "a task field that is just the column");
    }

    @Test
    void otherNamesAliasesAndPrefixesAreLeftAlone() {
        String sql = "t.started_on_x + h.started_on + xt.started_on + t.started_onward";
        assertEquals(sql, OptionalColumns.apply(sql, V9));
        assertEquals("t.state = 'x'", OptionalColumns.apply("t.state = 'x'", V9));
    }

    @Test
    void aStandInMayUseAnotherAbsentColumn() {
        assertEquals("(extract(epoch FROM (t.expirein))::int) > 60", OptionalColumns.apply("t.expire_seconds > 60", V9));
    }

    @Test
    void aCycleEnds() {
        Map<String, String> cycle = Map.of("a", "t.b", "b", "t.a");
        String result = OptionalColumns.apply("t.a", cycle);
        assertEquals(true, result.contains("t.a") || result.contains("t.b"), result);
    }

    @Test
    void withNothingAbsentTheSqlIsUntouched() {
        assertEquals("t.started_on", OptionalColumns.apply("t.started_on", Map.of()));
    }
}
