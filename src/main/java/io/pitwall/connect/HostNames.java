package io.pitwall.connect;

import io.pitwall.queue.SafeText;

/**
 * What may stand as a host. The driver still writes its host into a URL of its own, so a host holding URL
 * syntax ({@code 127.0.0.1/q?options=-c...}, percent-decoded from the operator's URL) could add parameters.
 */
public final class HostNames {

    private HostNames() {
    }

    /** Null when the host is acceptable, otherwise why not. */
    public static String problem(String host) {
        if (host == null || host.isEmpty()) {
            return "the host is empty";
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ("/?&=#@,[]\\".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "a host cannot contain " + describe(c) + " (after percent-decoding): it would be read as URL syntax";
            }
        }
        return null;
    }

    static void check(String host) {
        String problem = problem(host);
        if (problem != null) {
            throw new IllegalArgumentException("bad host '" + SafeText.oneLine(host) + "': " + problem);
        }
    }

    private static String describe(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) ? "spaces or control characters" : "'" + c + "'";
    }
}
