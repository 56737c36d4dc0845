package org.pkttables.nat.impl;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;

/** The IPv6 forms of the NAT targets are refused by name until NAT66 exists (never a rule that does nothing). */
final class Nat66 {
    private Nat66() {
    }

    static final String MESSAGE = "NAT66 (IPv6 NAT) is not built yet; only IPv4 NAT (iptables -t nat) is";

    static void refuse(Args a, String target) {
        if (a.family() == Family.IPV6) {
            throw new IllegalArgumentException(target + ": " + MESSAGE);
        }
    }
}
