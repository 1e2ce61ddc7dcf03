package io.pitwall.ui.timeline;

import io.pitwall.queue.PipelineSummary;
import io.pitwall.queue.StateCounts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PipelineLabelsTest {

    @Test
    void absurdsTimeOrderedUuidsAreNamedByKindAndADistinctEnd() {
        // v7 uuids made within a millisecond share all but their random end.
        String a = "01a232ec-4892-7a1b-a4e3-10a56c368f83";
        String b = "01a232ec-4892-7a1b-a4e3-10a57c368f83";
        int length = PipelineLabels.suffixLength(List.of(a, b, "G1"));
        assertEquals(8, length, "the last 7 characters are the same; 8 tell them apart");
        String first = PipelineLabels.title(new PipelineSummary("absurd", a, StateCounts.EMPTY, null,
                List.of("convert-uvh5")), length);
        String second = PipelineLabels.title(new PipelineSummary("absurd", b, StateCounts.EMPTY, null,
                List.of("convert-uvh5")), length);
        assertEquals("convert-uvh5 · …6c368f83", first);
        assertNotEquals(first, second);
        assertEquals("Provision +2 · …6c368f83", PipelineLabels.title(new PipelineSummary("cloudgov-broker", a,
                StateCounts.EMPTY, null, List.of("Provision", "Renew", "Update")), length));
    }

    @Test
    void aReadableKeyIsItsOwnName() {
        assertEquals("2025-11-19T04:20:00", PipelineLabels.title(new PipelineSummary("dsa110-absurd",
                "2025-11-19T04:20:00", StateCounts.EMPTY, null, List.of("mosaic")), 6));
        assertEquals(PipelineLabels.MIN_SUFFIX, PipelineLabels.suffixLength(List.of("42", "7")));
    }
}
