package io.pitwall.monitor;

import io.pitwall.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A database with the three skeleton schemas (demo DDL) and a handful of rows whose counts are known. */
public final class SkeletonFixture {

    private SkeletonFixture() {
    }

    public static TestDatabase create() {
        TestDatabase db = TestDatabase.fresh();
        for (String schema : new String[]{"shithub", "dsa110-absurd", "cloudgov-broker"}) {
            db.execute(resource("/io/pitwall/demo/" + schema + ".sql"));
        }
        db.execute("""
                INSERT INTO shithub.jobs (kind, state, leased_by, leased_at) VALUES
                  ('repo.push', 'queued', NULL, NULL), ('repo.push', 'queued', NULL, NULL),
                  ('search.reindex', 'queued', NULL, NULL),
                  ('repo.push', 'processing', 'w1:42', now()), ('repo.push', 'processing', 'w2:43', now() - interval '9 minutes'),
                  ('search.reindex', 'paused', NULL, NULL),
                  ('repo.push', 'completed', NULL, NULL), ('repo.push', 'completed', NULL, NULL),
                  ('search.reindex', 'completed', NULL, NULL), ('search.reindex', 'completed', NULL, NULL),
                  ('repo.push', 'failed', NULL, NULL),
                  ('repo.push', 'exploded', NULL, NULL);
                INSERT INTO absurd.t_tasks (queue_name, task_name, status) VALUES
                  ('dsa110-pipeline', 'imaging', 'pending'), ('dsa110-pipeline', 'mosaic', 'pending'),
                  ('dsa110-pipeline', 'imaging', 'claimed'),
                  ('dsa110-pipeline', 'imaging', 'completed'), ('dsa110-pipeline', 'imaging', 'completed'),
                  ('dsa110-pipeline', 'mosaic', 'completed'),
                  ('dsa110-pipeline', 'convert-uvh5', 'failed'),
                  ('dsa110-pipeline', 'validation', 'cancelled');
                INSERT INTO service_instance (id, instance_type) VALUES ('si-1', 'cdn_service_instance'),
                  ('si-2', 'alb_service_instance');
                INSERT INTO operation (service_instance_id, state, action, canceled_at, updated_at) VALUES
                  ('si-1', 'in progress', 'Renew', NULL, now()),
                  ('si-2', 'in progress', 'Provision', now(), now()),
                  ('si-1', 'succeeded', 'Provision', NULL, now()),
                  ('si-2', 'failed', 'Update', NULL, now());
                """);
        return db;
    }

    public static String resource(String path) {
        try (InputStream in = SkeletonFixture.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
