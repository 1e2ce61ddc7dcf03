package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The domain broker's operation table with pipelines that write step_description (bumping updated_at) as each
 * step starts. Some pipelines are lost with their worker and stall, as docs/operational.md describes.
 */
final class CloudgovDemo implements DemoSystem {

    private static final List<String> TYPES = List.of("cdn_service_instance", "alb_service_instance",
            "cdn_dedicated_waf_service_instance");
    private static final List<String> STEPS = List.of("Queuing tasks", "Creating credentials for Lets Encrypt",
            "Initiating Lets Encrypt challenges", "Provisioning CloudFront distribution",
            "Waiting for CloudFront distribution", "Uploading certificate to IAM", "Updating DNS TXT records",
            "Complete!");
    private static final List<String> ACTIONS = List.of("Provision", "Renew", "Update", "Deprovision");

    @Override
    public String profileId() {
        return "cloudgov-broker";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/cloudgov-broker.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (int i = 0; i < 40; i++) {
            Jdbc.update(connection, """
                    INSERT INTO service_instance (id, instance_type, domain_names, created_at)
                    VALUES (?, ?, jsonb_build_array(?::text), now() - make_interval(days => ?))
                    """, new UUID(random.nextLong(), random.nextLong()).toString(), TYPES.get(random.nextInt(TYPES.size())),
                    "www." + List.of("usda", "nasa", "gsa", "nih", "epa", "fec", "ssa").get(i % 7) + i + ".gov",
                    1 + random.nextInt(300));
        }
        for (int i = 0; i < 60; i++) {
            int ageMinutes = 30 + random.nextInt(24 * 60);
            boolean failed = random.nextInt(10) == 0;
            Jdbc.update(connection, """
                    INSERT INTO operation (service_instance_id, state, action, step_description, created_at, updated_at)
                    SELECT id, ?, ?, ?, now() - make_interval(mins => ?), now() - make_interval(mins => ?)
                      FROM service_instance ORDER BY random() LIMIT 1
                    """, failed ? "failed" : "succeeded", ACTIONS.get(random.nextInt(ACTIONS.size())),
                    failed ? "Initiating Lets Encrypt challenges" : "Complete!", ageMinutes, ageMinutes - 8);
        }
        // Lost pipelines: two stalled past the scanner's 15 minutes, one inserted by hand without updated_at,
        // and one an operator cancelled four minutes ago (too early to restart).
        stuckOperation(connection, "Renew", "Waiting for CloudFront distribution", 22, null);
        stuckOperation(connection, "Provision", "Uploading certificate to IAM", 41, null);
        Jdbc.update(connection, """
                INSERT INTO operation (service_instance_id, state, action, created_at)
                SELECT id, 'in progress', 'Deprovision', now() - interval '50 minutes'
                  FROM service_instance WHERE id NOT IN (SELECT service_instance_id FROM operation
                                                          WHERE state = 'in progress') LIMIT 1
                """);
        stuckOperation(connection, "Update", "Provisioning CloudFront distribution", 9, 4);
    }

    private static void stuckOperation(Connection connection, String action, String step, int silentMinutes,
                                       Integer canceledMinutesAgo) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO operation (service_instance_id, state, action, step_description, created_at, updated_at,
                                       canceled_at)
                SELECT id, 'in progress', ?, ?, now() - make_interval(mins => ? + 20), now() - make_interval(mins => ?),
                       CASE WHEN ?::int IS NULL THEN NULL ELSE now() - make_interval(mins => ?::int) END
                  FROM service_instance WHERE id NOT IN (SELECT service_instance_id FROM operation
                                                          WHERE state = 'in progress') LIMIT 1
                """, action, step, silentMinutes, silentMinutes, canceledMinutesAgo, canceledMinutesAgo);
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        if (random.nextInt(4) == 0) {
            Jdbc.update(connection, """
                    INSERT INTO operation (service_instance_id, action, step_description, updated_at)
                    SELECT id, ?, 'Queuing tasks', now() FROM service_instance
                     WHERE deactivated_at IS NULL
                       AND id NOT IN (SELECT service_instance_id FROM operation WHERE state = 'in progress')
                     ORDER BY random() LIMIT 1
                    """, ACTIONS.get(random.nextInt(3)));
        }
        // Each live pipeline starts its next step: the pipeline_operation wrapper writes step_description.
        try (var select = connection.prepareStatement("""
                SELECT id, step_description FROM operation
                 WHERE state = 'in progress' AND canceled_at IS NULL AND updated_at > now() - interval '1 minute'
                   AND updated_at < now() - interval '2 seconds'
                """); var rows = select.executeQuery()) {
            while (rows.next()) {
                int id = rows.getInt(1);
                int step = Math.max(0, STEPS.indexOf(rows.getString(2)));
                if (random.nextInt(40) == 0) {
                    // The Huey consumer was killed: the rest of this pipeline is gone, so updated_at stops moving.
                    Jdbc.update(connection, "UPDATE operation SET updated_at = now() - interval '70 seconds' WHERE id = ?", id);
                } else if (random.nextInt(30) == 0) {
                    Jdbc.update(connection, "UPDATE operation SET state = 'failed', updated_at = now() WHERE id = ?", id);
                } else if (step + 1 >= STEPS.size() - 1) {
                    Jdbc.update(connection, "UPDATE operation SET state = 'succeeded', step_description = 'Complete!', "
                            + "updated_at = now() WHERE id = ?", id);
                } else {
                    Jdbc.update(connection, "UPDATE operation SET step_description = ?, updated_at = now() WHERE id = ?",
                            STEPS.get(step + 1), id);
                }
            }
        }
    }
}
