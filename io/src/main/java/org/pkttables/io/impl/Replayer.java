package org.pkttables.io.impl;

import java.io.IOException;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;

/**
 * Runs a capture through the live ruleset as the appliance would: each frame is parsed in place by
 * its family's handler and sent through the hooks of a {@link ReplayPath}, hook functions included
 * (connection tracking and NAT: the nat table runs for each connection's first packet, its rule counters
 * count, and the packets are rewritten, also in {@code --out}; {@link ReplayTranslations} says which). One
 * context and one buffer for the whole file: nothing is allocated per packet.
 */
final class Replayer {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int ETH_ARP = 0x0806;
    private static final int ETH_VLAN = 0x8100;

    private final Ruleset ruleset;

    Replayer(Ruleset ruleset) {
        this.ruleset = ruleset;
    }

    ReplaySummary replay(PcapReader in, PcapWriter out, ReplayPath path, String inIf, String outIf, int worker)
            throws IOException {
        ReplaySummary s = new ReplaySummary();
        PacketContext p = new PacketContext(worker);
        int outType = in.linkType();
        while (in.next()) {
            // per record: a pcapng file's interfaces can differ (a cooked capture's records come as Ethernet)
            boolean ethernet = in.linkType() == PcapReader.LINKTYPE_ETHERNET;
            if (out != null && in.linkType() != outType) {
                throw new IOException("record " + in.record() + ": link type " + in.linkType()
                        + " differs from the first interface's " + outType + " (--out writes one link type)");
            }
            byte[] b = in.buffer();
            int len = in.length();
            p.reset(b, 0, len);
            Family f;
            int l3;
            if (ethernet) {
                p.setL2(0);
                int type = p.u16(12);
                l3 = 14;
                if (type == ETH_VLAN) {
                    type = p.u16(16);
                    l3 = 18;
                }
                f = type == ETH_IPV4 ? Family.IPV4 : type == ETH_IPV6 ? Family.IPV6 : type == ETH_ARP ? Family.ARP : null;
            } else {
                l3 = 0;
                int v = p.u8(0) >> 4;
                f = v == 4 ? Family.IPV4 : v == 6 ? Family.IPV6 : null;
            }
            if (f == null) {
                // Not ours to filter: a bridge forwards it untouched.
                s.other++;
                if (out != null) {
                    out.write(in.timestampNanos(), b, 0, len);
                    s.written++;
                }
                continue;
            }
            s.frames[f.ordinal()]++;
            long fcBefore = ruleset.failClosedDrops();
            long faultsBefore = ruleset.faultDrops(worker);
            int v = Verdict.ACCEPT;
            if (!ruleset.parse(f, p, l3)) {
                s.malformed++;
                v = Verdict.DROP;
            } else {
                s.translations.before(p);
                for (int i = 0; i < path.hooks.length && v == Verdict.ACCEPT; i++) {
                    p.setHook(path.hooks[i]);
                    p.setInIface(path.hooks[i] == org.pkttables.api.Hook.OUTPUT
                            || path.hooks[i] == org.pkttables.api.Hook.POSTROUTING ? null : inIf);
                    p.setOutIface(path.hooks[i] == org.pkttables.api.Hook.PREROUTING
                            || path.hooks[i] == org.pkttables.api.Hook.INPUT ? null : outIf);
                    v = ruleset.process(p);
                }
            }
            if (v == Verdict.ACCEPT) {
                s.accepted[f.ordinal()]++;
                s.translations.after(p);
                if (out != null) {
                    out.write(in.timestampNanos(), b, 0, len);
                    s.written++;
                }
            } else {
                s.dropped[f.ordinal()]++;
                if (p.rejectWith() != PacketContext.REJECT_NONE) {
                    s.rejected++;
                }
                if (ruleset.failClosedDrops() != fcBefore) {
                    s.failClosed++;
                }
                if (ruleset.faultDrops(worker) != faultsBefore) {
                    // An extension threw on it: dropped and counted by the ruleset; say which, per rule.
                    s.fault(ruleset.lastFault(worker));
                }
            }
        }
        return s;
    }
}
