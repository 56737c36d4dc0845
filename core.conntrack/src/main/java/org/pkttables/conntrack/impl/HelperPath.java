package org.pkttables.conntrack.impl;

import java.util.function.LongSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.ConntrackHelper;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.impl.helper.CtTemplate;
import org.pkttables.conntrack.impl.helper.ExpectationTable;
import org.pkttables.conntrack.impl.helper.HelperBindings;
import org.pkttables.conntrack.impl.helper.HelperConn;
import org.pkttables.conntrack.impl.helper.HelperRegistry;

/**
 * The packet path's helper part (the kernel's nf_conntrack_helper and the expectation lookup of
 * init_conntrack): binds a new connection to its expectation, helper and event masks, and runs the helper
 * on an accepted packet with payload at confirm time. Only reached when a CT template, an expectation or
 * a helped connection is involved; one reusable {@link HelperConn} per worker.
 */
final class HelperPath {
    private final ConntrackTable table;
    private final HelperBindings bindings;
    private final ExpectationTable expectations;
    private final HelperRegistry registry;
    private final ConntrackEvents events;
    private final HelperConn[] helperConns = new HelperConn[PacketContext.MAX_WORKERS];
    private final HelperConn.Addresses addressReader = this::address;

    HelperPath(ConntrackTable table, HelperBindings bindings, ExpectationTable expectations,
            HelperRegistry registry, ConntrackEvents events, LongSupplier clock, SeqAdjust seqAdjust) {
        this.table = table;
        this.bindings = bindings;
        this.expectations = expectations;
        this.registry = registry;
        this.events = events;
        for (int i = 0; i < helperConns.length; i++) {
            helperConns[i] = new HelperConn(expectations, clock, events::expectationCreated).seqAdjust(seqAdjust);
        }
    }

    /** Whether a new connection needs {@link #start}: a template with a helper or masks, or expectations. */
    boolean wanted(CtTemplate tmpl) {
        return (tmpl != null && (tmpl.helper != null || tmpl.eventMask != -1 || tmpl.expMask != -1))
                || !expectations.isEmpty();
    }

    /**
     * A new connection that was expected becomes RELATED and remembers its master's helper; one whose
     * template names a deployed helper of its protocol gets that helper (status HELPER).
     */
    void start(PacketContext p, CtView v, PacketTuple t, int s, long now) {
        String masterHelper = null;
        if (!expectations.isEmpty()) {
            int len = t.v6 ? 16 : 4;
            int src = p.l3Offset() + (t.v6 ? 8 : 12);
            ExpectationTable.Exp e = expectations.take(t.proto, p.buffer(), src, src + len, len, t.sport, t.dport, now);
            if (e != null && table.gen(e.masterSlot) == e.masterGen) { // its master still lives
                table.orStatus(s, CtStatus.EXPECTED);
                v.state = CtState.RELATED;
                masterHelper = e.helper;
                if (e.natAddress != null) {
                    followMaster(s, e);
                }
            }
        }
        CtTemplate tmpl = v.template;
        ConntrackHelper h = tmpl == null || tmpl.helper == null ? null : registry.get(tmpl.helper);
        if (h != null && h.protocol() != t.proto) {
            h = null;
        }
        if (h != null) {
            table.orStatus(s, CtStatus.HELPER);
        }
        int eventMask = tmpl == null ? -1 : tmpl.eventMask;
        int expEvents = tmpl == null ? -1 : tmpl.expMask;
        if (eventMask != -1) {
            events.eventMasks = true;
        }
        if (h != null || masterHelper != null || eventMask != -1 || expEvents != -1) {
            bindings.bind(s, table.gen(s), h, masterHelper, eventMask, expEvents);
        }
    }

    /**
     * The destination NAT an expectation carries (the DST half of the kernel's nf_nat_follow_master), set
     * before the nat hooks see the connection: its destination becomes the expectation's NAT address and
     * port, so its reply tuple runs from there back to the connection's source. Source NAT is left to the
     * nat table as for any new connection (a null binding when no rule maps it; MASQUERADE for a passive FTP
     * data connection from inside), whose decision composes with this one. Nothing when the NAT changes
     * nothing.
     */
    private void followMaster(int s, ExpectationTable.Exp e) {
        byte[] a = e.natAddress;
        long natHi = 0;
        long nat = 0;
        if (a.length == 4) {
            nat = (a[0] & 0xffL) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
        } else {
            for (int i = 0; i < 8; i++) {
                natHi = natHi << 8 | (a[i] & 0xff);
                nat = nat << 8 | (a[8 + i] & 0xff);
            }
        }
        int ports = table.ports(s);
        if (nat == table.dLo(s) && natHi == table.dHi(s) && e.natPort == (ports & 0xffff)) {
            return;
        }
        table.setReply(s, e.natPort, ports >>> 16, table.meta(s), natHi, nat, table.sHi(s), table.sLo(s));
        table.orStatus(s, CtStatus.DST_NAT | CtStatus.DST_NAT_DONE);
    }

    /** Runs the connection's helper on a packet with payload (at confirm time, after the rules accepted it). */
    int run(PacketContext p, CtView v) {
        HelperBindings.Binding b = bindings.get(v.slot, v.gen);
        if (b == null || b.helper() == null) {
            return Verdict.ACCEPT;
        }
        PacketTuple t = v.tuple;
        int l4 = t.l4;
        int payload;
        if (t.proto == 6) {
            if (!p.has(l4, 20)) {
                return Verdict.ACCEPT;
            }
            payload = l4 + (p.u8(l4 + 12) >>> 4) * 4;
        } else if (t.proto == 17) {
            payload = l4 + 8;
        } else {
            return Verdict.ACCEPT;
        }
        int len = t.ipEnd - payload;
        if (len <= 0) {
            return Verdict.ACCEPT;
        }
        int s = v.slot;
        int ports = table.ports(s);
        HelperConn c = helperConns[p.worker()].with(b.helper(), v.reply, ((table.meta(s) >>> 24) & 1) != 0,
                addressReader, ports >>> 16, ports & 0xffff, table.id(s), s, v.gen);
        c.data(b.data());
        if (table.natted(s)) {
            c.nat(table.rSHi(s), table.rSLo(s), table.rDHi(s), table.rDLo(s), table.rPorts(s));
        }
        return b.helper().help(p, payload, len, c);
    }

    /** The original source or destination address of a slot as bytes (helper path only). */
    private byte[] address(int s, boolean source) {
        boolean v6 = ((table.meta(s) >>> 24) & 1) != 0;
        long hi = source ? table.sHi(s) : table.dHi(s);
        long lo = source ? table.sLo(s) : table.dLo(s);
        byte[] a = new byte[v6 ? 16 : 4];
        if (!v6) {
            for (int i = 0; i < 4; i++) {
                a[i] = (byte) (lo >>> (24 - 8 * i));
            }
        } else {
            for (int i = 0; i < 8; i++) {
                a[i] = (byte) (hi >>> (56 - 8 * i));
                a[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
        }
        return a;
    }
}
