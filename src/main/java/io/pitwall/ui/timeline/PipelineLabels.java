package io.pitwall.ui.timeline;

import io.pitwall.queue.PipelineSummary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names for pipelines in the picker. A key that is a uuid says nothing, and Absurd's time-ordered (v7) uuids all
 * begin alike ("01a232ec-…"), so a list of them ending in an ellipsis shows the same text on every row. Such a
 * pipeline is named by its tasks' kind and the shortest end of its key that tells the listed keys apart; any
 * other key (a group, a repo id) is its own name.
 */
final class PipelineLabels {

    static final int MIN_SUFFIX = 6;
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PipelineLabels() {
    }

    static boolean opaque(String key) {
        return key != null && UUID.matcher(key).matches();
    }

    /** The shortest key end, of at least {@link #MIN_SUFFIX} characters, that no two listed uuid keys share. */
    static int suffixLength(List<String> keys) {
        List<String> opaque = keys.stream().filter(PipelineLabels::opaque).distinct().toList();
        for (int length = MIN_SUFFIX; length < 36; length++) {
            Set<String> seen = new HashSet<>();
            boolean distinct = true;
            for (String key : opaque) {
                if (!seen.add(key.substring(key.length() - length))) {
                    distinct = false;
                    break;
                }
            }
            if (distinct) {
                return length;
            }
        }
        return 36;
    }

    /** "convert-uvh5 · …c368f83" for a uuid key, "mosaic +2 · …1a2b3c" for several kinds; the key itself otherwise. */
    static String title(PipelineSummary pipeline, int suffixLength) {
        String key = pipeline.key();
        if (!opaque(key)) {
            return key;
        }
        List<String> kinds = pipeline.kinds();
        String name = kinds.isEmpty() ? "pipeline" : kinds.size() == 1 ? kinds.getFirst()
                : kinds.getFirst() + " +" + (kinds.size() - 1);
        return name + " · …" + key.substring(key.length() - Math.min(suffixLength, key.length()));
    }
}
