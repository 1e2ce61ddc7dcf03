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
    void theDefaultActivePredicateAndIndexComeFromTheStateMap() {
        TaskColumns plain = new TaskColumns("id", "kind", "state", null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        CountSpec.Predicate active = CountSpec.DEFAULTS.activeFor(plain, java.util.List.of("queued", "it's"),
                "s", "jobs", null);
        assertEquals("t.\"state\" IN ('queued', 'it''s')", active.where());
        assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"jobs_pitwall_active_idx\" ON \"s\".\"jobs\" "
                + "(\"state\") WHERE \"state\" IN ('queued', 'it''s')", active.index());
        assertEquals(CountSpec.DEFAULT_FAILED_EXACT_BELOW,
                CountSpec.DEFAULTS.failedFor(plain, java.util.List.of("failed"), "s", "jobs", null).exactBelow());
        assertEquals(null, CountSpec.DEFAULTS.activeFor(plain, java.util.List.of(), "s", "jobs", null),
                "no active raw state: nothing to count from an index");
    }

    @Test
    void aDerivedStateHasNoDefaultIndexButTheProfileCanNameOne() {
        CountSpec.Predicate derived = CountSpec.DEFAULTS.activeFor(COLUMNS, java.util.List.of("x"), "s", "jobs", null);
        assertEquals(null, derived.index(), "an index over a CASE with now() cannot exist: the profile must say");
        CountSpec given = new CountSpec(new CountSpec.Predicate("t.done_at IS NULL",
                "CREATE INDEX CONCURRENTLY \"{queue}_open\" ON {table} (id) WHERE done_at IS NULL", null), null, null);
        CountSpec.Predicate bound = given.activeFor(COLUMNS, java.util.List.of("x"), "s", "t_q", "q");
        assertEquals("CREATE INDEX CONCURRENTLY \"q_open\" ON \"s\".\"t_q\" (id) WHERE done_at IS NULL", bound.index());
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
