package io.pitwall.ui.dashboard;

import io.pitwall.queue.CanonicalState;

/** Where a number on a card leads: the list it counts, filtered to the card's queue. Set by the shell. */
public interface ListOpener {

    ListOpener NONE = new ListOpener() {
        @Override
        public void stuck(String profileId, String where) {
        }

        @Override
        public void state(String profileId, String where, CanonicalState state) {
        }

        @Override
        public void kinds(String profileId, String where) {
        }
    };

    /** The stuck list of this queue, with each item's rule and evidence. */
    void stuck(String profileId, String where);

    /** The tasks of this queue in this state. */
    void state(String profileId, String where, CanonicalState state);

    /** The queue's kinds, where a kind is paused and resumed. */
    void kinds(String profileId, String where);
}
