package org.pkttables.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether every packet loop made progress between two looks at their heartbeats (the systemd watchdog's
 * pinger looks once per ping). A loop whose count did not move since the previous look is stalled; a loop
 * seen for the first time (a mode just started, a first look) counts as moving.
 */
final class LoopProgress {
    private Map<String, Long> last = Map.of();

    /** The names of the loops that did not move since the previous look (empty when all did); remembers {@code now}. */
    synchronized List<String> stalled(Map<String, Long> now) {
        List<String> stalled = new ArrayList<>();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            Long before = last.get(e.getKey());
            if (before != null && before.longValue() == e.getValue().longValue()) {
                stalled.add(e.getKey());
            }
        }
        last = Map.copyOf(now);
        return stalled;
    }
}
