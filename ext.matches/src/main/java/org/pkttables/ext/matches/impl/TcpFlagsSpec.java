package org.pkttables.ext.matches.impl;

/** The value of {@code --tcp-flags MASK COMP}: the flags examined and those of them that must be set. */
record TcpFlagsSpec(int mask, int comp) {
    /** What {@code --syn} stands for: SYN set, ACK, RST and FIN clear. */
    static final TcpFlagsSpec SYN_ONLY = new TcpFlagsSpec(
            TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST | TcpFlags.ACK, TcpFlags.SYN);
}
