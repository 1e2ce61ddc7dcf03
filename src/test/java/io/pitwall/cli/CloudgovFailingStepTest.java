package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * cloud-gov/external-domain-broker at f8707042: broker/tasks/huey.py's pipeline_operation writes each step's
 * description to operation.step_description before running it, and mark_operation_failed only sets the state to
 * failed; so the failing step is the last step_description (broker/models.py's Operation columns).
 */
class CloudgovFailingStepTest {

    @Test
    void theFailingStepIsTheErrorText() {
        ActionFixture f = new ActionFixture("cloudgov-broker");
        f.db.execute("""
                INSERT INTO service_instance (id, instance_type) VALUES ('si-9', 'cdn_service_instance');
                INSERT INTO operation (service_instance_id, state, action, step_description, updated_at)
                VALUES ('si-9', 'in progress', 'Provision', 'Queuing tasks', now());
                UPDATE operation SET step_description = 'Creating credentials for Lets Encrypt' WHERE service_instance_id = 'si-9';
                UPDATE operation SET state = 'failed' WHERE service_instance_id = 'si-9';
                """);
        JsonNode failed = f.cli("failed", "--profile", "cloudgov-broker").json().at("/profiles/0/failed/0");
        assertEquals("failed at step: Creating credentials for Lets Encrypt", failed.get("error").asText(), failed.toString());
    }
}
