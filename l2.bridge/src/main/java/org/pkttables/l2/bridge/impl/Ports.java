package org.pkttables.l2.bridge.impl;

/** Which IP protocols have ports at the start of their header (ebt_ip/ebt_ip6 check ports only for these). */
final class Ports {
    private Ports() {
    }

    static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136;
    }
}
