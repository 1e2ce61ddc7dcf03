package io.pitwall.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Broadleaf's deployment master working sandbox deployments one at a time under the SCHEDULED_DEPLOY serial lock,
 * advancing each deployment's events 100, 200, ... and its blc_process_status row. Now and then the admin node
 * restarts mid-deployment and strands the lock, or a process ends on an error and leaves its deployment with
 * no process status: the two troubles seed 002's runbook fixes by hand.
 */
final class BroadleafDemo implements DemoSystem {

    private static final List<String> SITES = List.of("site-6d8f4b7c9-x2kqp:8443", "site-6d8f4b7c9-r7mzt:8443");
    private static final List<String> GROUPS = List.of("Holiday pricing", "Homepage banner refresh",
            "Product descriptions: outdoor", "Shipping rates Q4", "Search synonyms", "Clearance category",
            "Promo code WINTER25", "Store locator hours");
    private static final List<String> ACTIONS = List.of("PROMOTE", "APPROVE", "DEPLOY");
    private static final int FINAL_STEP = 400;

    private String admin = "admin-5b9c8d6f7-q4wzl:8444";

    @Override
    public String profileId() {
        return "broadleaf";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/broadleaf.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (String site : SITES) {
            registerNode(connection, site, "SITE");
        }
        registerNode(connection, admin, "ADMIN");
        // An old admin pod from the last release that never deregistered: its heartbeat stopped an hour ago.
        Jdbc.update(connection, """
                INSERT INTO blc_registered_node (node_key, node_type, registered_at, last_heartbeat)
                VALUES ('admin-7c4f9e2a1-hb8nd:8444', 'ADMIN', now() - interval '3 days', now() - interval '61 minutes')
                """);
        Jdbc.update(connection, "INSERT INTO blc_sched_job_master VALUES (1, ?, now() - interval '2 hours'), "
                + "(2, ?, now() - interval '2 hours')", SITES.getFirst(), admin);
        Jdbc.update(connection, "INSERT INTO blc_serial_event_lock VALUES ('SCHEDULED_DEPLOY', 0, now() - interval '3 minutes', "
                + "NULL), ('SOLR_INDEX_REBUILD', 0, now() - interval '40 minutes', NULL)");
        for (int i = 0; i < 36; i++) {
            int minutesAgo = 70 - i * 2;
            boolean failed = i == 9 || random.nextInt(14) == 0;
            long id = newDeployment(connection, random, minutesAgo, failed ? "FAILED" : "COMPLETE");
            Jdbc.update(connection, "UPDATE blc_sndbx_wrkflw_event SET setup_status = ? WHERE workflow_deploy_id = ?",
                    failed ? 200 : FINAL_STEP, id);
            Jdbc.update(connection, """
                    UPDATE blc_process_status SET percent_complete = ?, is_archived = true, description = ?,
                           last_updated = now() - make_interval(mins => ?)
                     WHERE execution_id = ?
                    """, failed ? 50 : 100, failed ? "org.hibernate.exception.LockAcquisitionException: could not "
                    + "execute statement; deadlock detected while promoting SandBox item" : "Deployment complete",
                    minutesAgo - 1, id);
        }
        // Deployments whose process rows were lost in a restart: one PENDING, one stopped IN_PROCESS at step 200.
        // Nothing moves them until an operator inserts a blc_process_status row (seed 002, reason 3).
        long orphan = newDeployment(connection, random, 48, "PENDING");
        Jdbc.update(connection, "DELETE FROM blc_process_status WHERE execution_id = ?", orphan);
        long halfDone = newDeployment(connection, random, 33, "IN_PROCESS");
        Jdbc.update(connection, "UPDATE blc_sndbx_wrkflw_event SET setup_status = 200 WHERE workflow_deploy_id = ?", halfDone);
        Jdbc.update(connection, "DELETE FROM blc_process_status WHERE execution_id = ?", halfDone);
        for (int i = 0; i < 2; i++) {
            newDeployment(connection, random, 0, "PENDING");
        }
    }

    private static void registerNode(Connection connection, String node, String type) throws SQLException {
        Jdbc.update(connection, "INSERT INTO blc_registered_node (node_key, node_type, registered_at, last_heartbeat) "
                + "VALUES (?, ?, now() - interval '5 hours', now())", node, type);
    }

    /** An approved change set: one deployment, its events and items, and the process row that drives it. */
    private static long newDeployment(Connection connection, Random random, int minutesAgo, String status)
            throws SQLException {
        long id;
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO blc_sndbx_wrkflw_deploy (workflow_deployment_id, status, deploy_date)
                VALUES (nextval('blc_sndbx_wrkflw_deploy_seq'), ?, now() - make_interval(mins => ?))
                RETURNING workflow_deployment_id
                """)) {
            statement.setString(1, status);
            statement.setInt(2, minutesAgo);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
        }
        String group = GROUPS.get(random.nextInt(GROUPS.size()));
        for (int e = 0; e < 1 + random.nextInt(2); e++) {
            Jdbc.update(connection, """
                    INSERT INTO blc_sndbx_wrkflw_event (workflow_event_id, workflow_deploy_id, action_type, setup_status)
                    VALUES (nextval('blc_sndbx_wrkflw_event_seq'), ?, ?, 100)
                    """, id, ACTIONS.get(random.nextInt(ACTIONS.size())));
            for (int item = 0; item < 1 + random.nextInt(4); item++) {
                Jdbc.update(connection, """
                        WITH i AS (INSERT INTO blc_sndbx_wrkflw_item (wrkflw_sndbx_item_id, grp_description,
                                                                      scheduled_date, container_id)
                                   VALUES (nextval('blc_sndbx_wrkflw_item_seq'), ?, now() - make_interval(mins => ?), ?)
                                   RETURNING wrkflw_sndbx_item_id)
                        INSERT INTO blc_sndbx_wrkflw_event_item (event_id, item_id)
                        SELECT currval('blc_sndbx_wrkflw_event_seq'), wrkflw_sndbx_item_id FROM i
                        """, group, minutesAgo, 1L + random.nextInt(12));
            }
        }
        Jdbc.update(connection, """
                INSERT INTO blc_process_status (process_status_id, description, execution_id, execution_type,
                       friendly_name, is_archived, is_paused, last_updated, name, percent_complete, process_id, version)
                VALUES (nextval('blc_process_status_seq'), 'Waiting for the SCHEDULED_DEPLOY lock', ?,
                        'APPROVAL_PROCESS_TYPE', ?, false, false, now() - make_interval(mins => ?), 'SCHEDULED_DEPLOY',
                        0, currval('blc_process_status_seq'), 1)
                """, id, group, minutesAgo);
        return id;
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        Jdbc.update(connection, "UPDATE blc_registered_node SET last_heartbeat = now() WHERE node_key = ANY (?::text[])",
                connection.createArrayOf("text", new Object[] {SITES.get(0), SITES.get(1), admin}));
        if (random.nextInt(4) == 0) {
            newDeployment(connection, random, 0, "PENDING");
        }
        Jdbc.update(connection, "UPDATE blc_sched_job_master SET date_updated = now() WHERE node_key = ?", admin);
        if (random.nextInt(160) == 0 && holdsLock(connection)) {
            restartAdmin(connection, random);
            return;
        }
        if (!isDeploymentMaster(connection)) {
            // Master election: the live admin node takes the deployment role once the old master stops beating.
            Jdbc.update(connection, """
                    UPDATE blc_sched_job_master m SET node_key = ?, date_updated = now()
                     WHERE sched_job_master_id = 2 AND NOT EXISTS (
                           SELECT 1 FROM blc_registered_node n WHERE n.node_key = m.node_key
                              AND n.last_heartbeat > now() - interval '30 seconds')
                    """, admin);
            return;
        }
        // Nobody else clears a stranded lock; after five minutes the demo's on-call does, so it keeps moving.
        Jdbc.update(connection, "UPDATE blc_serial_event_lock SET lock_val = 0, date_updated = now() "
                + "WHERE key_val = 'SCHEDULED_DEPLOY' AND lock_val = 1 AND node_key <> ? "
                + "AND date_updated < now() - interval '5 minutes'", admin);
        Long current = inProcess(connection);
        if (current == null) {
            startNext(connection);
        } else {
            advance(connection, random, current);
        }
    }

    private boolean holdsLock(Connection connection) throws SQLException {
        return Jdbc.update(connection, "UPDATE blc_serial_event_lock SET date_updated = date_updated "
                + "WHERE key_val = 'SCHEDULED_DEPLOY' AND lock_val = 1 AND node_key = ?", admin) > 0;
    }

    private boolean isDeploymentMaster(Connection connection) throws SQLException {
        return Jdbc.update(connection, "UPDATE blc_sched_job_master SET date_updated = now() "
                + "WHERE sched_job_master_id = 2 AND node_key = ?", admin) > 0;
    }

    /** The admin pod is replaced mid-deployment: the lock and the master row still name the old pod. */
    private void restartAdmin(Connection connection, Random random) throws SQLException {
        admin = "admin-5b9c8d6f7-" + Integer.toString(36 * 36 * 36 + random.nextInt(36 * 36 * 36 * 35), 36) + ":8444";
        registerNode(connection, admin, "ADMIN");
        Jdbc.update(connection, "UPDATE blc_registered_node SET registered_at = now() WHERE node_key = ?", admin);
    }

    private static Long inProcess(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT d.workflow_deployment_id FROM blc_sndbx_wrkflw_deploy d
                 WHERE d.status = 'IN_PROCESS'
                   AND EXISTS (SELECT 1 FROM blc_process_status p WHERE p.execution_id = d.workflow_deployment_id)
                 ORDER BY d.deploy_date LIMIT 1
                """); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : null;
        }
    }

    /** Takes the serial lock and starts the oldest pending deployment that has a process row. */
    private void startNext(Connection connection) throws SQLException {
        int locked = Jdbc.update(connection, "UPDATE blc_serial_event_lock SET lock_val = 1, node_key = ?, "
                + "date_updated = now() WHERE key_val = 'SCHEDULED_DEPLOY' AND lock_val = 0", admin);
        if (locked == 0) {
            return;
        }
        int started = Jdbc.update(connection, """
                UPDATE blc_sndbx_wrkflw_deploy SET status = 'IN_PROCESS'
                 WHERE workflow_deployment_id = (
                       SELECT d.workflow_deployment_id FROM blc_sndbx_wrkflw_deploy d
                        WHERE d.status = 'PENDING'
                          AND EXISTS (SELECT 1 FROM blc_process_status p WHERE p.execution_id = d.workflow_deployment_id)
                        ORDER BY d.deploy_date, d.workflow_deployment_id LIMIT 1)
                """);
        if (started == 0) {
            Jdbc.update(connection, "UPDATE blc_serial_event_lock SET lock_val = 0, date_updated = now() "
                    + "WHERE key_val = 'SCHEDULED_DEPLOY'");
        }
    }

    private void advance(Connection connection, Random random, long id) throws SQLException {
        if (random.nextInt(45) == 0 && Jdbc.update(connection, """
                UPDATE blc_sndbx_wrkflw_deploy SET status = status WHERE workflow_deployment_id = ?
                   AND (SELECT count(*) FROM blc_sndbx_wrkflw_deploy d WHERE d.status = 'IN_PROCESS'
                          AND NOT EXISTS (SELECT 1 FROM blc_process_status p
                                           WHERE p.execution_id = d.workflow_deployment_id)) < 3
                """, id) > 0) {
            // The process ends on an unexpected server error: its row is gone and the deployment is left IN_PROCESS.
            Jdbc.update(connection, "DELETE FROM blc_process_status WHERE execution_id = ?", id);
            releaseLock(connection);
            return;
        }
        Jdbc.update(connection, "UPDATE blc_sndbx_wrkflw_event SET setup_status = least(setup_status + 100, ?) "
                + "WHERE workflow_deploy_id = ?", FINAL_STEP, id);
        Jdbc.update(connection, """
                UPDATE blc_process_status SET percent_complete = least(percent_complete + 25, 100), last_updated = now(),
                       description = 'Promoting sandbox items', version = version + 1
                 WHERE execution_id = ?
                """, id);
        boolean done = Jdbc.update(connection, "UPDATE blc_sndbx_wrkflw_event SET setup_status = setup_status "
                + "WHERE workflow_deploy_id = ? AND setup_status < ?", id, FINAL_STEP) == 0;
        if (done) {
            boolean failed = random.nextInt(12) == 0;
            Jdbc.update(connection, "UPDATE blc_sndbx_wrkflw_deploy SET status = ? WHERE workflow_deployment_id = ?",
                    failed ? "FAILED" : "COMPLETE", id);
            Jdbc.update(connection, "UPDATE blc_process_status SET is_archived = true, description = ? WHERE execution_id = ?",
                    failed ? "org.springframework.dao.DataIntegrityViolationException: could not execute statement; "
                            + "duplicate key value violates unique constraint \"uk_blc_product_url\""
                            : "Deployment complete", id);
            releaseLock(connection);
        }
    }

    private void releaseLock(Connection connection) throws SQLException {
        Jdbc.update(connection, "UPDATE blc_serial_event_lock SET lock_val = 0, date_updated = now() "
                + "WHERE key_val = 'SCHEDULED_DEPLOY' AND node_key = ?", admin);
    }
}
