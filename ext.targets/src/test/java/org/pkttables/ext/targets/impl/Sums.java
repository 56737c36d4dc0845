package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.Checksums;
import org.pkttables.tables.testing.Packets;

/**
 * Full (not incremental) IPv4 and TCP checksums over test frames built by {@link Packets}: to give a
 * frame correct checksums before a target runs, and to check them from scratch after it has run.
 */
final class Sums {
    private static final int IP = Packets.ETH;

    private Sums() {
    }

    /** Fills in correct IPv4 header and TCP checksums (IPv4 frames without options). */
    static byte[] fix4(byte[] f) {
        f[IP + 10] = 0;
        f[IP + 11] = 0;
        put16(f, IP + 10, Checksums.checksum(f, IP, 20));
        if ((f[IP + 9] & 0xff) == 6) {
            int th = IP + 20;
            f[th + 16] = 0;
            f[th + 17] = 0;
            put16(f, th + 16, tcp4(f));
        }
        return f;
    }

    static boolean ipValid(byte[] f) {
        return Checksums.checksum(f, IP, 20) == 0;
    }

    static boolean tcpValid(byte[] f) {
        return tcp4(f) == 0;
    }

    /** The TCP checksum over pseudo header and segment as they are now (0 when the stored one is right). */
    private static int tcp4(byte[] f) {
        int th = IP + 20;
        int len = f.length - th;
        byte[] buf = new byte[12 + len];
        System.arraycopy(f, IP + 12, buf, 0, 8);
        buf[9] = 6;
        put16(buf, 10, len);
        System.arraycopy(f, th, buf, 12, len);
        return Checksums.checksum(buf, 0, buf.length);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
