package org.pkttables.helper.ftp;

import java.nio.charset.StandardCharsets;

import org.pkttables.api.ext.InetText;

/**
 * What nf_conntrack_ftp finds at the start of a control-connection payload: PORT and EPRT from the
 * client, "227" (PASV) and "229" (EPSV) answers from the server. Each names the port of the data
 * connection to come and, except EPSV, an address that must be the sender's own.
 *
 * @param type    which command
 * @param address the announced address (4 or 16 bytes), or null when the command names none (EPSV)
 * @param port    the announced port
 * @param textStart absolute offset of the text a NAT rewrite replaces, as the kernel's matchoff: the first
 *                number of PORT/227, the first delimiter of EPRT ({@code |1|addr|port|}), the first delimiter
 *                after the parenthesis of EPSV ({@code |||port|})
 * @param textEnd   absolute offset just after it: after the last digit of PORT/227, after the closing
 *                delimiter of EPRT/EPSV
 */
record FtpCommand(Type type, byte[] address, int port, int textStart, int textEnd) {
    enum Type { PORT, EPRT, PASV, EPSV }

    /** Parses the payload {@code buf[off, off+len)} sent in the original (client) or reply direction; null when there is nothing for the helper. */
    static FtpCommand parse(byte[] buf, int off, int len, boolean reply) {
        if (!reply) {
            if (startsWithIgnoreCase(buf, off, len, "PORT")) {
                return rfc959(buf, off + 4, off + len, Type.PORT, true);
            }
            if (startsWithIgnoreCase(buf, off, len, "EPRT")) {
                return eprt(buf, off + 4, off + len);
            }
            return null;
        }
        if (startsWith(buf, off, len, "227 ")) {
            // RFC 1123: the numbers may be anywhere in the text; take the first digit run
            int i = off + 4;
            int end = off + len;
            while (i < end && !isDigit(buf[i])) {
                if (buf[i] == '\r' || buf[i] == '\n') {
                    return null;
                }
                i++;
            }
            return rfc959(buf, i, end, Type.PASV, false);
        }
        if (startsWith(buf, off, len, "229 ")) {
            return epsv(buf, off + 4, off + len);
        }
        return null;
    }

    /** "a,b,c,d,p1,p2" (after optional spaces when {@code skipSpace}). */
    private static FtpCommand rfc959(byte[] buf, int i, int end, Type type, boolean skipSpace) {
        if (skipSpace) {
            if (i >= end || buf[i] != ' ') {
                return null;
            }
            while (i < end && buf[i] == ' ') {
                i++;
            }
        }
        int start = i;
        int[] n = new int[6];
        for (int k = 0; k < 6; k++) {
            int v = 0;
            int digits = 0;
            while (i < end && isDigit(buf[i]) && digits < 4) {
                v = v * 10 + (buf[i] - '0');
                i++;
                digits++;
            }
            if (digits == 0 || v > 255) {
                return null;
            }
            n[k] = v;
            if (k < 5) {
                if (i >= end || buf[i] != ',') {
                    return null;
                }
                i++;
            }
        }
        byte[] a = { (byte) n[0], (byte) n[1], (byte) n[2], (byte) n[3] };
        return new FtpCommand(type, a, n[4] << 8 | n[5], start, i);
    }

    /** " |1|10.0.0.1|5282|" or " |2|fd00::1|5282|" (RFC 2428); any delimiter character as the RFC allows. */
    private static FtpCommand eprt(byte[] buf, int i, int end) {
        while (i < end && buf[i] == ' ') {
            i++;
        }
        if (i + 3 >= end) {
            return null;
        }
        int first = i;
        byte d = buf[i];
        if (d < 33 || d > 126 || isDigit(d) || buf[i + 2] != d || (buf[i + 1] != '1' && buf[i + 1] != '2')) {
            return null;
        }
        boolean v6 = buf[i + 1] == '2';
        int a0 = i + 3;
        int a1 = a0;
        while (a1 < end && buf[a1] != d) {
            a1++;
        }
        if (a1 >= end || a1 - a0 > 45) {
            return null;
        }
        // literal text only, as the kernel's in4_pton/in6_pton read it: never a name lookup (the payload is untrusted)
        String text = new String(buf, a0, a1 - a0, StandardCharsets.US_ASCII);
        byte[] addr = v6 ? InetText.parseIpv6Bytes(text) : ipv4Bytes(InetText.parseDecimalQuad(text));
        if (addr == null) {
            return null;
        }
        int port = port(buf, a1 + 1, end, d);
        return port < 0 ? null : new FtpCommand(Type.EPRT, addr, port, first, digitsEnd(buf, a1 + 1, end) + 1);
    }

    /** The four bytes of an IPv4 address, or null for -1 (not an address). */
    private static byte[] ipv4Bytes(long a) {
        return a < 0 ? null : new byte[] { (byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a };
    }

    /** "Entering Extended Passive Mode (|||6446|)". */
    private static FtpCommand epsv(byte[] buf, int i, int end) {
        while (i < end && buf[i] != '(') {
            if (buf[i] == '\r' || buf[i] == '\n') {
                return null;
            }
            i++;
        }
        if (i + 4 >= end) {
            return null;
        }
        byte d = buf[i + 1];
        if (buf[i + 2] != d || buf[i + 3] != d) {
            return null;
        }
        int port = port(buf, i + 4, end, d);
        return port < 0 ? null : new FtpCommand(Type.EPSV, null, port, i + 1, digitsEnd(buf, i + 4, end) + 1);
    }

    /**
     * Whether {@code buf[off, off+len)} may be the beginning of a command this helper reads in that direction
     * (a prefix of PORT/EPRT from the client, of "227 "/"229 " from the server, or one of them and more):
     * what the kernel's find_pattern calls a partial match when the line does not end in the segment.
     */
    static boolean mayStartCommand(byte[] buf, int off, int len, boolean reply) {
        if (reply) {
            return prefixOf(buf, off, len, "227 ", false) || prefixOf(buf, off, len, "229 ", false);
        }
        return prefixOf(buf, off, len, "PORT", true) || prefixOf(buf, off, len, "EPRT", true);
    }

    /** The first {@code min(len, s.length())} bytes are those of {@code s}. */
    private static boolean prefixOf(byte[] buf, int off, int len, String s, boolean ignoreCase) {
        int n = Math.min(len, s.length());
        for (int i = 0; i < n; i++) {
            int c = ignoreCase ? Character.toUpperCase((char) buf[off + i]) : buf[off + i];
            if (c != s.charAt(i)) {
                return false;
            }
        }
        return n > 0;
    }

    private static int port(byte[] buf, int i, int end, byte delimiter) {
        int v = 0;
        int digits = 0;
        while (i < end && isDigit(buf[i]) && digits < 5) {
            v = v * 10 + (buf[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || v == 0 || v > 65535 || i >= end || buf[i] != delimiter) {
            return -1;
        }
        return v;
    }

    private static int digitsEnd(byte[] buf, int i, int end) {
        while (i < end && isDigit(buf[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean startsWith(byte[] buf, int off, int len, String s) {
        if (len < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (buf[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] buf, int off, int len, String s) {
        if (len < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.toUpperCase((char) buf[off + i]) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
