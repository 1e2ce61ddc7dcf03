package io.pitwall.queue;

import java.time.Instant;
import java.util.List;

/** Failures that share an error fingerprint: how many, of which kinds, since when, and one full message. */
public record ErrorGroup(String fingerprint, long count, List<String> kinds, Instant firstSeen, Instant lastSeen,
                         List<String> ids, String sample) {
}
