package io.pitwall.sql;

/**
 * Fills a profile's SQL placeholders for one bound table: {@code {schema}} the quoted schema, {@code {table}} the
 * quoted task table, {@code {queue}} the queue name (for use inside a quoted identifier, as in
 * {@code {schema}."r_{queue}"}).
 */
public final class Placeholders {

    private Placeholders() {
    }

    public static String fill(String sql, String schema, String table, String queue) {
        if (sql == null || sql.indexOf('{') < 0) {
            return sql;
        }
        String text = sql.replace("{schema}", Identifiers.quote(schema)).replace("{table}", Identifiers.qualified(schema, table));
        return queue == null ? text : text.replace("{queue}", queue.replace("\"", "\"\""));
    }
}
