package io.pitwall.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Terse JDBC for the demo's seeding and simulated workers. */
final class Jdbc {

    private Jdbc() {
    }

    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Runs a statement that may return rows, such as {@code SELECT some_procedure(...)}, and ignores them. */
    static void call(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    static void script(Connection connection, String resource) throws SQLException {
        try (InputStream in = Jdbc.class.getResourceAsStream(resource); Statement statement = connection.createStatement()) {
            if (in == null) {
                throw new IllegalStateException("missing demo resource " + resource);
            }
            statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
