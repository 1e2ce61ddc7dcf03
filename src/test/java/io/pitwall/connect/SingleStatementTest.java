package io.pitwall.connect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second statement is found wherever the driver would split, and nowhere it would not. */
class SingleStatementTest {

    @Test
    void aSmuggledCommitIsASecondStatement() {
        assertTrue(SingleStatement.hasSeveral("t.state = 'x'; COMMIT; SET default_transaction_read_only = off"));
        assertTrue(SingleStatement.hasSeveral("SELECT 1;SELECT 2"));
        assertTrue(SingleStatement.hasSeveral("SELECT 'a'';' ; SELECT 2"));
        assertTrue(SingleStatement.hasSeveral("SELECT E'\\''; COMMIT"));
    }

    @Test
    void semicolonsTheDriverSkipsAreNotSeparators() {
        assertFalse(SingleStatement.hasSeveral("SELECT 1;"));
        assertFalse(SingleStatement.hasSeveral("SELECT 1;  \n "));
        assertFalse(SingleStatement.hasSeveral("SELECT ';', \"a;b\", $$;$$, $t$ ; $t$ /* ; /* ; */ ; */ -- ;\n"));
        assertFalse(SingleStatement.hasSeveral("SELECT E'it\\'s; fine'"));
    }

    @Test
    void aParameterIsNotADollarQuote() {
        // "$1 ... $1" must not be read as a dollar-quoted body that hides the semicolon between them.
        assertTrue(SingleStatement.hasSeveral("SELECT $1; COMMIT; SELECT $1"));
        assertTrue(SingleStatement.hasSeveral("SELECT a$b; COMMIT; SELECT a$b"));
    }

    @Test
    void anUnterminatedLiteralHidesTheRest() {
        // The server would reject this text; the driver sends it as one statement, so nothing runs after it.
        assertFalse(SingleStatement.hasSeveral("SELECT 'open; COMMIT"));
    }
}
