package io.pitwall.runbook;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQL with {@code :name} placeholders turned into JDBC's {@code ?}, so every operator value is a bind parameter. */
record NamedSql(String named, String jdbc, List<String> names) {

    // Not after ':' (a cast such as ::int) or a word character (a time literal such as '10:30').
    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    static NamedSql of(String sql) {
        List<String> names = new ArrayList<>();
        // Every '?' here is profile text (the runbook's own values are :names), so jsonb's ? operator is escaped.
        Matcher matcher = NAME.matcher(io.pitwall.sql.JdbcText.escapePlaceholders(sql));
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        return new NamedSql(sql, jdbc.toString(), List.copyOf(names));
    }

    void bind(PreparedStatement statement, Map<String, Object> values) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalStateException("no value for :" + name);
            }
            statement.setObject(i + 1, values.get(name));
        }
    }
}
