package io.pitwall.connect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SSH host the database is reached through, as {@code ssh [user@]host[:port]} names it. The host may be a
 * {@code Host} entry of {@code ~/.ssh/config}: its HostName, User, Port, IdentityFile and ProxyJump then apply.
 *
 * @param user null: the config's User, else the operating-system user (as ssh does)
 * @param port 0: the config's Port, else 22
 */
public record SshBastion(String user, String host, int port) {

    private static final Pattern SPEC = Pattern.compile(
            "(?:ssh://)?(?:(?<user>[A-Za-z0-9._][A-Za-z0-9._-]*)@)?(?:\\[(?<v6>[0-9A-Fa-f:.]+)]|(?<host>[A-Za-z0-9_][A-Za-z0-9._-]*))"
                    + "(?::(?<port>[0-9]{1,5}))?");

    public SshBastion {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an SSH bastion needs a host");
        }
    }

    /** Parses {@code [ssh://][user@]host[:port]}; null or blank text means no bastion. */
    public static SshBastion parse(String text) throws BadTargetException {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = SPEC.matcher(text.strip());
        if (!m.matches()) {
            throw new BadTargetException("bad SSH bastion '" + io.pitwall.queue.SafeText.oneLine(text.strip())
                    + "': expected [user@]host[:port], e.g. ops@bastion.example.com:22 or a Host of ~/.ssh/config");
        }
        int port = m.group("port") == null ? 0 : Integer.parseInt(m.group("port"));
        if (port > 65535) {
            throw new BadTargetException("bad SSH bastion port " + port + ": at most 65535");
        }
        return new SshBastion(m.group("user"), m.group("v6") != null ? m.group("v6") : m.group("host"), port);
    }

    /** "ops@bastion:2222", "bastion": what the operator typed, fit to parse again. */
    public String spec() {
        String where = host.contains(":") ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + where + (port == 0 ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return spec();
    }
}
