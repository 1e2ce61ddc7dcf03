package io.pitwall.connect;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What tells one database from another to the operator: a name, an environment (production, staging,
 * development, or the user's own word) and a colour, shown in the title, the top bar, every confirm dialog and
 * recorded in each audit row. A read-only connection offers no action at all.
 *
 * @param actionUser another role to act as (its password is asked per action and never kept); null: the same role
 */
public record ConnectionIdentity(String name, String environment, String colour, boolean readOnly, String actionUser) {

    private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public ConnectionIdentity {
        name = name == null || name.isBlank() ? "unnamed" : name.strip();
        environment = environment == null ? "" : environment.strip().toLowerCase(Locale.ROOT);
        colour = colour != null && HEX_COLOUR.matcher(colour.strip()).matches() ? colour.strip() : defaultColour(environment);
        actionUser = actionUser == null || actionUser.isBlank() ? null : actionUser.strip();
    }

    /** A connection with nothing said about it: named after its target, no environment. */
    public static ConnectionIdentity of(ConnectionTarget target) {
        return new ConnectionIdentity(defaultName(target), "", null, false, null);
    }

    /** "queues on db1:5432": the port is part of it, so two servers on one host are two names. */
    public static String defaultName(ConnectionTarget target) {
        return target.database() + " on " + target.host() + ":" + target.port();
    }

    public boolean production() {
        return environment.equals("production") || environment.equals("prod");
    }

    public ConnectionIdentity asReadOnly(boolean value) {
        return new ConnectionIdentity(name, environment, colour, value, actionUser);
    }

    /** "orders-prod (production)" or just the name when no environment is set. */
    public String label() {
        return environment.isEmpty() ? name : name + " (" + environment + ")";
    }

    public static String defaultColour(String environment) {
        return switch (environment == null ? "" : environment.toLowerCase(Locale.ROOT)) {
            case "production", "prod" -> "#c62828";
            case "staging", "stage" -> "#ef6c00";
            case "development", "dev", "demo" -> "#2e7d32";
            default -> "#1565c0";
        };
    }
}
