package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million-row shithub jobs table: stuck, the first failed page and a page deep into the list stay well under a
 * second with the index docs/profiles.md recommends (measured figures are printed for the record).
 */
class MillionRowsTest {

    private static Fixture fixture;
    private static Binding binding;

    @BeforeAll
    static void fill() throws Exception {
        fixture = Fixture.of("shithub");
        fixture.db.execute("""
                INSERT INTO shithub.jobs (kind, state, last_error, leased_by, leased_at, created_at, updated_at)
                SELECT (ARRAY['repo.push','search.reindex','notify.fanout','repo.archive'])[1 + i % 4],
                       CASE WHEN i % 50 = 0 THEN 'failed' WHEN i % 5000 = 1 THEN 'processing' ELSE 'completed' END,
                       CASE WHEN i % 50 = 0 THEN 'open /data/repos/' || i || '.git: no space left on device' END,
                       CASE WHEN i % 5000 = 1 THEN 'worker-' || (i % 7) || ':42' END,
                       CASE WHEN i % 5000 = 1 THEN now() - make_interval(secs => i % 900) END,
                       now() - make_interval(secs => 1000000 - i), now() - make_interval(secs => 1000000 - i)
                  FROM generate_series(1, 1000000) i;
                CREATE INDEX jobs_failed_recent_idx ON shithub.jobs (coalesce(updated_at::timestamptz, created_at::timestamptz, 'epoch'::timestamptz) DESC, id DESC)
                 WHERE state = 'failed';
                ANALYZE shithub.jobs;
                """);
        binding = fixture.binding();
    }

    @Test
    void stuckAndFailedPagesStayFast() throws Exception {
        long start = System.nanoTime();
        List<StuckItem> stuck = new StuckReader().read(fixture.db.dataSource(), List.of(binding), List.of(), null);
        long stuckMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(stuck.size() > 50, "leases older than 5 min: " + stuck.size());

        FailedReader reader = new FailedReader();
        start = System.nanoTime();
        TaskPage<FailedTask> first = reader.page(fixture.db.dataSource(), binding, TaskFilter.NONE, null, 200);
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, first.rows().size());

        TaskPage.Cursor after = first.next();
        for (int i = 0; i < 40; i++) {
            after = reader.page(fixture.db.dataSource(), binding, TaskFilter.NONE, after, 200).next();
        }
        start = System.nanoTime();
        TaskPage<FailedTask> deep = reader.page(fixture.db.dataSource(), binding, TaskFilter.NONE, after, 200);
        long deepMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, deep.rows().size());

        start = System.nanoTime();
        reader.page(fixture.db.dataSource(), binding, new TaskFilter("repo.push", "SPACE", null, null), null, 200);
        long filteredMs = (System.nanoTime() - start) / 1_000_000;

        try (var c = fixture.db.dataSource().getConnection();
             var st = io.pitwall.monitor.Statements.prepare(c, "EXPLAIN " + io.pitwall.sql.TaskListQuery.page(binding.qualifiedTable(),
                     binding.profile().tasks(), List.of("failed"), TaskFilter.NONE, null, 201).sql(),
                     List.<Object>of((Object) new String[]{"failed"}, 201));
             var rs = st.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertTrue(plan.toString().contains("Index Scan using jobs_failed_recent_idx"), plan.toString());
        }
        System.err.printf("1M rows: stuck %d ms (%d rows), failed first page %d ms, page 42 %d ms, filtered %d ms%n",
                stuckMs, stuck.size(), firstMs, deepMs, filteredMs);
        assertTrue(stuckMs < 1500 && firstMs < 1500 && deepMs < 1500 && filteredMs < 3000,
                "stuck " + stuckMs + " first " + firstMs + " deep " + deepMs + " filtered " + filteredMs);
    }
}
