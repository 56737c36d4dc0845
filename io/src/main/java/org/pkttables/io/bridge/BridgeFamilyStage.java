package org.pkttables.io.bridge;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;
import org.pkttables.api.ChainInfo;
import org.pkttables.api.Verdict;

/**
 * The netfilter hooks a bridged frame passes, in br_netfilter's order: the bridge family's nat
 * PREROUTING (before the forwarding decision, since dnat may change the destination MAC), then the
 * IPv4/IPv6 PREROUTING; per output port the bridge filter FORWARD, the IP (or arp) FORWARD, the
 * bridge nat POSTROUTING and the IP POSTROUTING. One instance per worker, sharing its
 * {@link PacketContext}: the mark set by an ebtables rule is seen by iptables' {@code -m mark}.
 *
 * <p>Whether IPv4, IPv6 and ARP frames reach their own family is switched by {@link Calls}
 * ({@code net.bridge.bridge-nf-call-iptables} and friends). Off: such a frame is bridged like any
 * other frame, through the bridge family only.
 */
public final class BridgeFamilyStage {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int ETH_ARP = 0x0806;

    /** br_netfilter's switches, shared by every worker of a bridge and changeable while it runs. */
    public static final class Calls {
        public volatile boolean iptables = true;
        public volatile boolean ip6tables = true;
        public volatile boolean arptables = true;

        public void set(boolean iptables, boolean ip6tables, boolean arptables) {
            this.iptables = iptables;
            this.ip6tables = ip6tables;
            this.arptables = arptables;
        }
    }

    /** What {@link #prerouting} found the frame to be. */
    public static final int DROP = -1;
    public static final int MALFORMED = -2;
    /** A fragment held for reassembly (nf_defrag): neither forwarded nor a drop. */
    public static final int STOLEN = -3;

    private final Ruleset ruleset;
    private final PacketContext p;
    private final String[] names;
    private Calls calls = new Calls();

    // Generation of the ruleset last scanned for MAC-rewriting rules, and the answer.
    private long scanned = -1;
    private boolean rewrites;

    // The L3 family of the current frame (IPv4, IPv6, ARP), or null: bridge family only.
    private Family l3;
    // The original frame while it is flooded and a rewrite could touch a copy (reused, grown on demand).
    private byte[] pristine = new byte[2048];

    public BridgeFamilyStage(Ruleset ruleset, PacketContext p, String[] names) {
        this.ruleset = ruleset;
        this.p = p;
        this.names = names;
    }

    public void calls(Calls c) {
        calls = c;
    }

    /** The L3 family the current frame goes through besides the bridge family, or null. */
    public Family l3() {
        return l3;
    }

    /**
     * Points the context at the frame and runs the bridge nat PREROUTING, then (IPv4/IPv6, when called)
     * the IP PREROUTING. Returns the ethertype-derived kind: 0 for passed, {@link #DROP} or
     * {@link #MALFORMED}. The context keeps the frame's mark for the per-port hooks.
     */
    public int prerouting(byte[] b, int len, int in) {
        p.reset(b, 0, len);
        p.setL2(0);
        // What the bridge family's handler does, done here so that frames pass even when it is not loaded.
        p.setFamily(Family.BRIDGE);
        p.setL3(14, p.u16(12));
        p.setHook(Hook.PREROUTING);
        p.setInIface(names[in]);
        p.setOutIface(null);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            return DROP;
        }
        int type = p.u16(12);
        Calls c = calls;
        l3 = type == ETH_IPV4 && c.iptables ? Family.IPV4
                : type == ETH_IPV6 && c.ip6tables ? Family.IPV6
                : type == ETH_ARP && c.arptables ? Family.ARP : null;
        if (l3 == null) {
            return 0;
        }
        int mark = p.mark();
        if (!ruleset.parse(l3, p, 14)) {
            return MALFORMED;
        }
        if (l3 == Family.ARP) {
            // br_nf_forward_arp hands only Ethernet/IPv4 ARP (4-byte protocol addresses) to arptables, and
            // only at FORWARD: there is no arp PREROUTING.
            if (p.u8(14 + 5) != 4) {
                l3 = null;
            }
            return 0;
        }
        p.setHook(Hook.PREROUTING);
        p.setInIface(names[in]);
        p.setMark(mark);
        int v = ruleset.process(p);
        return v == Verdict.ACCEPT ? 0 : v == Verdict.STOLEN ? STOLEN : DROP;
    }

    /**
     * True when a flooded frame must be kept aside so that each port's copy starts from the frame as
     * it arrived: the bridge family has a rule that rewrites MAC addresses (snat at POSTROUTING is
     * per port). Checked again only when the ruleset changes.
     */
    public boolean keepPristine() {
        long g = ruleset.generation();
        if (g != scanned) {
            rewrites = scanRewrites();
            scanned = g;
        }
        return rewrites;
    }

    private boolean scanRewrites() {
        for (String t : ruleset.tables(Family.BRIDGE)) {
            TableInfo ti;
            try {
                ti = ruleset.table(Family.BRIDGE, t);
            } catch (RulesetException e) {
                // The table went away between the two calls: nothing in it rewrites.
                continue;
            }
            for (ChainInfo c : ti.chains()) {
                for (RuleInfo r : c.rules()) {
                    if (r.spec() != null && r.spec().target() != null) {
                        String n = r.spec().target().name();
                        if (n.equals("snat") || n.equals("dnat") || n.equals("redirect")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Keeps the current frame aside (see {@link #keepPristine}). */
    public void save(int len) {
        if (pristine.length < len) {
            pristine = new byte[Math.max(len, pristine.length * 2)];
        }
        System.arraycopy(p.buffer(), p.start(), pristine, 0, len);
    }

    /** Puts the frame kept by {@link #save} back, for the next port's copy. */
    public void restore(int len) {
        System.arraycopy(pristine, 0, p.buffer(), p.start(), len);
    }

    /**
     * The per-port hooks: bridge filter FORWARD, the L3 family's FORWARD, bridge nat POSTROUTING, the
     * IP POSTROUTING. {@code mark} is the mark after PREROUTING, the same for every port's copy.
     * Returns true when the frame may go out on {@code out}.
     */
    public boolean forward(int in, int out, int mark) {
        p.setMark(mark);
        p.setRejectWith(PacketContext.REJECT_NONE);
        p.setInIface(names[in]);
        p.setOutIface(names[out]);
        p.setFamily(Family.BRIDGE);
        p.setHook(Hook.FORWARD);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            return false;
        }
        Family f = l3;
        if (f != null) {
            p.setFamily(f);
            if (ruleset.process(p) != Verdict.ACCEPT) {
                // REJECT asks for an error packet; a bridge has no address to send it from, so it is a drop.
                return false;
            }
        }
        // The kernel's POSTROUTING hooks see no input device.
        p.setInIface(null);
        p.setFamily(Family.BRIDGE);
        p.setHook(Hook.POSTROUTING);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            return false;
        }
        if (f == Family.IPV4 || f == Family.IPV6) {
            p.setFamily(f);
            return ruleset.process(p) == Verdict.ACCEPT;
        }
        return true;
    }
}
