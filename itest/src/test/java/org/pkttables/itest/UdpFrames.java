package org.pkttables.itest;

/** Builds Ethernet/IPv4/UDP frames by hand for injecting into the ruleset (checksums correct). */
final class UdpFrames {
    private UdpFrames() {
    }

    /** A 46-byte frame from 10.0.0.2:{@code sport} to 10.0.0.1:{@code dport} with 4 bytes of payload. */
    static byte[] ipv4(int sport, int dport) {
        byte[] f = new byte[14 + 20 + 8 + 4];
        // Ethernet: dst 02:00:00:00:00:01, src 02:00:00:00:00:02, type IPv4
        f[0] = 2;
        f[5] = 1;
        f[6] = 2;
        f[11] = 2;
        f[12] = 0x08;
        int ip = 14;
        f[ip] = 0x45;
        put16(f, ip + 2, 20 + 8 + 4);
        put16(f, ip + 4, 0x1234);
        f[ip + 8] = 64;
        f[ip + 9] = 17;
        byte[] src = {10, 0, 0, 2};
        byte[] dst = {10, 0, 0, 1};
        System.arraycopy(src, 0, f, ip + 12, 4);
        System.arraycopy(dst, 0, f, ip + 16, 4);
        put16(f, ip + 10, checksum(f, ip, 20));
        int udp = ip + 20;
        put16(f, udp, sport);
        put16(f, udp + 2, dport);
        put16(f, udp + 4, 8 + 4);
        f[udp + 8] = 'p';
        f[udp + 9] = 'k';
        f[udp + 10] = 't';
        f[udp + 11] = '!';
        return f;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = off; i < off + len; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
