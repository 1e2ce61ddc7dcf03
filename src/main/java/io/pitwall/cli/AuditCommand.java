package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.AuditEntry;
import io.pitwall.runbook.ActionRefused;
import io.pitwall.runbook.Runbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Past actions recorded in pitwall.audit_log, newest first.")
final class AuditCommand implements Callable<Integer> {

    private final Output output;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d",
            description = "how far back: 30m, 12h, 7d or ISO-8601 (PT2H); default ${DEFAULT-VALUE}")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "at most N entries")
    int limit;

    AuditCommand(Output output) {
        this.output = output;
    }


    @Override
    public Integer call() throws Exception {
        Duration window = DurationOption.parse("--since", since);
        try (MonitorSession session = database.openSession(DatabaseOptions.profiles())) {
            Runbook runbook = new Runbook(session);
            List<AuditEntry> entries;
            try {
                entries = runbook.audit(window, limit);
            } catch (ActionRefused e) {
                throw new CliException(ExitCodes.REFUSED, e.getMessage());
            }
            if (database.json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("entries", entries.stream().map(e -> json(e, runbook.whyNoUndo(e))).toList());
                output.json(document);
            } else {
                if (entries.isEmpty()) {
                    output.line("no actions in the last " + since);
                }
                for (AuditEntry e : entries) {
                    output.line(String.format("#%d  %s  %s@%s (%s)%s  %s %s%s  applied %d, skipped %d  \"%s\"", e.id(), e.at(),
                            e.osUser(), e.host(), e.dbUser(), e.connection() == null ? "" : " on " + e.connection(),
                            e.profileId(), e.actionId(),
                            e.isUndo() ? " (undo of #" + e.undoOf() + ")" : "", e.applied(), e.skipped(), e.reason()));
                }
            }
        }
        return ExitCodes.DONE;
    }

    private static Map<String, Object> json(AuditEntry e, String whyNoUndo) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", e.id());
        entry.put("runId", e.runId());
        entry.put("batch", e.batch());
        entry.put("at", e.at().toString());
        entry.put("osUser", e.osUser());
        entry.put("dbUser", e.dbUser());
        entry.put("host", e.host());
        entry.put("connection", e.connection());
        entry.put("profile", e.profileId());
        entry.put("where", e.schema() + "." + e.table() + (e.queue() != null ? " · " + e.queue() : ""));
        entry.put("action", e.actionId());
        entry.put("undoOf", e.undoOf());
        entry.put("undoneBy", e.undoneBy());
        entry.put("reason", e.reason());
        entry.put("selector", tree(e.selectorJson()));
        entry.put("parameters", tree(e.parametersJson()));
        entry.put("sql", e.sql());
        entry.put("matched", e.matched());
        entry.put("applied", e.applied());
        entry.put("skipped", e.skipped());
        entry.put("undoable", whyNoUndo == null);
        if (whyNoUndo != null) {
            entry.put("noUndo", whyNoUndo);
        }
        return entry;
    }

    private static Object tree(String json) {
        try {
            return json == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }
}
