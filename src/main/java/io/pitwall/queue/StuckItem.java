package io.pitwall.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * Something stuck: a task, or another object that blocks work (a lock, a master row), with the rule that fired
 * and the evidence in words.
 *
 * @param object    "task", or what else it is (e.g. "lock", "master")
 * @param since     when the condition began (lease taken, last heartbeat, last update); null when never
 * @param threshold the limit the rule applied to this row
 * @param queue     the task's queue where one table holds many queues (the profile's tasks.queue), else null
 */
public record StuckItem(String profileId, String where, String object, String id, String kind, String owner,
                        String rule, String evidence, Instant since, Duration age, Duration threshold, String queue) {

    /** Something stuck in a table that holds one queue, or that is not a task. */
    public StuckItem(String profileId, String where, String object, String id, String kind, String owner,
                     String rule, String evidence, Instant since, Duration age, Duration threshold) {
        this(profileId, where, object, id, kind, owner, rule, evidence, since, age, threshold, null);
    }
}
