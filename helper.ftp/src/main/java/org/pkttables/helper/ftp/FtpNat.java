package org.pkttables.helper.ftp;

import java.nio.charset.StandardCharsets;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.HelperConnection;

/**
 * The FTP helper's NAT part, after the kernel's nf_nat_ftp: on a NATed control connection the address and
 * port a PORT/EPRT (client) or 227/229 (server) announces are the sender's real ones, which the peer cannot
 * reach. They are replaced by the address the peer sees the sender as (the masqueraded address, or the
 * public address of a port-forwarded server) and a port chosen so that the expected data connection is
 * unique (from the announced port upwards, as the kernel); the expectation carries destination NAT back to
 * the real address and port ({@link HelperConnection#expectNat}).
 *
 * <p>The new text is what nf_nat_ftp_fmt_cmd writes, whatever its length: {@code a,b,c,d,p1,p2} for PORT and
 * 227, {@code |1|a.b.c.d|port|} for EPRT (the kernel writes '|' whatever delimiter the client used; on
 * IPv6, NAT66, {@code |2|} and the address in eight 4-digit groups, as {@code %pI6}), {@code |||port|} for
 * 229. It replaces the kernel's match (the numbers of PORT/227, the delimited part of
 * EPRT/229) through {@link HelperConnection#mangleTcp}, which moves the rest of the segment, fixes lengths
 * and checksums and records the length change, so the connection's later segments get their sequence and
 * acknowledgement numbers adjusted (nf_nat_mangle_tcp_packet, nf_ct_seqadj). When the frame cannot take the
 * longer text, or no port is free, the command is dropped, never sent untranslated.
 */
final class FtpNat {
    private FtpNat() {
    }

    /**
     * Translates the announcement {@code cmd} of {@code p} (its sender's real address {@code real}) and makes
     * the expectation. ACCEPT, or DROP when no port is free or the segment cannot be rewritten.
     */
    static int help(PacketContext p, FtpCommand cmd, byte[] real, HelperConnection conn) {
        boolean reply = conn.isReply();
        byte[] seenAs = reply ? conn.originalDestination() : conn.replyDestination();
        byte[] peer = reply ? conn.originalSource() : conn.replySource();
        if (seenAs.length != real.length || seenAs.length == 16 && (cmd.type() == FtpCommand.Type.PORT
                || cmd.type() == FtpCommand.Type.PASV)) {
            return Verdict.ACCEPT; // PORT and 227 carry IPv4 addresses only: nothing to translate on IPv6
        }
        int first = cmd.port();
        // From the announced port upwards (the kernel's order), then the rest of the unprivileged ports, then
        // the privileged ones: the first whose expectation is unique. A retransmission of the same command
        // finds its own expectation (replaced, not a clash), so it is given the same port and the same text.
        for (int i = 0; i < 65535; i++) {
            int port = nth(first, i);
            if (conn.expectNat(6, peer, seenAs, -1, port, real, cmd.port())) {
                byte[] text = text(cmd.type(), seenAs, port);
                return conn.mangleTcp(p, cmd.textStart(), cmd.textEnd() - cmd.textStart(), text, 0, text.length)
                        ? Verdict.ACCEPT : Verdict.DROP;
            }
        }
        return Verdict.DROP; // all ports are in use
    }

    /** The {@code i}-th port tried: {@code first..65535}, then {@code 1024..first-1}, then {@code 1..1023}. */
    static int nth(int first, int i) {
        int high = 65536 - Math.max(first, 1024);
        if (first >= 1024) {
            if (i < high) {
                return first + i;
            }
            i -= high;
            return i < first - 1024 ? 1024 + i : 1 + (i - (first - 1024));
        }
        // a privileged announced port: it first, then the unprivileged ones, then the other privileged ones
        if (i == 0) {
            return first;
        }
        i--;
        if (i < 65536 - 1024) {
            return 1024 + i;
        }
        i -= 65536 - 1024;
        int k = 1 + i;
        return k >= first ? k + 1 : k;
    }

    /**
     * The announcement of {@code addr:port} as nf_nat_ftp_fmt_cmd writes it: for IPv6 (NAT66) only EPRT and
     * 229 occur, EPRT as {@code |2|%pI6|port|}, the kernel's uncompressed form of eight 4-digit groups.
     */
    static byte[] text(FtpCommand.Type type, byte[] addr, int port) {
        if (addr.length == 16 && type == FtpCommand.Type.EPRT) {
            StringBuilder b = new StringBuilder("|2|");
            for (int i = 0; i < 16; i += 2) {
                b.append(String.format("%02x%02x", addr[i] & 0xff, addr[i + 1] & 0xff)).append(i < 14 ? ":" : "");
            }
            return b.append('|').append(port).append('|').toString().getBytes(StandardCharsets.US_ASCII);
        }
        String a = addr.length == 4 ? u(addr[0]) + '.' + u(addr[1]) + '.' + u(addr[2]) + '.' + u(addr[3]) : "";
        String t;
        switch (type) {
            case PORT:
            case PASV:
                t = a.replace('.', ',') + ',' + (port >>> 8) + ',' + (port & 0xff);
                break;
            case EPRT:
                t = "|1|" + a + '|' + port + '|';
                break;
            default:
                t = "|||" + port + '|';
                break;
        }
        return t.getBytes(StandardCharsets.US_ASCII);
    }

    private static String u(byte b) {
        return Integer.toString(b & 0xff);
    }
}
