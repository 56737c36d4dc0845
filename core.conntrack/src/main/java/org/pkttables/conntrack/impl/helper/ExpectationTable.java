package org.pkttables.conntrack.impl.helper;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.pkttables.conntrack.Expectation;

/**
 * The expectations helpers announced (the kernel's nf_conntrack_expect hash). Keyed by what every
 * expectation fixes (protocol, destination address and port), in striped buckets, so a new connection
 * costs one bucket scan under its stripe's lock — and nothing at all while no expectation exists, the
 * common case ({@link #isEmpty} is one volatile read). Expectations are one-shot: the connection that
 * fits takes it.
 */
public final class ExpectationTable {
    private static final int STRIPES = 64;
    /** Hard cap over all masters (the kernel's nf_ct_expect_max default is in the same range). */
    static final int MAX = 4096;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final AtomicInteger count = new AtomicInteger();

    public ExpectationTable() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** One expectation; fields immutable after {@link #add}. */
    public static final class Exp {
        final int protocol;
        /** null: any source */
        final byte[] source;
        final byte[] destination;
        /** -1: any source port */
        final int sourcePort;
        final int destinationPort;
        public final long masterId;
        /** (slot, generation) of the master in the conntrack table, to see whether it still lives. */
        public final int masterSlot;
        public final int masterGen;
        public final String helper;
        final byte[] masterSource;
        final byte[] masterDestination;
        final int masterSourcePort;
        final int masterDestinationPort;
        final long expiresMillis;
        /** The destination NAT the expected connection gets (nf_nat_follow_master), or null for none. */
        public final byte[] natAddress;
        public final int natPort;
        Exp next;

        public Exp(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort, long masterId,
                int masterSlot, int masterGen, String helper, byte[] masterSource, byte[] masterDestination,
                int masterSourcePort, int masterDestinationPort, long expiresMillis) {
            this(protocol, source, destination, sourcePort, destinationPort, masterId, masterSlot, masterGen, helper,
                    masterSource, masterDestination, masterSourcePort, masterDestinationPort, expiresMillis, null, 0);
        }

        /**
         * An expectation whose connection gets destination NAT to {@code natAddress:natPort} (4 or 16 bytes, as
         * the destination).
         */
        public Exp(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort, long masterId,
                int masterSlot, int masterGen, String helper, byte[] masterSource, byte[] masterDestination,
                int masterSourcePort, int masterDestinationPort, long expiresMillis, byte[] natAddress, int natPort) {
            if (natAddress != null && (destination == null || natAddress.length != destination.length
                    || natPort < 0 || natPort > 65535)) {
                throw new IllegalArgumentException("expectation NAT must be an address of the expectation's family"
                        + " and a port");
            }
            this.natAddress = natAddress == null ? null : natAddress.clone();
            this.natPort = natPort;
            if (destination == null || (destination.length != 4 && destination.length != 16)
                    || (source != null && source.length != destination.length)) {
                throw new IllegalArgumentException("expectation addresses must be 4 or 16 bytes, both the same");
            }
            if (destinationPort < 0 || destinationPort > 65535 || sourcePort < -1 || sourcePort > 65535) {
                throw new IllegalArgumentException("expectation port out of range");
            }
            this.protocol = protocol;
            this.source = source == null ? null : source.clone();
            this.destination = destination.clone();
            this.sourcePort = sourcePort;
            this.destinationPort = destinationPort;
            this.masterId = masterId;
            this.masterSlot = masterSlot;
            this.masterGen = masterGen;
            this.helper = helper;
            this.masterSource = masterSource;
            this.masterDestination = masterDestination;
            this.masterSourcePort = masterSourcePort;
            this.masterDestinationPort = masterDestinationPort;
            this.expiresMillis = expiresMillis;
        }

        boolean fits(int proto, byte[] buf, int srcOff, int dstOff, int len, int sport, int dport) {
            if (proto != protocol || dport != destinationPort || len != destination.length
                    || (sourcePort >= 0 && sport != sourcePort)) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (buf[dstOff + i] != destination[i]) {
                    return false;
                }
            }
            if (source != null) {
                for (int i = 0; i < len; i++) {
                    if (buf[srcOff + i] != source[i]) {
                        return false;
                    }
                }
            }
            return true;
        }

        public Expectation snapshot() {
            return new Expectation(protocol, source == null ? null : addr(source), addr(destination), sourcePort,
                    destinationPort, masterId, addr(masterSource), addr(masterDestination), masterSourcePort,
                    masterDestinationPort, helper, expiresMillis);
        }
    }

    private static final class Stripe {
        Exp head;
    }

    public boolean isEmpty() {
        return count.get() == 0;
    }

    public int size() {
        return count.get();
    }

    /**
     * Adds an expectation. Beyond {@code maxPerMaster} live expectations of the same master, the oldest of
     * them goes (as the kernel replaces it); an identical expectation is refreshed, not doubled.
     *
     * @return false when the table is full
     */
    public boolean add(Exp e, int maxPerMaster, long now) {
        return add(e, maxPerMaster, now, false);
    }

    /**
     * {@link #add}, and with {@code unique} false also when another master already expects the same tuple
     * (the kernel's -EBUSY, which makes a NAT helper try the next port); the same master's own identical
     * expectation is still replaced.
     */
    public boolean add(Exp e, int maxPerMaster, long now, boolean unique) {
        if (unique) {
            boolean[] clash = new boolean[1];
            forEach(x -> {
                if (x.masterId != e.masterId && x.expiresMillis > now && x.protocol == e.protocol
                        && x.destinationPort == e.destinationPort && java.util.Arrays.equals(x.destination, e.destination)
                        && (x.sourcePort < 0 || e.sourcePort < 0 || x.sourcePort == e.sourcePort)
                        && (x.source == null || e.source == null || java.util.Arrays.equals(x.source, e.source))) {
                    clash[0] = true;
                }
            });
            if (clash[0]) {
                return false;
            }
        }
        if (count.get() >= MAX) {
            expire(now);
            if (count.get() >= MAX) {
                return false;
            }
        }
        // identical one (same tuple): replace
        removeIf(x -> x.protocol == e.protocol && x.destinationPort == e.destinationPort
                && java.util.Arrays.equals(x.destination, e.destination) && x.sourcePort == e.sourcePort
                && java.util.Arrays.equals(x.source, e.source));
        List<Exp> mine = new ArrayList<>();
        forEach(x -> {
            if (x.masterId == e.masterId) {
                mine.add(x);
            }
        });
        if (mine.size() >= maxPerMaster) {
            mine.sort((a, b) -> Long.compare(a.expiresMillis, b.expiresMillis));
            for (int i = 0; i <= mine.size() - maxPerMaster; i++) {
                Exp old = mine.get(i);
                removeIf(x -> x == old);
            }
        }
        Stripe s = stripes[stripe(e.protocol, e.destination, 0, e.destination.length, e.destinationPort)];
        synchronized (s) {
            e.next = s.head;
            s.head = e;
        }
        count.incrementAndGet();
        return true;
    }

    /**
     * Takes the expectation a new connection fits, given its addresses in {@code buf} (source at
     * {@code srcOff}, destination at {@code dstOff}, {@code len} bytes each) and ports. Expired ones met on
     * the way are dropped. Allocates nothing.
     *
     * @return the expectation, removed from the table, or null
     */
    public Exp take(int proto, byte[] buf, int srcOff, int dstOff, int len, int sport, int dport, long now) {
        Stripe s = stripes[stripe(proto, buf, dstOff, len, dport)];
        synchronized (s) {
            Exp prev = null;
            for (Exp e = s.head; e != null; e = e.next) {
                if (e.expiresMillis <= now) {
                    unlink(s, prev, e);
                    continue; // prev stays
                }
                if (e.fits(proto, buf, srcOff, dstOff, len, sport, dport)) {
                    unlink(s, prev, e);
                    return e;
                }
                prev = e;
            }
        }
        return null;
    }

    private void unlink(Stripe s, Exp prev, Exp e) {
        if (prev == null) {
            s.head = e.next;
        } else {
            prev.next = e.next;
        }
        count.decrementAndGet();
    }

    /** Removes the expectations the predicate selects; returns how many. */
    public int removeIf(Predicate<Exp> which) {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                Exp prev = null;
                for (Exp e = s.head; e != null; e = e.next) {
                    if (which.test(e)) {
                        unlink(s, prev, e);
                        n++;
                    } else {
                        prev = e;
                    }
                }
            }
        }
        return n;
    }

    /** Removes expired expectations (the sweeper calls it). */
    public int expire(long now) {
        return removeIf(e -> e.expiresMillis <= now);
    }

    private void forEach(java.util.function.Consumer<Exp> c) {
        for (Stripe s : stripes) {
            synchronized (s) {
                for (Exp e = s.head; e != null; e = e.next) {
                    c.accept(e);
                }
            }
        }
    }

    /** Snapshots of the live expectations. */
    public List<Expectation> list(long now) {
        List<Expectation> out = new ArrayList<>();
        forEach(e -> {
            if (e.expiresMillis > now) {
                out.add(e.snapshot());
            }
        });
        return out;
    }

    private static int stripe(int proto, byte[] a, int off, int len, int port) {
        int h = proto * 31 + port;
        for (int i = 0; i < len; i++) {
            h = h * 31 + a[off + i];
        }
        h ^= h >>> 16;
        return h & (STRIPES - 1);
    }

    static InetAddress addr(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + a.length + " bytes", e);
        }
    }
}
