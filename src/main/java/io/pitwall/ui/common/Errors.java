package io.pitwall.ui.common;

/** Turns a failure from the layers below into one line an operator can act on. */
public final class Errors {

    private Errors() {
    }

    /**
     * What is down, for a banner's title: the SSH bastion when the failure is the bastion's (down, or a refused key
     * or login), otherwise the database (also for null: nothing failed yet).
     */
    public static String whatFailed(Throwable error) {
        io.pitwall.connect.ssh.SshFailure ssh = io.pitwall.connect.ssh.SshFailure.in(error);
        if (ssh == null) {
            return "Database unreachable";
        }
        return ssh.retryable() ? "SSH bastion unreachable" : "SSH bastion refused the connection";
    }

    /** Every monitor connection stayed busy for the pool's whole wait: the database is up but slow. */
    public static boolean slow(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.pitwall.connect.PoolBusyException) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable error) {
        // The bastion's own words ("cannot reach the SSH bastion … (is sshd running there?)"): its root cause is a
        // refused TCP connect that would otherwise read as the database being down.
        io.pitwall.connect.ssh.SshFailure ssh = io.pitwall.connect.ssh.SshFailure.in(error);
        if (ssh != null) {
            return ssh.getMessage();
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (message.contains("Connection refused")) {
            return "connection refused: is the database running and listening there?";
        }
        return message;
    }
}
