package io.pitwall.ui.connect;

/**
 * What the operator asked for in the connect dialog: a database with its name, environment and colour, or the demo.
 *
 * @param name        blank: named after the target ("queues on db1:5432")
 * @param colour      "#rrggbb", or null for the environment's colour
 * @param actionUser  act as this role instead (its password is asked per action); null: the same role
 * @param standbyUri  read the monitoring from this hot standby (previews and actions stay on the primary); null: none
 * @param ssh         "[user@]bastion[:port]" to go through, or null
 * @param trustedHostKey the bastion host key fingerprint the operator checked and accepted in this dialog, or null
 * @param rememberPassword store the typed password in the desktop keyring once the connection was tested
 */
public record ConnectRequest(String uri, String password, boolean demo, String name, String environment,
                             String colour, boolean readOnly, String actionUser, String standbyUri, String ssh,
                             String trustedHostKey, boolean rememberPassword) {

    public ConnectRequest(String uri, String password, boolean demo, String name, String environment,
                          String colour, boolean readOnly, String actionUser, String standbyUri, String ssh,
                          String trustedHostKey) {
        this(uri, password, demo, name, environment, colour, readOnly, actionUser, standbyUri, ssh, trustedHostKey,
                false);
    }

    public ConnectRequest(String uri, String password, boolean demo) {
        this(uri, password, demo, null, null, null, false, null, null, null, null);
    }

    public ConnectRequest(String uri, String password, boolean demo, String name, String environment,
                          String colour, boolean readOnly, String actionUser) {
        this(uri, password, demo, name, environment, colour, readOnly, actionUser, null, null, null);
    }

    public ConnectRequest(String uri, String password, boolean demo, String name, String environment,
                          String colour, boolean readOnly, String actionUser, String standbyUri) {
        this(uri, password, demo, name, environment, colour, readOnly, actionUser, standbyUri, null, null);
    }

    /** A record's own toString would print the typed password into any log line or exception that names the request. */
    @Override
    public String toString() {
        return "ConnectRequest[uri=" + uri + ", password=" + (password == null || password.isEmpty() ? "none" : "(typed)")
                + ", demo=" + demo + ", name=" + name + ", environment=" + environment + ", readOnly=" + readOnly
                + ", actionUser=" + actionUser + ", standbyUri=" + standbyUri + ", ssh=" + ssh
                + ", rememberPassword=" + rememberPassword + "]";
    }
}
