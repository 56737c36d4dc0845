package org.pkttables.conntrack;

/** An expectation that appeared ({@code conntrack -E expect} shows it as {@code [NEW]}). */
public record ExpectationEvent(Type type, Expectation expectation, long timestampMillis) {
    /** NEW: a helper announced the connection (the kernel's IPEXP_NEW, the only one iptables names). */
    public enum Type { NEW }
}
