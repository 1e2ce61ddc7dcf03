package io.pitwall.testing;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;

/** A monitor session on a test database with the built-in profiles only, whatever the user's own config holds. */
public final class TestSessions {

    private TestSessions() {
    }

    public static MonitorSession builtIn(String url) {
        try {
            return new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(url)),
                    new ProfileLoader().load(null));
        } catch (BadTargetException e) {
            throw new IllegalArgumentException(url, e);
        }
    }
}
