package org.pkttables.io.bridge;

import java.util.ArrayList;
import java.util.List;
import org.pkttables.io.workers.ModeRuntime;
import org.pkttables.io.workers.WorkerCount;

/**
 * Which interfaces to bridge and how: from ConfigAdmin or the pkttables.bridge system properties.
 * {@code callIptables}, {@code callIp6tables}, {@code callArptables}: whether bridged IPv4, IPv6 and
 * ARP frames also pass their own family's hooks (br_netfilter's {@code bridge-nf-call-*} sysctls);
 * they change on a running bridge without a restart.
 */
public record BridgeSettings(List<String> ports, WorkerCount workers, int ageingSeconds, boolean callIptables,
        boolean callIp6tables, boolean callArptables) {
    /** {@code workers} given explicitly, all call-* switches on. */
    public BridgeSettings(List<String> ports, int workers, int ageingSeconds) {
        this(ports, workers, ageingSeconds, true, true, true);
    }

    /** {@code workers} given explicitly. */
    public BridgeSettings(List<String> ports, int workers, int ageingSeconds, boolean callIptables,
            boolean callIp6tables, boolean callArptables) {
        this(ports, WorkerCount.explicit(workers, "configuration"), ageingSeconds, callIptables, callIp6tables,
                callArptables);
    }

    public BridgeSettings {
        if (ports.size() < 2) {
            throw new IllegalArgumentException("a bridge needs two or more ports, got " + ports.size() + ": " + ports);
        }
        ModeRuntime.check(ports, workers.count());
        if (ageingSeconds < 1) {
            throw new IllegalArgumentException("ageing must be at least 1 second, got " + ageingSeconds);
        }
        ports = List.copyOf(ports);
    }

    /** These settings with other call-* switches. */
    BridgeSettings withCalls(boolean iptables, boolean ip6tables, boolean arptables) {
        return new BridgeSettings(ports, workers, ageingSeconds, iptables, ip6tables, arptables);
    }

    /** True when {@code o} attaches the same way (only the call-* switches may differ). */
    boolean sameAttachment(BridgeSettings o) {
        return o != null && ports.equals(o.ports) && workers.count() == o.workers.count()
                && ageingSeconds == o.ageingSeconds;
    }

    /** "IF1,IF2[,...]" (blanks around names ignored); an empty list when {@code s} is blank. */
    public static List<String> parsePorts(String s) {
        List<String> l = new ArrayList<>();
        if (s == null || s.isBlank()) {
            return l;
        }
        for (String p : s.split(",")) {
            l.add(p.trim());
        }
        return l;
    }
}
