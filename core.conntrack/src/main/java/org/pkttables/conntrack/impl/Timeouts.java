package org.pkttables.conntrack.impl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Timeouts per protocol and TCP state, in milliseconds, with the kernel's defaults (6.x sysctls
 * net.netfilter.nf_conntrack_*). Each value is read at every packet, so a change applies to existing
 * entries at their next packet, as in the kernel. Plain array writes are enough: a worker seeing the old
 * value for a moment is harmless.
 */
final class Timeouts {
    // TCP, indexed by TcpStates state number, then RETRANS and UNACK.
    static final int TCP_RETRANS = TcpStates.COUNT;
    static final int TCP_UNACK = TcpStates.COUNT + 1;
    static final int UDP = TcpStates.COUNT + 2;
    static final int UDP_STREAM = TcpStates.COUNT + 3;
    static final int ICMP = TcpStates.COUNT + 4;
    static final int ICMPV6 = TcpStates.COUNT + 5;
    static final int GENERIC = TcpStates.COUNT + 6;
    static final int PRESSURE = TcpStates.COUNT + 7;
    static final String PRESSURE_NAME = "unreplied_timeout_pressure";
    private static final int SIZE = TcpStates.COUNT + 8;

    private static final String[] NAMES = new String[SIZE];
    private static final long[] DEFAULTS = new long[SIZE];

    static {
        def(TcpStates.NONE, null, 0);
        def(TcpStates.SYN_SENT, "tcp_timeout_syn_sent", 120);
        def(TcpStates.SYN_RECV, "tcp_timeout_syn_recv", 60);
        def(TcpStates.ESTABLISHED, "tcp_timeout_established", 432000);
        def(TcpStates.FIN_WAIT, "tcp_timeout_fin_wait", 120);
        def(TcpStates.CLOSE_WAIT, "tcp_timeout_close_wait", 60);
        def(TcpStates.LAST_ACK, "tcp_timeout_last_ack", 30);
        def(TcpStates.TIME_WAIT, "tcp_timeout_time_wait", 120);
        def(TcpStates.CLOSE, "tcp_timeout_close", 10);
        def(TcpStates.SYN_SENT2, "tcp_timeout_syn_sent2", 120);
        def(TCP_RETRANS, "tcp_timeout_max_retrans", 300);
        def(TCP_UNACK, "tcp_timeout_unacknowledged", 300);
        def(UDP, "udp_timeout", 30);
        def(UDP_STREAM, "udp_timeout_stream", 120);
        def(ICMP, "icmp_timeout", 30);
        def(ICMPV6, "icmpv6_timeout", 30);
        def(GENERIC, "generic_timeout", 600);
        // Not a kernel key: the timeout of unreplied entries while the table is nearly full (SYN floods).
        def(PRESSURE, PRESSURE_NAME, 5);
    }

    private static void def(int i, String name, long seconds) {
        NAMES[i] = name;
        DEFAULTS[i] = seconds * 1000;
    }

    private final long[] ms = DEFAULTS.clone();

    long get(int i) {
        return ms[i];
    }

    Map<String, Long> asSeconds() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < SIZE; i++) {
            if (NAMES[i] != null) {
                m.put(NAMES[i], ms[i] / 1000);
            }
        }
        return m;
    }

    void set(String name, long seconds) {
        long max = ConntrackTable.MAX_TIMEOUT_MS / 1000;
        if (seconds < 0 || seconds > max) {
            throw new IllegalArgumentException("timeout " + name + ": " + seconds + " is outside 0.." + max
                    + " (24 days)");
        }
        String n = name.startsWith("nf_conntrack_") ? name.substring("nf_conntrack_".length()) : name;
        for (int i = 0; i < SIZE; i++) {
            if (n.equals(NAMES[i])) {
                ms[i] = seconds * 1000;
                return;
            }
        }
        throw new IllegalArgumentException("unknown timeout '" + name + "' (known: "
                + String.join(", ", asSeconds().keySet()) + ")");
    }
}
