package io.pitwall.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** jsonb's ? operators reach the driver escaped; quoted text, identifiers, comments and dollar quotes are left alone. */
class JdbcTextTest {

    @Test
    void operatorsOutsideQuotesAreDoubled() {
        assertEquals("t.payload ?? 'repo_id'", JdbcText.escapePlaceholders("t.payload ? 'repo_id'"));
        assertEquals("t.p ??| array['a'] AND t.p ??& array['b']", JdbcText.escapePlaceholders("t.p ?| array['a'] AND t.p ?& array['b']"));
    }

    @Test
    void quotedTextIsLeftAlone() {
        assertEquals("'why?' || \"odd?name\" || $$a?b$$ || $x$c?$x$ || E'it\\'s?' /* ? */ -- ?\n ??",
                JdbcText.escapePlaceholders("'why?' || \"odd?name\" || $$a?b$$ || $x$c?$x$ || E'it\\'s?' /* ? */ -- ?\n ?"));
        assertEquals("'it''s?' ??", JdbcText.escapePlaceholders("'it''s?' ?"));
    }

    @Test
    void textWithoutQuestionMarksIsUnchanged() {
        String sql = "t.state = 'x' AND $1 = 2";
        assertEquals(sql, JdbcText.escapePlaceholders(sql));
        assertEquals(null, JdbcText.escapePlaceholders(null));
    }
}
