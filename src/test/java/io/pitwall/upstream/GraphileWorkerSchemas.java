package io.pitwall.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Graphile Worker before migration 000016 renamed its tables (0.13 to 0.15; graphile/worker sql/000011.sql and
 * force_unlock_workers from 000015.sql; commit abfb4cff): the demo's schema (graphile-worker.sql) with the old
 * table names and migration count, and no jobs view.
 */
public final class GraphileWorkerSchemas {

    private GraphileWorkerSchemas() {
    }

    public static String legacy(boolean withForceUnlock) {
        String sql;
        try (InputStream in = GraphileWorkerSchemas.class.getResourceAsStream("/io/pitwall/demo/graphile-worker.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql = sql.substring(0, sql.indexOf("CREATE VIEW graphile_worker.jobs"))
                .replace("generate_series(1, 19)", "generate_series(1, " + (withForceUnlock ? 15 : 14) + ")")
                .replace("._private_", ".");
        if (!withForceUnlock) {
            sql = sql.substring(0, sql.indexOf("CREATE FUNCTION graphile_worker.force_unlock_workers"));
        }
        return sql;
    }
}
