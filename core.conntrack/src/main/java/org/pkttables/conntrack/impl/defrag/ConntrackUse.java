package org.pkttables.conntrack.impl.defrag;

import java.util.Set;
import java.util.function.Supplier;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;

/**
 * Whether a family's ruleset uses connection tracking, as the kernel decides whether to defragment:
 * nf_defrag_ipv4/ipv6 hook in only once a rule calls nf_ct_netns_get (or nf_defrag_ipv*_enable) for the
 * family: the conntrack, state, connmark, connbytes, connlabel, connlimit, helper, cluster and socket
 * matches, the CT, NOTRACK, CONNMARK, CONNSECMARK, TPROXY and NAT targets, and any rule of the nat table.
 * Without such a rule fragments pass one by one, as through a kernel without conntrack. Scanned again
 * only when the ruleset's generation changes.
 */
public final class ConntrackUse {
    static final Set<String> MATCHES = Set.of("conntrack", "state", "connmark", "connbytes", "connlabel", "connlimit",
            "helper", "cluster", "socket");
    static final Set<String> TARGETS = Set.of("CT", "NOTRACK", "CONNMARK", "CONNSECMARK", "TPROXY", "SNAT", "DNAT",
            "MASQUERADE", "REDIRECT", "NETMAP");

    private final Supplier<Ruleset> ruleset;
    private final long[] scanned = { -1, -1 };
    private final boolean[] used = new boolean[2];

    public ConntrackUse(Supplier<Ruleset> ruleset) {
        this.ruleset = ruleset;
    }

    /** True when {@code f} (IPv4 or IPv6) has a rule that needs conntrack. */
    public boolean inUse(Family f) {
        Ruleset r = ruleset.get();
        if (r == null) {
            return false;
        }
        int i = f == Family.IPV4 ? 0 : 1;
        long g = r.generation();
        synchronized (this) {
            if (scanned[i] != g) {
                used[i] = scan(r, f);
                scanned[i] = g;
            }
            return used[i];
        }
    }

    static boolean scan(Ruleset r, Family f) {
        for (String t : r.tables(f)) {
            TableInfo ti;
            try {
                ti = r.table(f, t);
            } catch (RulesetException e) {
                continue; // gone between the two calls: nothing in it
            }
            for (ChainInfo c : ti.chains()) {
                for (RuleInfo rule : c.rules()) {
                    if (t.equals("nat") || uses(rule.spec())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean uses(RuleSpec s) {
        if (s == null) {
            return false;
        }
        for (RuleSpec.Call m : s.matches()) {
            if (MATCHES.contains(m.name())) {
                return true;
            }
        }
        return s.target() != null && TARGETS.contains(s.target().name());
    }
}
