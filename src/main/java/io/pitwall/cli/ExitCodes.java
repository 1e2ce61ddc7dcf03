package io.pitwall.cli;

/** Exit codes of the command-line contract (DESIGN.md). */
public final class ExitCodes {
    public static final int DONE = 0;
    /** Database unreachable, SQL error. */
    public static final int FAILED = 1;
    /** Bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** Refused by a guard or precondition; nothing was changed. */
    public static final int REFUSED = 3;

    private ExitCodes() {
    }
}
