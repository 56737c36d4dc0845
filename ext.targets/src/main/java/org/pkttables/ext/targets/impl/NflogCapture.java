package org.pkttables.ext.targets.impl;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.ext.targets.api.NflogListener;

/**
 * The packets of one NFLOG group on their way to a capture file: workers copy each packet into a slot
 * of a bounded ring (many producers, one consumer, without a lock: a slot is claimed with one CAS and
 * published with its sequence number) and the capturing command takes them out in order. A full ring
 * drops the packet and counts it, as the kernel's nfnetlink_log drops for a slow reader: the worker never
 * waits. A slot's buffer grows once to the largest packet it held and is reused after that.
 */
final class NflogCapture implements NflogListener {
    /** One packet taken out of the ring; valid until the next {@link #poll}. */
    static final class Packet {
        byte[] data;
        int length;
        int originalLength;
        long timeMillis;
        int family;
        int hook;
        String prefix;
    }

    private final int group;
    private final int mask;
    private final AtomicLongArray sequences;
    private final byte[][] buffers;
    private final int[] lengths;
    private final int[] originalLengths;
    private final long[] times;
    private final int[] families;
    private final int[] hooks;
    private final String[] prefixes;
    private final AtomicLong tail = new AtomicLong();
    private long head;
    private final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Packet out = new Packet();

    /** A ring of {@code capacity} packets (a power of two) for NFLOG group {@code group}. */
    NflogCapture(int group, int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
        }
        this.group = group;
        this.mask = capacity - 1;
        this.sequences = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            sequences.set(i, i);
        }
        buffers = new byte[capacity][];
        lengths = new int[capacity];
        originalLengths = new int[capacity];
        times = new long[capacity];
        families = new int[capacity];
        hooks = new int[capacity];
        prefixes = new String[capacity];
    }

    @Override
    public void packet(int group, String prefix, PacketContext p, int size) {
        if (group != this.group) {
            return;
        }
        received.increment();
        long pos = tail.get();
        while (true) {
            int i = (int) pos & mask;
            long dif = sequences.get(i) - pos;
            if (dif == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    fill(i, prefix, p, size);
                    sequences.set(i, pos + 1);
                    return;
                }
                pos = tail.get();
            } else if (dif < 0) {
                dropped.increment();
                return;
            } else {
                pos = tail.get();
            }
        }
    }

    private void fill(int i, String prefix, PacketContext p, int size) {
        int from = p.l3Offset();
        int whole = p.end() - from;
        int n = size < 0 ? whole : Math.min(size, whole);
        byte[] b = buffers[i];
        if (b == null || b.length < n) {
            buffers[i] = b = new byte[Math.max(n, 2048)];
        }
        System.arraycopy(p.buffer(), from, b, 0, n);
        lengths[i] = n;
        originalLengths[i] = whole;
        times[i] = System.currentTimeMillis();
        families[i] = p.family() == Family.IPV6 ? NflogPcap.AF_INET6 : NflogPcap.AF_INET;
        hooks[i] = p.hook() == null ? 0 : p.hook().ordinal();
        prefixes[i] = prefix;
    }

    /** The next packet, or null when none is waiting (one consumer only). */
    Packet poll() {
        int i = (int) head & mask;
        if (sequences.get(i) != head + 1) {
            return null;
        }
        out.data = buffers[i];
        out.length = lengths[i];
        out.originalLength = originalLengths[i];
        out.timeMillis = times[i];
        out.family = families[i];
        out.hook = hooks[i];
        out.prefix = prefixes[i];
        return out;
    }

    /** Frees the slot {@link #poll} returned, once its packet is written. */
    void release() {
        int i = (int) head & mask;
        sequences.set(i, head + mask + 1);
        head++;
    }

    /** The NFLOG group captured. */
    int group() {
        return group;
    }

    /** Packets of the group that reached the capture. */
    long received() {
        return received.sum();
    }

    /** Packets dropped because the ring was full. */
    long dropped() {
        return dropped.sum();
    }
}
