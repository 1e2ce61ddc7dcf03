package io.pitwall.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountQueryTest {

    private static final TaskColumns COLUMNS = new TaskColumns("id", "kind", "CASE WHEN t.a THEN 'x' END",
            null, null, null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void plainColumnsAreQuotedAndExpressionsWrapped() {
        String sql = CountQuery.exact("\"s\".\"jobs\"", COLUMNS);
        assertEquals("SELECT NULL::text AS queue, t.\"kind\"::text AS kind, (CASE WHEN t.a THEN 'x' END)::text AS raw_state, "
                + "count(*) AS n FROM \"s\".\"jobs\" t GROUP BY 1, 2, 3", sql);
    }

    @Test
    void aMissingKindCountsAsOneKind() {
        TaskColumns noKind = new TaskColumns("id", null, "state", null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertTrue(CountQuery.exact("q", noKind).startsWith("SELECT NULL::text AS queue, ''::text AS kind"));
    }

    @Test
    void samplesReadAboutFiftyThousandRows() {
        assertEquals(5.0, CountQuery.samplePercent(1_000_000));
        assertEquals(100.0, CountQuery.samplePercent(10_000));
        assertEquals(0.01, CountQuery.samplePercent(10_000_000_000L), "never sample less than 0.01 %");
    }

    @Test
    void theQueueFieldSurvivesBindingToATable() {
        TaskColumns withQueue = new TaskColumns("id", "kind", "state", null, null, null, null, null, null, null, null,
                null, null, null, null, "queue");
        assertEquals("queue", withQueue.bind("public", "river_job", null).queue());
        assertEquals("queue", withQueue.bind("absurd", "t_default", "default").queue(),
                "the bound table's queue name does not replace the profile's queue field");
        assertTrue(CountQuery.exact("q", withQueue.bind("public", "river_job", null))
                .startsWith("SELECT t.\"queue\"::text AS queue"));
    }

    @Test
    void identifiersAreQuotedSafely() {
        assertEquals("\"we\"\"ird\"", Identifiers.quote("we\"ird"));
        assertTrue(Identifiers.isPlainColumn("leased_at"));
        assertTrue(!Identifiers.isPlainColumn("t.payload->>'x'"));
    }
}
