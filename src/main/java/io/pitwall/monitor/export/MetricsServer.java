package io.pitwall.monitor.export;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.util.List;

/** The HTTP endpoint Prometheus scrapes: {@code /metrics} in the Prometheus text or OpenMetrics format. */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;
    private final String host;

    private MetricsServer(HTTPServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Listens on host:port (port 0 picks a free one); the host should be loopback unless told otherwise. */
    public static MetricsServer start(String host, int port, List<WatchedDatabase> databases) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new QueueMetrics(databases));
        HTTPServer server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        return new MetricsServer(server, host);
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }
}
