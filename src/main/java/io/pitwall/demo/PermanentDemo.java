package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Permanent.org's record table in schema perm: uploads move through needs_processing, processing and, for
 * documents and video, needs_converting and converting, to status.generic.ok. A daemon that dies leaves its
 * record in processing with updateddt no longer moving, which is what seed 003's runbook looks for.
 */
final class PermanentDemo implements DemoSystem {

    private static final List<String> TYPES = List.of("type.record.image", "type.record.image", "type.record.image",
            "type.record.document", "type.record.pdf", "type.record.video", "type.record.audio");
    private static final List<String> NAMES = List.of("IMG_%d.jpg", "IMG_%d.HEIC", "scan_%d.tif", "letter_%d.docx",
            "deed_%d.pdf", "wedding_%d.mov", "interview_%d.m4a");

    @Override
    public String profileId() {
        return "permanent";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/permanent.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (int i = 0; i < 320; i++) {
            int minutesAgo = 20 + random.nextInt(5 * 60);
            int roll = random.nextInt(100);
            String status = roll < 80 ? "status.generic.ok" : roll < 90 ? "status.record.only_meta"
                    : roll < 95 ? "status.generic.error" : "status.generic.deleted";
            insert(connection, random, status, minutesAgo, minutesAgo - 2);
        }
        // A .wmv that needs a person, and daemons that died mid-record: processing and converting, long silent.
        insert(connection, random, "status.generic.manual_review", 95, 90, "home_movie_%d.wmv");
        insert(connection, random, "status.record.processing", 130, 47, null);
        insert(connection, random, "status.record.processing", 64, 38, null);
        insert(connection, random, "status.record.converting", 200, 121, "wedding_%d.mov");
        for (int i = 0; i < 6; i++) {
            insert(connection, random, "status.record.needs_processing", 0, 0);
        }
    }

    private static void insert(Connection connection, Random random, String status, int createdMinutesAgo,
                               int updatedMinutesAgo) throws SQLException {
        insert(connection, random, status, createdMinutesAgo, updatedMinutesAgo, null);
    }

    private static void insert(Connection connection, Random random, String status, int createdMinutesAgo,
                               int updatedMinutesAgo, String namePattern) throws SQLException {
        String name = (namePattern != null ? namePattern : NAMES.get(random.nextInt(NAMES.size())))
                .formatted(1000 + random.nextInt(9000));
        String type = name.endsWith(".jpg") || name.endsWith(".HEIC") || name.endsWith(".tif") ? "type.record.image"
                : name.endsWith(".pdf") ? "type.record.pdf" : name.endsWith(".docx") ? "type.record.document"
                : name.endsWith(".m4a") ? "type.record.audio" : "type.record.video";
        boolean finished = status.startsWith("status.generic.") && !status.endsWith("manual_review");
        Jdbc.update(connection, """
                INSERT INTO perm.record (archiveid, archivenbr, displayname, uploadfilename, size, type, status,
                                         uploadaccountid, createddt, updateddt, processeddt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, now() - make_interval(mins => ?), now() - make_interval(mins => ?),
                        CASE WHEN ? THEN now() - make_interval(mins => ?) END)
                """, 3000L + random.nextInt(40), "0" + (100 + random.nextInt(900)) + "-" + Integer.toHexString(random.nextInt()),
                name.substring(0, name.lastIndexOf('.')), name, 20_000L + random.nextInt(400_000_000), type, status,
                7000L + random.nextInt(300), createdMinutesAgo, updatedMinutesAgo, finished, updatedMinutesAgo);
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(3); i > 0; i--) {
            // Now and then a .wmv, which the converter cannot handle and sends to manual review.
            insert(connection, random, "status.record.uploaded", 0, 0, random.nextInt(40) == 0 ? "home_movie_%d.wmv" : null);
        }
        // The queue daemon: registered uploads are queued for processing.
        Jdbc.update(connection, "UPDATE perm.record SET status = 'status.record.needs_processing', updateddt = now() "
                + "WHERE status = 'status.record.uploaded' AND createddt < now() - interval '1 second'");
        // The process daemon (two at a time) and the converter (one at a time).
        Jdbc.update(connection, """
                UPDATE perm.record SET status = 'status.record.processing', updateddt = now()
                 WHERE recordid IN (SELECT recordid FROM perm.record WHERE status = 'status.record.needs_processing'
                                     ORDER BY createddt LIMIT 2 FOR UPDATE SKIP LOCKED)
                """);
        Jdbc.update(connection, """
                UPDATE perm.record SET status = 'status.record.converting', updateddt = now()
                 WHERE recordid IN (SELECT recordid FROM perm.record WHERE status = 'status.record.needs_converting'
                                     ORDER BY updateddt LIMIT 1 FOR UPDATE SKIP LOCKED)
                """);
        if (random.nextInt(70) == 0) {
            // A daemon dies mid-record: nothing will touch this row again until someone resets it.
            Jdbc.update(connection, "UPDATE perm.record SET updateddt = now() - interval '2 minutes' WHERE recordid = "
                    + "(SELECT recordid FROM perm.record WHERE status = 'status.record.processing' "
                    + "AND updateddt > now() - interval '1 minute' LIMIT 1)");
        }
        String outcome = random.nextInt(18) == 0 ? "status.generic.error" : "status.generic.ok";
        // Live daemons finish what they took a few seconds ago; rows silent for over a minute are abandoned.
        Jdbc.update(connection, """
                UPDATE perm.record SET updateddt = now(),
                       status = CASE WHEN displayname LIKE 'home_movie%' THEN 'status.generic.manual_review'
                                     WHEN type IN ('type.record.video', 'type.record.document')
                                      AND status = 'status.record.processing' THEN 'status.record.needs_converting'
                                     ELSE ? END,
                       processeddt = CASE WHEN type IN ('type.record.video', 'type.record.document')
                                           AND status = 'status.record.processing' THEN NULL ELSE now() END
                 WHERE status IN ('status.record.processing', 'status.record.converting')
                   AND updateddt BETWEEN now() - interval '1 minute' AND now() - interval '3 seconds'
                """, outcome);
    }
}
