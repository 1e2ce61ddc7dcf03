package io.pitwall.monitor.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.health.HealthFixture;
import io.pitwall.monitor.health.HealthReader;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/alerting: the rules pass promtool's check and their own unit tests (each alert on both sides of its
 * threshold), the dashboard's queries are valid PromQL, and every metric either names is one the endpoint serves.
 */
class AlertingDocsTest {

    private static final Path DOCS = Path.of("docs", "alerting");
    private static final Pattern METRIC = Pattern.compile("\\bpitwall_[a-z_]+\\b");

    @TempDir
    Path temp;

    @Test
    void rulesPassPromtoolCheck() throws Exception {
        Promtool.Result result = Promtool.run(null, "check", "rules", DOCS.resolve("pitwall-rules.yml").toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS: 6 rules found"), result.output());
    }

    @Test
    void rulesFireOnOneSideOfTheirThresholdsOnly() throws Exception {
        Promtool.Result result = Promtool.run(null, "test", "rules", DOCS.resolve("pitwall-rules.test.yml").toString());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void dashboardQueriesAreValidPromQl() throws Exception {
        List<String> expressions = dashboardExpressions();
        assertTrue(expressions.size() >= 10, "every panel has a query: " + expressions);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: pitwall_dashboard_panel_").append(i).append('\n')
                    .append("        expr: ").append(new ObjectMapper().writeValueAsString(expressions.get(i))).append('\n');
        }
        Path file = temp.resolve("dashboard-as-rules.yml");
        Files.writeString(file, rules);
        Promtool.Result result = Promtool.run(null, "check", "rules", file.toString());
        assertEquals(0, result.exitCode(), result.output() + "\n" + rules);
    }

    @Test
    void everyMetricTheDocsNameIsServed() throws Exception {
        Set<String> named = new TreeSet<>();
        dashboardExpressions().forEach(e -> named.addAll(metrics(e)));
        named.addAll(metrics(Files.readString(DOCS.resolve("pitwall-rules.yml"))));
        named.addAll(metrics(Files.readString(Path.of("docs", "alerting.md"))));
        TestDatabase db = HealthFixture.create();
        try (MonitorSession session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(db.url())),
                new ProfileLoader().loadAll());
             MetricsServer server = MetricsServer.start("127.0.0.1", 0,
                     List.of(new WatchedDatabase("ci", new HealthReader(session))))) {
            Set<String> served = PromText.parse(MetricsEndpointTest.scrape(server.url())).samples().stream()
                    .map(PromText.Sample::name).collect(Collectors.toCollection(TreeSet::new));
            named.removeIf(n -> n.startsWith("pitwall_dashboard_"));
            assertTrue(served.containsAll(named), "named in docs but not served: "
                    + named.stream().filter(n -> !served.contains(n)).toList() + "; served: " + served);
        }
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.add(target.get("expr").asText());
            }
        }
        return expressions;
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
