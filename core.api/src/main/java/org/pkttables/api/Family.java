package org.pkttables.api;

import java.util.Locale;

/** An address family with its own tables: the netfilter NFPROTO_* values pkttables knows. */
public enum Family {
    IPV4("ipv4", "iptables"),
    IPV6("ipv6", "ip6tables"),
    ARP("arp", "arptables"),
    BRIDGE("bridge", "ebtables");

    private final String id;
    private final String tool;

    Family(String id, String tool) {
        this.id = id;
        this.tool = tool;
    }

    /** Short name used in service properties and JSON ({@code ipv4}). */
    public String id() {
        return id;
    }

    /** The name of the classic command line tool for this family ({@code iptables}). */
    public String tool() {
        return tool;
    }

    public static Family of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Family f : values()) {
            if (f.id.equals(n) || f.tool.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown family '" + name + "' (ipv4, ipv6, arp, bridge)");
    }
}
