package org.pkttables.api.ext;

/** An inclusive port range, {@code lo == hi} for one port. */
public record PortRange(int lo, int hi) {
    public PortRange {
        if (lo < 0 || hi > 65535 || lo > hi) {
            throw new IllegalArgumentException("invalid port range " + lo + ":" + hi);
        }
    }

    public boolean contains(int port) {
        return port >= lo && port <= hi;
    }
}
