package org.pkttables.conntrack.impl;

/**
 * The table's symmetric, keyed tuple hash: hash(a, b) == hash(b, a), so either direction of a connection
 * lands in the same bucket, and the key (a random seed per start) keeps crafted tuples from collapsing the
 * table. Separate from the table so tools can compute the hash an attacker would see for a known seed.
 */
public final class TupleHash {
    private final long seedA;
    private final long seedB;
    private final long seedC;
    /** The endpoint hash of a zero high word (every IPv4 address), computed once. */
    private final long hiZero;

    public TupleHash(long seed) {
        long s = seed;
        seedA = mix(s += 0x9E3779B97F4A7C15L);
        seedB = mix(s += 0x9E3779B97F4A7C15L);
        seedC = mix(s + 0x9E3779B97F4A7C15L) | 1;
        hiZero = mix(seedB);
    }

    /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /**
     * One endpoint, keyed: a bijection of (address, port) for IPv4 (the port goes above the 32 address
     * bits), so two IPv4 endpoints never share a value; the IPv6 high word is mixed in first.
     */
    private long endpoint(long hi, long lo, int port) {
        long h = hi == 0 ? hiZero : mix(hi ^ seedB);
        return mix(((lo ^ ((long) port << 48)) ^ seedA) + h);
    }

    /**
     * Both endpoints hashed on their own and added (commutative, so symmetric); two finalizer rounds per
     * packet, independent of each other so the CPU overlaps them. {@code meta} is family, protocol and
     * ICMP type/code.
     */
    public int hash(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort, int meta) {
        long x = (endpoint(aHi, aLo, aPort) + endpoint(bHi, bLo, bPort)) ^ (meta * seedC);
        return (int) (x ^ (x >>> 32));
    }

    /** The hash of an IPv4 tuple with ports (TCP, UDP ...), as a tool crafting tuples would compute it. */
    public int hashIpv4(int proto, int src, int dst, int sport, int dport) {
        return hash(0, src & 0xffffffffL, sport, 0, dst & 0xffffffffL, dport, PacketTuple.meta(false, proto, 0, 0));
    }
}
