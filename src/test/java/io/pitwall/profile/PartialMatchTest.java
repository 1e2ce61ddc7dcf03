package io.pitwall.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.cli.PitwallCommand;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table that is almost a profile's: detection names the profile, the table, the column and what it expected. */
class PartialMatchTest {

    private static Detection detect(String... sql) throws SQLException {
        return BuiltInProfilesTest.detect(BuiltInProfilesTest.database(sql));
    }

    @Test
    void aMissingColumnIsReportedWithTheTypeTheProfileExpected() throws SQLException {
        Detection detection = detect(Fixtures.shithub0018("public"), "ALTER TABLE public.jobs DROP COLUMN locked_at");
        assertEquals(List.of(), detection.bindings());
        assertEquals(1, detection.problems().size(), detection.problems().toString());
        DetectionProblem problem = detection.problems().getFirst();
        assertEquals("shithub-0018", problem.profileId());
        assertEquals("public.jobs", problem.where());
        assertEquals(List.of(new ColumnMismatch("locked_at", "timestamptz", null)), problem.columns());
        assertEquals("missing column locked_at (expected timestamptz)", problem.message());
    }

    @Test
    void aColumnOfTheWrongTypeIsReportedWithBothTypes() throws SQLException {
        Detection detection = detect(Fixtures.shithub0018("public"),
                "ALTER TABLE public.jobs ALTER COLUMN completed_at TYPE text");
        assertEquals(List.of(), detection.bindings());
        DetectionProblem problem = detection.problems().getFirst();
        assertEquals("shithub-0018", problem.profileId());
        assertEquals(List.of(new ColumnMismatch("completed_at", "timestamptz (any of timestamp, timestamptz)", "text")),
                problem.columns());
        assertEquals("column completed_at is text, expected timestamptz (any of timestamp, timestamptz)", problem.message());
    }

    @Test
    void severalMismatchesOnOneTableAreAllListed() throws SQLException {
        Detection detection = detect(Fixtures.shithub0018("public"), """
                ALTER TABLE public.jobs DROP COLUMN locked_at;
                ALTER TABLE public.jobs ALTER COLUMN attempts TYPE text;
                """);
        DetectionProblem problem = detection.problems().getFirst();
        assertEquals("shithub-0018", problem.profileId());
        assertEquals("public.jobs", problem.where());
        assertEquals(List.of("attempts", "locked_at"), problem.columns().stream().map(ColumnMismatch::column).toList());
        assertEquals("text", problem.columns().getFirst().actual());
        assertTrue(problem.columns().get(1).missing());
    }

    @Test
    void anUnrelatedTableThatOnlySharesTheNameIsNotAProblem() throws SQLException {
        Detection detection = detect("CREATE TABLE jobs (id bigint, title text, company text)",
                "CREATE TABLE record (id bigint, artist text)");
        assertEquals(List.of(), detection.bindings());
        assertEquals(List.of(), detection.problems());
    }

    @Test
    void anotherSystemsTableOfTheSameNameIsNotReportedAgainstTheOtherProfile() throws SQLException {
        // The runbook's jobs table has 'state': it is shithub's, and must not read as a broken shithub-0018 table.
        Detection detection = detect(Fixtures.shithubRunbook("public"), "ALTER TABLE public.jobs DROP COLUMN leased_at");
        assertEquals(List.of("shithub"), detection.problems().stream().map(DetectionProblem::profileId).toList());
    }

    @Test
    void detectJsonCarriesTheMismatches() throws Exception {
        TestDatabase db = BuiltInProfilesTest.database(Fixtures.permanent("perm"),
                "ALTER TABLE perm.record DROP COLUMN updateddt");
        StringWriter out = new StringWriter();
        int code = PitwallCommand.run(demo -> 0, new PrintWriter(out), new PrintWriter(new StringWriter()),
                "detect", "--url", db.url(), "--json");
        assertEquals(0, code);
        JsonNode problem = new ObjectMapper().readTree(out.toString()).get("problems").get(0);
        assertEquals("permanent", problem.get("profile").asText());
        assertEquals("perm.record", problem.get("where").asText());
        assertEquals("updateddt", problem.get("columns").get(0).get("column").asText());
        assertEquals("timestamptz", problem.get("columns").get(0).get("expected").asText());
        assertTrue(problem.get("columns").get(0).get("actual").isNull());
    }
}
