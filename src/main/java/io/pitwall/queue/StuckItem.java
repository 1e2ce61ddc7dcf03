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
 */
public record StuckItem(String profileId, String where, String object, String id, String kind, String owner,
                        String rule, String evidence, Instant since, Duration age, Duration threshold) {
}
