package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Checksums;
import org.pkttables.api.ext.Target;

/**
 * A compiled ECN target, as ipt_ECN: the IP codepoint (IP checksum adjusted), then for TCP packets the
 * ECE/CWR flags (TCP checksum adjusted). Later fragments carry no TCP header and are left alone; a
 * header cut short is dropped, as the kernel does when it cannot write it. -1 means "leave as is".
 */
record EcnTarget(int ect, int ece, int cwr) implements Target {
    private static final int ECE = 0x40;
    private static final int CWR = 0x80;

    @Override
    public int apply(PacketContext p) {
        if (ect >= 0) {
            int ds = DsField.get(p, false);
            if (ds < 0) {
                return Verdict.DROP;
            }
            int nv = (ds & ~3) | ect;
            if (nv != ds) {
                DsField.set(p, false, nv);
            }
        }
        if ((ece >= 0 || cwr >= 0) && p.l4Proto() == 6 && p.fragOffset() == 0) {
            int th = p.l4Offset();
            if (th < 0 || !p.has(th, 20)) {
                return Verdict.DROP;
            }
            int word = p.u16(th + 12);
            int flags = word & 0xff;
            int nf = flags;
            if (ece >= 0) {
                nf = ece == 1 ? nf | ECE : nf & ~ECE;
            }
            if (cwr >= 0) {
                nf = cwr == 1 ? nf | CWR : nf & ~CWR;
            }
            if (nf != flags) {
                int nw = (word & 0xff00) | nf;
                Checksums.replace16(p, th + 16, word, nw);
                p.put16(th + 12, nw);
            }
        }
        return Verdict.CONTINUE;
    }
}
