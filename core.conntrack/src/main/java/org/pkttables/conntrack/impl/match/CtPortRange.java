package org.pkttables.conntrack.impl.match;

/**
 * A port range of the conntrack match ({@code --ctorigsrcport} ...), inclusive. Unlike the shared
 * {@link org.pkttables.api.ext.PortRange} it may be reversed ({@code 4:3}), as iptables 1.8.9 takes it: no port
 * lies in it, so it never matches (and its {@code !} always does).
 */
record CtPortRange(int lo, int hi) {
}
