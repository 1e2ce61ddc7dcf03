package io.pitwall.monitor;

import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.Fingerprint;
import io.pitwall.queue.TaskFilter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error groups on a real PostgreSQL: one cause is one group whatever file each failure names, a group says which
 * queues its failures are in, and failures with no error text say why there is none.
 */
class ErrorGroupsTest {

    private final FailedReader failed = new FailedReader();

    @Test
    void oneCauseInTwoQueuesIsOneGroupThatNamesBothQueues() throws Exception {
        Fixture solid = Fixture.of("solid-queue");
        // Solid Queue writes a failure as solid_queue_failed_executions.error, the JSON of exception_class, message and
        // backtrace (rails/solid_queue app/models/solid_queue/failed_execution.rb, commit 29e818d9).
        solid.db.execute("""
                SET search_path TO solid_queue;
                INSERT INTO solid_queue_jobs (id, queue_name, class_name, created_at, updated_at)
                SELECT i, CASE WHEN i % 3 = 0 THEN 'mailers' ELSE 'default' END,
                       CASE WHEN i % 2 = 0 THEN 'ReportJob' ELSE 'ActiveStorage::AnalyzeJob' END,
                       now() - make_interval(mins => i), now() - make_interval(mins => i)
                  FROM generate_series(1, 14) i;
                INSERT INTO solid_queue_failed_executions (job_id, error, created_at)
                SELECT i, json_build_object('exception_class', 'Errno::ENOSPC',
                           'message', 'No space left on device @ rb_sysopen - /rails/tmp/storage/blob-' || md5(i::text),
                           'backtrace', json_build_array('/app/models/report.rb:' || i || ':in `render''')
                       )::text, now()
                  FROM generate_series(1, 9) i;
                INSERT INTO solid_queue_failed_executions (job_id, error, created_at)
                SELECT i, json_build_object('exception_class', 'ActiveRecord::RecordNotFound',
                           'message', 'Couldn''t find User with ''id''=' || (4700 + i))::text, now()
                  FROM generate_series(10, 12) i;
                INSERT INTO solid_queue_failed_executions (job_id, error, created_at) VALUES (13, NULL, now()), (14, NULL, now());
                """);
        FailedReader.Grouped grouped = failed.groups(solid.db.dataSource(), solid.binding(), TaskFilter.NONE);

        assertEquals(3, grouped.groups().size(), grouped.groups().stream().map(ErrorGroup::headline).toList().toString());
        ErrorGroup disk = grouped.groups().getFirst();
        assertEquals("Errno::ENOSPC: No space left on device @ rb_sysopen - <path>", disk.fingerprint());
        assertEquals(9, disk.count(), "nine blobs, one cause");
        assertEquals(List.of("default", "mailers"), disk.queues());
        assertEquals("solid-queue", disk.profileId());
        assertNull(disk.note());
        ErrorGroup missing = grouped.groups().get(1);
        assertEquals("ActiveRecord::RecordNotFound: Couldn't find User with 'id'=<n>", missing.fingerprint());
        assertEquals(List.of("default", "mailers"), missing.queues());

        ErrorGroup none = grouped.groups().get(2);
        assertEquals(Fingerprint.NO_TEXT, none.fingerprint());
        assertEquals(2, none.count());
        assertTrue(none.note().contains("the system recorded none for these failures"), none.note());
    }

    @Test
    void aSystemThatKeepsNoErrorTextIsSaidToKeepNone() throws Exception {
        Fixture permanent = Fixture.of("permanent");
        // Permanent.org's record row has a status and no error column (PermanentOrg/stela database/base.sql).
        permanent.db.execute("""
                INSERT INTO perm.record (type, status, createddt, updateddt)
                SELECT 'type.record.image', 'status.generic.error', now() - interval '1 hour', now() - make_interval(mins => i)
                  FROM generate_series(1, 5) i
                """);
        FailedReader.Grouped grouped = failed.groups(permanent.db.dataSource(), permanent.binding(), TaskFilter.NONE);

        assertEquals(1, grouped.groups().size());
        ErrorGroup only = grouped.groups().getFirst();
        assertEquals(5, only.count());
        assertEquals("(no error text): Permanent.org record processing keeps no error text for a failed task "
                + "(its profile reads none); the reason is in the system's own logs", only.headline());
        assertEquals(List.of(permanent.binding().where()), only.queues(), "a table with no queues is its own queue");
    }
}
