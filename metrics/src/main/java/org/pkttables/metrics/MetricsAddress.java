package org.pkttables.metrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the endpoint listens, from {@code run --metrics [ADDR:]PORT} or the ConfigAdmin property
 * {@code address}: {@code PORT} alone is the loopback address (nothing outside the machine reaches it
 * unless an address is given), {@code ADDR:PORT} or {@code [V6ADDR]:PORT} an explicit one.
 */
record MetricsAddress(InetAddress address, int port) {
    /**
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    static MetricsAddress parse(String text) {
        String t = text.strip();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("metrics address `" + text + "': want [V6ADDR]:PORT");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else if (t.indexOf(':') != t.lastIndexOf(':')) {
            throw new IllegalArgumentException("metrics address `" + text + "': write an IPv6 address as [ADDR]:PORT");
        } else if (t.contains(":")) {
            host = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        } else {
            host = null;
            port = t;
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics address `" + text + "': `" + port + "' is not a port number", e);
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("metrics address `" + text + "': port " + p + " is outside 0..65535");
        }
        if (host == null) {
            return new MetricsAddress(InetAddress.getLoopbackAddress(), p);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("metrics address `" + text + "': no address before the port");
        }
        try {
            return new MetricsAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("metrics address `" + text + "': unknown host `" + host + "'", e);
        }
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String a = address.getHostAddress();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port;
    }
}
