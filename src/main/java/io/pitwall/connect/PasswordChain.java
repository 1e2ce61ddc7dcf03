package io.pitwall.connect;

import java.util.List;
import java.util.Optional;

/**
 * Where a connection's password comes from, the first that has one winning: the password given with this connect
 * (typed in the dialog, or in the URI), then the desktop keyring's entry for exactly this target, then libpq's own
 * (PGPASSWORD or the service file, then ~/.pgpass), as psql would find it. Nothing here stores a password.
 */
public final class PasswordChain {

    /** A password and where it came from ("given with the connection", "the desktop keyring", "~/.pgpass"). */
    public record Found(String password, String source) {

        public static final Found NONE = new Found(null, "none");

        public boolean present() {
            return password != null;
        }
    }

    private final List<PasswordSource> sources;

    public PasswordChain(List<PasswordSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public Found find(String given, String host, int port, String database, String user) {
        if (given != null) {
            return new Found(given, "given with the connection");
        }
        for (PasswordSource source : sources) {
            Optional<String> password = source.password(host, port, database, user);
            if (password.isPresent()) {
                return new Found(password.get(), source.describe());
            }
        }
        return Found.NONE;
    }

    /** A fixed password (PGPASSWORD, a service file's password=) as a source. */
    static PasswordSource fixed(String password, String describe) {
        return new PasswordSource() {
            @Override
            public Optional<String> password(String host, int port, String database, String user) {
                return Optional.ofNullable(password);
            }

            @Override
            public String describe() {
                return describe;
            }
        };
    }

    /** ~/.pgpass (or PGPASSFILE) as a source. */
    static PasswordSource pgpass(java.nio.file.Path file) {
        return new PasswordSource() {
            @Override
            public Optional<String> password(String host, int port, String database, String user) {
                return PgPassFile.lookup(file, host, port, database, user);
            }

            @Override
            public String describe() {
                return file.getFileName() == null ? "~/.pgpass" : file.toString();
            }
        };
    }
}
