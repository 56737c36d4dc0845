package org.pkttables.io.workers;

import org.pkttables.io.ports.Port;

/** Per-port transmit counters summed over the workers (each worker counts what it sent), for `ports`. */
public record TxTotals(long[] tx, long[] txBytes, long[] drops, long[] txErrors) {
    public static TxTotals of(Port[] ports, Worker[] workers) {
        TxTotals t = new TxTotals(new long[ports.length], new long[ports.length], new long[ports.length],
                new long[ports.length]);
        for (Worker w : workers) {
            for (int i = 0; i < ports.length; i++) {
                t.tx[i] += w.counters.get(Worker.tx(i));
                t.txBytes[i] += w.counters.get(Worker.txBytes(i));
                t.drops[i] += w.counters.get(Worker.drops(i));
                t.txErrors[i] += w.counters.get(Worker.txErrors(i));
            }
        }
        return t;
    }
}
