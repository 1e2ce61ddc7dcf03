package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.profile.CatalogDetector;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A fresh database holding one profile's demo schema (no rows), and that profile's bindings in it. */
final class Fixture {

    final TestDatabase db;
    private final String profileId;

    private Fixture(TestDatabase db, String profileId) {
        this.db = db;
        this.profileId = profileId;
    }

    static Fixture of(String profileId) {
        Fixture fixture = new Fixture(TestDatabase.fresh(), profileId);
        fixture.db.execute(resource("/io/pitwall/demo/" + profileId + ".sql"));
        return fixture;
    }

    static String resource(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Binding> bindings() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            return new CatalogDetector(new ProfileLoader().load(null).profiles()).detect(connection).forProfile(profileId);
        }
    }

    Binding binding() throws SQLException {
        List<Binding> bindings = bindings();
        if (bindings.isEmpty()) {
            throw new IllegalStateException(profileId + " not detected");
        }
        return bindings.getFirst();
    }
}
