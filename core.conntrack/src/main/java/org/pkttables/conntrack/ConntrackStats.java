package org.pkttables.conntrack;

/** Table counters, as conntrack -S shows them (summed over workers). */
public record ConntrackStats(long count, long max, long found, long invalid, long insert, long insertFailed,
        long drop, long earlyDrop, long searched) {
}
