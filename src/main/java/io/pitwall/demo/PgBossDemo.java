package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * pg-boss 12 worked by its own statements (see {@link PgBossSql}): three queues, one of them ("video") in its own
 * partition with heartbeats; workers that fetch, touch, complete and fail; a worker that died holding two video jobs,
 * so the expired and heartbeat-timeout rules and the expire action have something to show.
 */
final class PgBossDemo implements DemoSystem {

    private static final List<String> QUEUES = List.of("email", "video", "reports");
    private static final List<String> ERRORS = List.of(
            "{\"name\": \"Error\", \"message\": \"SMTP 421 4.7.0 Try again later\"}",
            "{\"name\": \"Error\", \"message\": \"ffmpeg exited with code 1: moov atom not found\"}",
            "{\"name\": \"TypeError\", \"message\": \"Cannot read properties of null (reading 'rows')\"}",
            "{\"name\": \"Error\", \"message\": \"connect ETIMEDOUT 10.0.7.4:443\"}");
    /** What each live worker holds; a crashed worker's list is dropped with it, its jobs stay active. */
    private final List<List<String[]>> held = List.of(new ArrayList<>(), new ArrayList<>());

    @Override
    public String profileId() {
        return "pg-boss";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/pg-boss.sql");
        // What status advises for exact counts; on the partitioned parent, so every queue's partition gets it.
        Jdbc.update(connection, "CREATE INDEX job_pitwall_active_idx ON pgboss.job (name) WHERE state < 'completed'");
        Jdbc.update(connection, "CREATE INDEX job_pitwall_failed_idx ON pgboss.job (name) WHERE state > 'completed' AND state <> 'cancelled'");
        PgBossSql.createQueue(connection, "email", "{\"policy\": \"standard\", \"retryLimit\": 2}");
        PgBossSql.createQueue(connection, "video", "{\"policy\": \"standard\", \"partition\": true, \"expireInSeconds\": 600, \"heartbeatSeconds\": 30}");
        PgBossSql.createQueue(connection, "reports", "{\"policy\": \"standard\", \"retryLimit\": 0}");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (int i = 0; i < 40; i++) {
            String queue = QUEUES.get(random.nextInt(QUEUES.size()));
            String id = send(connection, random, queue, "");
            if (id != null && id.equals(PgBossSql.fetch(connection, queue))) {
                PgBossSql.complete(connection, queue, id, "{\"ok\": true}");
            }
        }
        for (int i = 0; i < 5; i++) {
            String id = send(connection, random, "reports", "");
            if (id != null && id.equals(PgBossSql.fetch(connection, "reports"))) {
                PgBossSql.fail(connection, "reports", id, ERRORS.get(random.nextInt(ERRORS.size())));
            }
        }
        // The worker that died: two video jobs fetched twenty minutes ago, never touched since.
        for (int i = 0; i < 2; i++) {
            String id = send(connection, random, "video", "");
            if (id != null && id.equals(PgBossSql.fetch(connection, "video"))) {
                Jdbc.update(connection, "UPDATE pgboss.job SET started_on = now() - interval '20 minutes', "
                        + "heartbeat_on = now() - interval '20 minutes' WHERE name = 'video' AND id = ?::uuid", id);
            }
        }
        for (int i = 0; i < 3; i++) {
            send(connection, random, "email", ", \"startAfter\": \"" + (10 + random.nextInt(50)) + " minutes\"");
        }
        for (int i = 0; i < 8; i++) {
            send(connection, random, QUEUES.get(random.nextInt(2)), ", \"singletonKey\": \"user:" + random.nextInt(5) + "\"");
        }
    }

    private static String send(Connection connection, Random random, String queue, String more) throws SQLException {
        return PgBossSql.send(connection, queue, "{\"data\": {\"n\": " + random.nextInt(10_000) + "}" + more + "}");
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(3); i > 0; i--) {
            send(connection, random, QUEUES.get(random.nextInt(QUEUES.size())), "");
        }
        for (List<String[]> jobs : held) {
            for (String[] job : List.copyOf(jobs)) {
                if (random.nextInt(3) == 0) {
                    PgBossSql.touch(connection, job[0], job[1]);
                    continue;
                }
                jobs.remove(job);
                if (random.nextInt(6) == 0) {
                    PgBossSql.fail(connection, job[0], job[1], ERRORS.get(random.nextInt(ERRORS.size())));
                } else {
                    PgBossSql.complete(connection, job[0], job[1], "{\"ok\": true}");
                }
            }
            String queue = QUEUES.get(random.nextInt(QUEUES.size()));
            String id = PgBossSql.fetch(connection, queue);
            if (id != null) {
                jobs.add(new String[]{queue, id});
            }
        }
        if (random.nextInt(150) == 0) {
            // A worker process is killed: what it held stays active until the supervisor expires it.
            held.get(random.nextInt(held.size())).clear();
        }
    }
}
