package io.pitwall.monitor.health;

import io.pitwall.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A shithub queue with something on each side of every threshold the checks are tested with:
 * 5 queued (3 repo.push created 30 min ago, 2 email just now), 2 leases 10 min old (stuck: the timeout is
 * 5 min) and 1 fresh one, 6 failures in the last two minutes and 4 more an hour and a half ago.
 */
public final class HealthFixture {

    public static final int QUEUED = 5;
    public static final int QUEUED_REPO_PUSH = 3;
    public static final int STUCK = 2;
    public static final int RECENT_FAILURES = 6;

    private HealthFixture() {
    }

    public static TestDatabase create() throws IOException {
        TestDatabase db = TestDatabase.fresh();
        try (InputStream in = HealthFixture.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        db.execute("""
                INSERT INTO shithub.jobs (kind, state, created_at, updated_at) VALUES
                  ('repo.push', 'queued', now() - interval '30 minutes', now() - interval '30 minutes'),
                  ('repo.push', 'queued', now() - interval '20 minutes', now() - interval '20 minutes'),
                  ('repo.push', 'queued', now() - interval '10 minutes', now() - interval '10 minutes'),
                  ('email', 'queued', now(), now()),
                  ('email', 'queued', now(), now());
                INSERT INTO shithub.jobs (kind, state, leased_by, leased_at) VALUES
                  ('repo.push', 'processing', 'worker-1:101', now() - interval '10 minutes'),
                  ('email', 'processing', 'worker-2:202', now() - interval '10 minutes'),
                  ('email', 'processing', 'worker-3:303', now() - interval '30 seconds');
                INSERT INTO shithub.jobs (kind, state, last_error, updated_at)
                  SELECT 'repo.push', 'failed', 'open /data/repos/' || g || '.git: no space left on device',
                         now() - interval '1 minute'
                  FROM generate_series(1, 6) g;
                INSERT INTO shithub.jobs (kind, state, last_error, updated_at)
                  SELECT 'email', 'failed', 'smtp: connection refused', now() - interval '90 minutes'
                  FROM generate_series(1, 4) g;
                """);
        return db;
    }
}
