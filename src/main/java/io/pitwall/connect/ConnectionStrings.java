package io.pitwall.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses what an operator types as a target: a libpq URI, a JDBC URL or a libpq key=value conninfo. A message
 * about bad input never repeats text that may be (part of) the password: a password holding an unencoded
 * '/' or '?' shifts the URL's pieces, so a "port" can really be the password's tail.
 */
final class ConnectionStrings {

    private static final String HIDDEN = "(not shown: it may hold the password)";

    /** Raw and decoded texts that may be secret; any echoed piece overlapping one is hidden. */
    private final List<String> secrets = new ArrayList<>();
    private Map<String, String> values = new LinkedHashMap<>();

    private ConnectionStrings() {
    }

    /** Nothing given: every value comes from the environment. */
    static ConnectionStrings empty() {
        return new ConnectionStrings();
    }

    static ConnectionStrings parse(String url) throws BadTargetException {
        ConnectionStrings parser = new ConnectionStrings();
        if (url.startsWith("jdbc:postgresql:")) {
            parser.values = parser.uri(url.substring("jdbc:".length()).replaceFirst("^postgresql:(?!//)", "postgresql:///"));
        } else if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            parser.values = parser.uri(url);
        } else if (url.contains("=")) {
            parser.values = parser.conninfo(url);
        } else {
            throw new BadTargetException("not a PostgreSQL URL: expected postgresql://user@host:5432/db, "
                    + "jdbc:postgresql://host/db or host=... dbname=...");
        }
        return parser;
    }

    /** The parameters given, by libpq name (host, port, dbname, user, password, sslmode, ...). */
    Map<String, String> values() {
        return values;
    }

    /** The piece as it may be printed: hidden when it overlaps anything that may be the password. */
    String say(String piece) {
        for (String secret : secrets) {
            if (!secret.isEmpty() && !piece.isEmpty() && (secret.contains(piece) || piece.contains(secret))) {
                return HIDDEN;
            }
        }
        return "'" + io.pitwall.queue.SafeText.oneLine(piece) + "'";
    }

    private Map<String, String> uri(String uri) throws BadTargetException {
        Map<String, String> values = new LinkedHashMap<>();
        String rest = uri.substring(uri.indexOf("://") + 3);
        int lastAt = rest.lastIndexOf('@');
        if (lastAt >= 0) {
            String userInfo = rest.substring(0, lastAt);
            int colon = userInfo.indexOf(':');
            String secret = colon >= 0 ? userInfo.substring(colon + 1) : userInfo;
            secrets.add(secret);
            secrets.add(decode(secret));
        }
        for (String pair : rest.contains("?") ? rest.substring(rest.indexOf('?') + 1).split("&") : new String[0]) {
            if (pair.startsWith("password=")) {
                secrets.add(pair.substring("password=".length()));
                secrets.add(decode(pair.substring("password=".length())));
            }
        }
        int authorityEnd = firstOf(rest, "/?#");
        int firstEquals = rest.indexOf('=');
        if (lastAt >= authorityEnd && (firstEquals < 0 || firstEquals > rest.indexOf('@'))) {
            throw new BadTargetException("the user name or password in the URL holds '/', '?' or '#': "
                    + "percent-encode them (%2F, %3F, %23)");
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            putDecoded(values, "user", colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            if (colon >= 0) {
                putDecoded(values, "password", userInfo.substring(colon + 1));
            }
        }
        if (authority.contains(",")) {
            throw new BadTargetException("several hosts in one URL are not supported: " + say(authority));
        }
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new BadTargetException("unterminated IPv6 address in " + say(authority));
            }
            putDecoded(values, "host", authority.substring(1, close));
            authority = authority.substring(close + 1);
            if (authority.startsWith(":")) {
                putDecoded(values, "port", authority.substring(1));
            }
        } else {
            int colon = authority.lastIndexOf(':');
            putDecoded(values, "host", colon >= 0 ? authority.substring(0, colon) : authority);
            if (colon >= 0) {
                putDecoded(values, "port", authority.substring(colon + 1));
            }
        }
        putDecoded(values, "dbname", path);
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new BadTargetException("bad URL parameter " + say(decode(pair)) + ": expected name=value");
                }
                String key = decode(pair.substring(0, eq));
                putDecoded(values, key.equals("database") ? "dbname" : key, pair.substring(eq + 1));
            }
        }
        if (values.containsKey("port")) {
            port(values.get("port"));
        }
        return values;
    }

    /** libpq's conninfo: {@code key = value} pairs; a value may be single-quoted, with \' and \\ escapes. */
    private Map<String, String> conninfo(String text) throws BadTargetException {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipSpaces(text, i);
            if (i >= n) {
                return values;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            i = skipSpaces(text, i);
            if (i >= n || text.charAt(i) != '=') {
                throw new BadTargetException("bad connection string: missing '=' after the word at character "
                        + (keyStart + 1) + " (expected name=value; quote a value holding spaces: name='a b')");
            }
            i = skipSpaces(text, i + 1);
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(text.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new BadTargetException("bad connection string: the quoted value of '" + key
                            + "' is not closed with '");
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(text.charAt(i++));
                    } else {
                        value.append(c);
                    }
                }
            }
            if (key.equals("password")) {
                secrets.add(value.toString());
            }
            values.put(key, value.toString());
        }
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static void putDecoded(Map<String, String> values, String key, String raw) {
        if (raw != null && !raw.isEmpty()) {
            values.put(key, decode(raw));
        }
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A lone '%' is literal text, as libpq would fail on it; keep it rather than echo a decoder message.
            return raw;
        }
    }

    /** Checks a port; a bad one is named only when it cannot be part of the password. */
    int port(String port) throws BadTargetException {
        try {
            int value = Integer.parseInt(port);
            if (value > 0 && value < 65536) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadTargetException("bad port " + say(port) + ": expected a number from 1 to 65535");
    }
}
