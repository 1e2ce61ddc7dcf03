package io.pitwall.ui.connect;

/**
 * Why a connection test failed, for the dialog.
 *
 * @param unknownHostKey the SSH bastion's host key fingerprint when the failure is only that known_hosts lacks it
 *                       (the dialog then asks whether to trust it); null otherwise
 */
public record ConnectFailure(String reason, String unknownHostKey) {

    public static ConnectFailure of(String reason) {
        return new ConnectFailure(reason, null);
    }
}
