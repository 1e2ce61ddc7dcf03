package io.pitwall.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineQueryTest {

    private static TaskColumns keyed(String key) {
        return new TaskColumns("id", null, "state", null, null, null, null, null, null, null, "created_at", null, null,
                null, key, null);
    }

    @Test
    void aKeyThatIsOneColumnIsComparedAsThatColumnSoItsIndexServes() {
        assertEquals("recordid", PipelineQuery.keyColumn(keyed("t.recordid::text")));
        assertEquals("service_instance_id", PipelineQuery.keyColumn(keyed("t.service_instance_id")));
        assertEquals("group_id", PipelineQuery.keyColumn(keyed("group_id")));
        assertNull(PipelineQuery.keyColumn(keyed("t.params->>'group_id'")));
        assertNull(PipelineQuery.keyColumn(keyed("coalesce(t.payload->>'repo_id', t.id::text)")));
        assertTrue(PipelineQuery.tasks("\"perm\".\"record\"", keyed("t.recordid::text"), null, null)
                .contains("WHERE t.\"recordid\" = ?"));
        assertTrue(PipelineQuery.tasks("\"absurd\".\"t_tasks\"", keyed("t.params->>'group_id'"), null, null)
                .contains("WHERE ((t.params->>'group_id'))::text = ?"));
    }

    @Test
    void operatorSearchTextIsLiteralInTheLikePattern() {
        assertEquals("%", PipelineQuery.likePattern("  "));
        assertEquals("%50\\%\\_off%", PipelineQuery.likePattern("50%_off"));
    }
}
