package io.pitwall.ui.dashboard;

import io.pitwall.queue.StuckItem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which stuck items a card shows: those of its queue; a profile's other objects (a lock, a master row) go to its first card. */
final class CardStuck {

    private CardStuck() {
    }

    static List<StuckItem> of(QueueCardModel card, List<QueueCardModel> cards, List<StuckItem> stuck) {
        boolean firstOfProfile = cards.stream().filter(c -> c.profileId().equals(card.profileId())).findFirst()
                .orElse(card) == card;
        Set<String> cardWheres = new HashSet<>();
        cards.forEach(c -> cardWheres.add(c.profileId() + "|" + c.where()));
        return stuck.stream().filter(item -> item.profileId().equals(card.profileId()))
                .filter(item -> item.where().equals(card.where())
                        || (firstOfProfile && !cardWheres.contains(item.profileId() + "|" + item.where())))
                .toList();
    }
}
