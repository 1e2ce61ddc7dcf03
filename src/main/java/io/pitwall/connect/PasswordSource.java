package io.pitwall.connect;

import java.util.Optional;

/** One place a connection's password may come from (the desktop keyring, PGPASSWORD, ~/.pgpass). */
public interface PasswordSource {

    /** The password for this role on this database, if this source has one. */
    Optional<String> password(String host, int port, String database, String user);

    /** Where, in the operator's words: "the desktop keyring", "~/.pgpass". */
    String describe();
}
