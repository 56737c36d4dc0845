package org.pkttables.conntrack.impl.defrag;

/**
 * One datagram being reassembled (the kernel's ipq / frag_queue): its key, the fragments held so far
 * sorted by offset (their payloads in the {@link FragmentStore}), the first fragment's headers, and
 * the sizes the output fragments again by. Preallocated and reused; only its {@link Reassembler} touches it.
 */
final class FragQueue {
    /** Pieces one datagram may have: 65535 bytes in 552-byte fragments (MTU 576) need 119. */
    static final int MAX_PIECES = 128;
    /** Room for the first fragment's link-layer and unfragmentable IP headers. */
    static final int MAX_HEADER = 256;

    boolean used;
    // key: addresses (IPv4 in a0/b0), identification, protocol (IPv4 only)
    long a0;
    long a1;
    long b0;
    long b1;
    long id;
    int proto;
    long expires;

    /** Payload length known so far (the end of the furthest fragment); final once {@link #lastIn}. */
    int len;
    boolean lastIn;
    boolean firstIn;
    /** Payload bytes held. */
    int meat;
    /** Largest fragment (whole IP packet), and the largest with DF set (IPv4). */
    int maxSize;
    int maxDfSize;

    int pieces;
    final int[] off = new int[MAX_PIECES];
    final int[] end = new int[MAX_PIECES];
    final int[] blk = new int[MAX_PIECES];

    /** Link-layer and IP headers of the first fragment (IPv6: without the fragment header). */
    final byte[] hdr = new byte[MAX_HEADER];
    int hdrLen;
    /** Where the IP header starts in {@link #hdr}. */
    int l3;
    /** IPv6: index in {@link #hdr} of the next-header byte that named the fragment header, and its next header. */
    int nextHdrAt;
    int fragNext;

    void init(long a0, long a1, long b0, long b1, long id, int proto, long expires) {
        used = true;
        this.a0 = a0;
        this.a1 = a1;
        this.b0 = b0;
        this.b1 = b1;
        this.id = id;
        this.proto = proto;
        this.expires = expires;
        len = 0;
        lastIn = false;
        firstIn = false;
        meat = 0;
        maxSize = 0;
        maxDfSize = 0;
        pieces = 0;
        hdrLen = 0;
    }

    boolean is(long a0, long a1, long b0, long b1, long id, int proto) {
        return used && this.id == id && this.a0 == a0 && this.b0 == b0 && this.a1 == a1 && this.b1 == b1
                && this.proto == proto;
    }

    boolean complete() {
        return firstIn && lastIn && meat == len;
    }
}
