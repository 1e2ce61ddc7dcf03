package io.pitwall.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.cli.PitwallCommand;
import io.pitwall.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database with one demo schema, and the command line run against it. */
public final class ActionFixture {

    public final TestDatabase db = TestDatabase.fresh();

    /** An empty database, for a test that writes its own schema (an older version of a system). */
    public ActionFixture() {
    }

    public ActionFixture(String demoSchema) {
        db.execute(resource("/io/pitwall/demo/" + demoSchema + ".sql"));
    }

    static String resource(String path) {
        try (InputStream in = ActionFixture.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Run(int exitCode, String out, String err) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON (exit " + exitCode + ", stderr: " + err + "):\n" + out, e);
            }
        }
    }

    public Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 3];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--url";
        full[args.length + 1] = db.url();
        full[args.length + 2] = "--json";
        int code = PitwallCommand.run(demo -> 0, new PrintWriter(out), new PrintWriter(err), full);
        return new Run(code, out.toString(), err.toString());
    }

    /** A command that takes no database, such as {@code actions}. */
    public static Run offline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PitwallCommand.run(demo -> 0, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** One value, or null; a test's way of looking at the table. */
    public String value(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A whole table as text, to prove a dry run or a refusal changed nothing. */
    public String snapshot(String table) {
        return value("SELECT coalesce(string_agg(to_jsonb(t)::text, E'\\n' ORDER BY to_jsonb(t)::text), '') FROM " + table + " t");
    }

    public long audits() {
        String exists = value("SELECT to_regclass('pitwall.audit_log') IS NOT NULL");
        return "t".equals(exists) ? Long.parseLong(value("SELECT count(*) FROM pitwall.audit_log")) : 0;
    }
}
