package dev.tokengate.internal.cache;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How the bounded caches make room: drop what has expired, then, if that was not enough, drop entries (in the map's
 * iteration order, which says nothing of age) down to 90 % of the bound, so a full cache is not trimmed on every
 * insert. Dropping a live entry costs one more validation or issuer call later, never a wrong answer.
 */
final class Eviction {
    private Eviction() {
    }

    /** @return how many entries were dropped */
    static <K, V> int makeRoom(Map<K, V> entries, int maxEntries, Predicate<V> expired, Predicate<V> removable) {
        int before = entries.size();
        entries.values().removeIf(expired);
        int target = maxEntries - Math.max(1, maxEntries / 10);
        Iterator<Map.Entry<K, V>> iterator = entries.entrySet().iterator();
        while (entries.size() > target && iterator.hasNext()) {
            if (removable.test(iterator.next().getValue())) {
                iterator.remove();
            }
        }
        return Math.max(0, before - entries.size());
    }
}
