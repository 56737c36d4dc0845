package org.pkttables.gen;

import java.util.Locale;

/**
 * How many flows of a profile, how fast, how interleaved, between which addresses and ports. Mutable
 * (set once, then give to a {@link Generator}); every setter checks its value and names what is wrong.
 */
public final class GenOptions {
    /** Source ports (ICMP: echo ids) drawn at random from 1024-65535. */
    public static final String RANDOM = "random";
    /** Source ports (or client addresses) counting up from the start value. */
    public static final String SEQUENTIAL = "seq";

    long count = 1;
    double connectionsPerSecond;
    double packetsPerSecond;
    int concurrency = 64;
    String clients = "10.1.0.0/16";
    String servers = "10.2.0.10";
    boolean clientsSequential;
    boolean sportSequential;
    int sportStart = 32768;
    long seed = 1;
    int dport;
    long startNanos = 1_767_225_600L * 1_000_000_000L; // 2026-01-01T00:00:00Z: same file for the same options
    byte[] clientMac = { 0x02, 0x70, 0x6b, 0x00, 0x00, 0x01 };
    byte[] serverMac = { 0x02, 0x70, 0x6b, 0x00, 0x00, 0x02 };

    public GenOptions count(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + n);
        }
        count = n;
        return this;
    }

    /** New flows per second (0: as fast as the concurrency allows). */
    public GenOptions rate(double cps) {
        connectionsPerSecond = perSecond(cps, "rate", "connections");
        return this;
    }

    /** Frames per second over all flows (0: unpaced; pcap timestamps are then 1 us apart). */
    public GenOptions pps(double pps) {
        packetsPerSecond = perSecond(pps, "pps", "packets");
        return this;
    }

    /** Flows open at the same time, whose frames interleave. */
    public GenOptions concurrency(int n) {
        concurrency = inRange(n, 1_000_000, "concurrency");
        return this;
    }

    /** Client addresses: an address or prefix, IPv4 or IPv6 (the same family as the servers). */
    public GenOptions clients(String prefix) {
        clients = prefix;
        return this;
    }

    public GenOptions servers(String prefix) {
        servers = prefix;
        return this;
    }

    /** {@code random} or {@code seq}: how client addresses are picked from their range. */
    public GenOptions clientOrder(String order) {
        clientsSequential = order(order, "client order");
        return this;
    }

    /** {@code random}, {@code seq} or {@code seq:START}: how client ports (ICMP: echo ids) are picked. */
    public GenOptions sport(String mode) {
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.startsWith(SEQUENTIAL + ":")) {
            int start;
            try {
                start = Integer.parseInt(m.substring(4));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sport start in `" + mode + "' is not a number", e);
            }
            sportStart = inRange(start, 65535, "sport start");
            sportSequential = true;
        } else {
            sportSequential = order(m, "sport");
        }
        return this;
    }

    /** Overrides the profile's destination port. */
    public GenOptions dport(int port) {
        dport = inRange(port, 65535, "dport");
        return this;
    }

    /** Same seed, same options: the same flows, byte for byte. */
    public GenOptions seed(long s) {
        seed = s;
        return this;
    }

    /** Timestamp of the first frame (pcap output). */
    public GenOptions startNanos(long t) {
        startNanos = t;
        return this;
    }

    public GenOptions macs(byte[] client, byte[] server) {
        if (client.length != 6 || server.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes");
        }
        clientMac = client.clone();
        serverMac = server.clone();
        return this;
    }

    public long count() {
        return count;
    }

    public double rate() {
        return connectionsPerSecond;
    }

    public double pps() {
        return packetsPerSecond;
    }

    public int concurrency() {
        return concurrency;
    }

    public long seed() {
        return seed;
    }

    public String clients() {
        return clients;
    }

    public String servers() {
        return servers;
    }

    public boolean clientsSequential() {
        return clientsSequential;
    }

    public boolean sportSequential() {
        return sportSequential;
    }

    public int sportStart() {
        return sportStart;
    }

    public int dport() {
        return dport;
    }

    public long startNanos() {
        return startNanos;
    }

    public byte[] clientMac() {
        return clientMac.clone();
    }

    public byte[] serverMac() {
        return serverMac.clone();
    }

    /** {@code n} if it is 1 to {@code max}, else a clear error naming {@code what}. */
    private static int inRange(int n, int max, String what) {
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(what + " must be 1-" + max + ", not " + n);
        }
        return n;
    }

    /** {@code v} if it is a finite number of {@code things} per second >= 0, else a clear error naming {@code what}. */
    private static double perSecond(double v, String what, String things) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a number of " + things + " per second >= 0, not " + v);
        }
        return v;
    }

    private static boolean order(String s, String what) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case RANDOM: return false;
            case SEQUENTIAL: case "sequential": return true;
            default: throw new IllegalArgumentException(what + " is random or seq, not `" + s + "'");
        }
    }
}
