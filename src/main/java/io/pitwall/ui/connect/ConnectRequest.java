package io.pitwall.ui.connect;

/** What the operator asked for in the connect dialog: a database, or the demo. */
public record ConnectRequest(String uri, String password, boolean demo) {
}
