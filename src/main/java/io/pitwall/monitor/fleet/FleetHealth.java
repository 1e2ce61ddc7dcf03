package io.pitwall.monitor.fleet;

/** How well the fleet could read one connection this round, best first. */
public enum FleetHealth {
    /** Read within the time a console refresh takes. */
    OK,
    /** Read, but slower than the slow mark, or still reading when the round ended (its last figures shown). */
    SLOW,
    /** Monitored on a standby that is behind its primary by more than the lag mark. */
    LAGGING,
    /** Could not be read at all: refused, timed out, rejected credentials, or a saved entry that is not usable. */
    UNREACHABLE
}
