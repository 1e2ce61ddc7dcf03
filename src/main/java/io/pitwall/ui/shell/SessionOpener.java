package io.pitwall.ui.shell;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionProbe;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.demo.DemoDatabase;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.ui.common.Errors;
import io.pitwall.ui.connect.ConnectRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the session a connect asks for, off the FX thread: tests the target (reachable, authenticated, which
 * profiles it holds) before anything replaces the current connection, or starts the demo. Never touches the window.
 */
final class SessionOpener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionOpener.class);

    /** A session ready to switch to: what the top bar calls it, and the demo it runs on, if any. */
    record Opened(MonitorSession session, String label, DemoDatabase demo) {
    }

    private final SavedConnections savedConnections;
    private final SshSettings ssh;

    SessionOpener(SavedConnections savedConnections, SshSettings ssh) {
        this.savedConnections = savedConnections;
        this.ssh = ssh;
    }

    /** Starts the embedded demo database with its workers. */
    Opened demo() throws Exception {
        DemoDatabase started = DemoDatabase.start(0, System.nanoTime());
        started.startWorkers();
        ConnectionTarget target = TargetResolver.fromSystem().resolve(started.url());
        ConnectionIdentity demoIdentity = new ConnectionIdentity("demo", "development", null, false, null);
        return new Opened(open(demoIdentity, target, null), target.displayUri(), started);
    }

    /** The request's target, tested, its catalog read, and remembered among the saved connections. */
    Opened test(ConnectRequest request) throws Exception {
        ConnectionTarget target = TargetResolver.fromSystem().resolve(request.uri())
                .withBastion(SshBastion.parse(request.ssh()));
        if (request.password() != null) {
            target = target.withPassword(request.password());
        }
        // Only the probe may add the host key the operator accepted; the pools then find it in known_hosts.
        ConnectionProbe.check(target, ssh.trusting(request.trustedHostKey()));
        ConnectionTarget standby = StandbyProbe.standbyOf(request, target, ssh);
        String name = request.name() == null || request.name().isBlank()
                ? ConnectionIdentity.defaultName(target) : request.name();
        ConnectionIdentity chosen = new ConnectionIdentity(name, request.environment(), request.colour(),
                request.readOnly(), request.actionUser());
        MonitorSession opened = open(chosen, target, standby);
        try {
            opened.detection();
        } catch (Exception e) { // detection throws SQLException; ui names no JDBC type
            opened.close();
            throw new ConnectionProbe.Failed("connected, but cannot read the catalog to find its queues: "
                    + Errors.describe(e), false, e);
        }
        savedConnections.remember(chosen, target, standby);
        return new Opened(opened, target.displayUri(), null);
    }

    /** Saved connections, as the Connect dialog lists them. */
    java.util.List<SavedConnections.Saved> saved() {
        return savedConnections.list();
    }

    private MonitorSession open(ConnectionIdentity chosen, ConnectionTarget target, ConnectionTarget standby) {
        ProfileRegistry profiles = new ProfileLoader().loadAll();
        profiles.problems().forEach(p -> LOG.warn("profile: {}", p));
        // Acting as another role: its password comes from ~/.pgpass, or is asked for each action (never the
        // monitoring role's, never kept).
        ConnectionTarget actions = chosen.actionUser() == null ? target
                : TargetResolver.fromSystem().as(target, chosen.actionUser());
        return new MonitorSession(new DatabasePools(chosen, target, actions, standby, ssh, true), profiles)
                .countInBackground();
    }
}
