package org.pkttables.ext.ipset.impl;

import org.pkttables.api.PacketContext;

/**
 * The packet mark of {@code hash:ip,mark}, masked with the set's {@code markmask} when it is stored and
 * when a packet is looked up (the kernel's {@code e.mark = skb->mark & h->markmask}); printed as ipset
 * prints marks, {@code 0x%08x}.
 */
final class MarkDim extends Dim {
    private final long markmask;

    MarkDim(long markmask) {
        this.markmask = markmask;
    }

    @Override
    int[] fieldBits() {
        return new int[] {32};
    }

    @Override
    Values parse(String text) {
        return Values.one(Numbers.parse(text, 0, 0xffffffffL) & markmask);
    }

    @Override
    void format(long[] f, int off, StringBuilder out) {
        out.append(String.format("0x%08x", f[off]));
    }

    @Override
    boolean extract(PacketContext p, boolean src, long[] f, int off) {
        f[off] = (p.mark() & 0xffffffffL) & markmask; // the direction flag means nothing for a mark
        return true;
    }
}
