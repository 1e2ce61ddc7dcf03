package io.pitwall.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Roles that must log in with a password on the shared test server, which otherwise trusts every local login:
 * roles named pw_* get a scram-sha-256 line ahead of the trust lines in pg_hba.conf (added once per JVM).
 */
public final class PasswordRoles {

    private static boolean installed;

    private PasswordRoles() {
    }

    /** Creates a login role pw_{suffix} with this password and returns its name. */
    public static synchronized String create(TestDatabase db, String suffix, String password) {
        try (Connection admin = TestDatabase.server().getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            if (!installed) {
                Path hba;
                try (ResultSet rs = statement.executeQuery("SHOW hba_file")) {
                    rs.next();
                    hba = Path.of(rs.getString(1));
                }
                String lines = "host all /^pw_ 127.0.0.1/32 scram-sha-256\nhost all /^pw_ ::1/128 scram-sha-256\n";
                Files.writeString(hba, lines + Files.readString(hba));
                statement.execute("SELECT pg_reload_conf()");
                installed = true;
            }
            String role = "pw_" + suffix;
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            statement.execute("GRANT ALL ON DATABASE " + db.name() + " TO " + role);
            return role;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot set up a password role", e);
        }
    }

    /** The database's URL as this role, with or without a password. */
    public static String url(TestDatabase db, String role, String password) {
        return db.url().replace("postgres@", role + (password == null ? "" : ":" + password) + "@");
    }
}
