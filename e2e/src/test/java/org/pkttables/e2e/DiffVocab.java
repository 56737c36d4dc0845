package org.pkttables.e2e;

/**
 * The values the differential test's rule generator and packet generator share, so that many generated
 * rules match many generated packets (random 32-bit addresses and ports would match almost nothing).
 * "Left" is the sender side of the kernel router (r0), "right" the sink side (r1).
 */
final class DiffVocab {
    private DiffVocab() {
    }

    static final int HOSTS = 12;

    static String left4(int i) {
        return "10.4.0." + (i + 1);
    }

    static String right4(int i) {
        return "10.3.0." + (i + 1);
    }

    static String left6(int i) {
        return "fd04::" + Integer.toHexString(i + 1);
    }

    static String right6(int i) {
        return "fd03::" + Integer.toHexString(i + 1);
    }

    static final String[] LEFT_MACS = { "02:aa:00:00:00:01", "02:aa:00:00:00:02", "02:aa:00:00:00:03" };
    static final String[] RIGHT_MACS = { "02:bb:00:00:00:01", "02:bb:00:00:00:02" };
    static final String R0_MAC = "02:52:00:00:00:10";
    static final String R1_MAC = "02:52:00:00:00:11";
    static final String E0_MAC = "02:e0:00:00:00:10";
    static final String E1_MAC = "02:e1:00:00:00:11";

    static final int[] PORTS = { 22, 53, 80, 123, 443, 1024, 1025, 3000, 5060, 8080, 40000, 40001, 65535 };
    /** TTL / hop limit as sent; the FORWARD hook sees one less. */
    static final int[] TTLS = { 2, 5, 33, 64, 65, 100, 128, 255 };
    static final int[] DSCPS = { 0, 0x0a, 0x12, 0x2e, 0x08, 0x30 };
    static final String[] STRINGS = { "GET", "HELLO", "secret", "xyzzy" };
    static final long[] SPIS = { 100, 150, 200, 1000, 70000 };
    static final int[] MSS = { 536, 1000, 1400, 1460 };
    static final int[] MARKS = { 1, 2, 3, 0x10, 0x21 };
    /** SCTP chunk types: DATA, INIT, HEARTBEAT, ABORT, SHUTDOWN, COOKIE_ECHO. */
    static final int[] SCTP_CHUNKS = { 0, 1, 4, 6, 7, 10 };
    /** Ends every generated IP packet, followed by the packet's 32-bit id: how the sink capture finds it. */
    static final int MAGIC = 0xD1FFE71D;

    static byte[] mac(String m) {
        String[] p = m.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return b;
    }

    static byte[] addr(String literal) {
        try {
            return java.net.InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }
}
