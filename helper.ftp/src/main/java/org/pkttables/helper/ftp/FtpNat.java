package org.pkttables.helper.ftp;

import java.nio.charset.StandardCharsets;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Checksums;
import org.pkttables.conntrack.HelperConnection;

/**
 * The FTP helper's NAT part, after the kernel's nf_nat_ftp: on a NATed control connection the address and
 * port a PORT/EPRT (client) or 227/229 (server) announces are the sender's real ones, which the peer cannot
 * reach. They are replaced by the address the peer sees the sender as (the masqueraded address, or the
 * public address of a port-forwarded server) and a port chosen so that the expected data connection is
 * unique (from the announced port upwards, as the kernel); the expectation carries destination NAT back to
 * the real address and port ({@link HelperConnection#expectNat}).
 *
 * <p>Not built: changing the payload's length, which needs TCP sequence adjustment on every later segment.
 * The new text keeps the old one's length instead: the port is chosen among the free ones so that its
 * digits fit (from the announced port upwards, then other unprivileged ports, privileged ones last), and a
 * shorter text is padded with leading zeros on its numbers, which FTP implementations read as the same
 * number. When no port fits (a much longer address) the command is dropped, never sent corrupted. The TCP checksum is updated incrementally over the changed words
 * (a checksum left to offload, which does not cover the payload, is left as it is).
 */
final class FtpNat {
    private FtpNat() {
    }

    /**
     * Translates the announcement {@code cmd} of {@code p} (its sender's real address {@code real}) and makes
     * the expectation. ACCEPT, or DROP when no unique port gives a text of the old length.
     */
    static int help(PacketContext p, int payloadEnd, FtpCommand cmd, byte[] real, HelperConnection conn) {
        boolean reply = conn.isReply();
        byte[] seenAs = reply ? conn.originalDestination() : conn.replyDestination();
        byte[] peer = reply ? conn.originalSource() : conn.replySource();
        if (seenAs.length != 4 || real.length != 4) {
            return Verdict.ACCEPT; // NAT is IPv4 only: nothing to translate
        }
        int oldLen = cmd.textEnd() - cmd.textStart();
        byte delimiter = cmd.type() == FtpCommand.Type.EPRT ? p.buffer()[cmd.textStart() - 1] : 0;
        int first = cmd.port();
        // From the announced port upwards (the kernel's order), then the rest of the unprivileged ports, then
        // the privileged ones (which servers refuse, but a fitting text may need): the first whose text fits
        // in the old length and whose expectation is unique.
        for (int i = 0; i < 65535; i++) {
            int port = nth(first, i);
            if (minLength(cmd.type(), seenAs, port) <= oldLen
                    && conn.expectNat(6, peer, seenAs, -1, port, real, cmd.port())) {
                write(p, cmd.textStart(), payloadEnd, text(cmd.type(), seenAs, port, delimiter, oldLen));
                return Verdict.ACCEPT;
            }
        }
        return Verdict.DROP; // the text cannot keep its length, or all ports are in use
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

    /** The length of the shortest text announcing {@code addr:port} (no leading zeros). */
    static int minLength(FtpCommand.Type type, byte[] addr, int port) {
        int a = digits(addr[0] & 0xff) + digits(addr[1] & 0xff) + digits(addr[2] & 0xff) + digits(addr[3] & 0xff);
        switch (type) {
            case PORT:
            case PASV:
                return a + digits(port >>> 8) + digits(port & 0xff) + 5;
            case EPRT:
                return a + 4 + digits(port);
            default:
                return digits(port);
        }
    }

    private static int digits(int v) {
        return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
    }

    /**
     * The announcement text for {@code addr:port} exactly {@code len} bytes long (at least
     * {@link #minLength}): PORT/227 numbers padded with leading zeros to three digits from the first on, any
     * rest on the last; EPRT/229 on the port.
     */
    static byte[] text(FtpCommand.Type type, byte[] addr, int port, byte delimiter, int len) {
        switch (type) {
            case PORT:
            case PASV: {
                String[] n = { u(addr[0]), u(addr[1]), u(addr[2]), u(addr[3]), Integer.toString(port >>> 8),
                        Integer.toString(port & 0xff) };
                int extra = len - minLength(type, addr, port);
                StringBuilder b = new StringBuilder(len);
                for (int i = 0; i < 6; i++) {
                    int pad = i < 5 ? Math.min(extra, 3 - n[i].length()) : extra;
                    extra -= pad;
                    b.append("0".repeat(Math.max(0, pad))).append(n[i]);
                    if (i < 5) {
                        b.append(',');
                    }
                }
                return b.toString().getBytes(StandardCharsets.US_ASCII);
            }
            case EPRT: {
                String a = u(addr[0]) + '.' + u(addr[1]) + '.' + u(addr[2]) + '.' + u(addr[3]) + (char) delimiter;
                return padded(a, port, len);
            }
            default:
                return padded("", port, len);
        }
    }

    private static byte[] padded(String head, int port, int len) {
        String p = Integer.toString(port);
        return (head + "0".repeat(len - head.length() - p.length()) + p).getBytes(StandardCharsets.US_ASCII);
    }

    private static String u(byte b) {
        return Integer.toString(b & 0xff);
    }

    /**
     * Writes {@code text} at {@code at} (same length as what it replaces) and updates the TCP checksum over
     * the changed 16-bit words (RFC 1624), aligned to the TCP header.
     */
    static void write(PacketContext p, int at, int segmentEnd, byte[] text) {
        byte[] b = p.buffer();
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int csum = l4 + 16;
        int check = p.u16(csum);
        int l4len = Checksums.l4Length(p, true);
        boolean partial = check == Checksums.fold(Checksums.pseudo(b, l3, true, 6, l4len));
        int from = at - ((at - l4) & 1);
        int end = at + text.length;
        int to = Math.min(end + ((end - l4) & 1), segmentEnd);
        long oldSum = Checksums.sum(b, from, to - from);
        for (int i = 0; i < text.length; i++) {
            p.put8(at + i, text[i]);
        }
        if (partial || check < 0) {
            return; // offload completes it over the new payload
        }
        long newSum = Checksums.sum(b, from, to - from);
        int c = ~Checksums.fold((~check & 0xffff) + (~Checksums.fold(oldSum) & 0xffff) + Checksums.fold(newSum)) & 0xffff;
        p.put16(csum, c);
    }
}
