package org.pkttables.conntrack.impl;

/**
 * The TCP connection states and the kernel's transition table (nf_conntrack_proto_tcp.c,
 * tcp_conntracks[dir][packet kind][old state]), kept as a table so it can be read against the kernel's.
 */
final class TcpStates {
    static final int NONE = 0;
    static final int SYN_SENT = 1;
    static final int SYN_RECV = 2;
    static final int ESTABLISHED = 3;
    static final int FIN_WAIT = 4;
    static final int CLOSE_WAIT = 5;
    static final int LAST_ACK = 6;
    static final int TIME_WAIT = 7;
    static final int CLOSE = 8;
    static final int SYN_SENT2 = 9;
    static final int COUNT = 10;
    /** Not a state: the packet is invalid in the old state. */
    static final int INVALID = 10;
    /** Not a state: the packet may belong to a connection we are out of sync with; let it pass unchanged. */
    static final int IGNORE = 11;

    static final String[] NAMES = { "NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT",
        "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2" };

    // Packet kinds, the kernel's get_conntrack_index().
    static final int SYN_SET = 0;
    static final int SYNACK_SET = 1;
    static final int FIN_SET = 2;
    static final int ACK_SET = 3;
    static final int RST_SET = 4;
    static final int NONE_SET = 5;

    private static final int sNO = NONE, sSS = SYN_SENT, sSR = SYN_RECV, sES = ESTABLISHED, sFW = FIN_WAIT,
            sCW = CLOSE_WAIT, sLA = LAST_ACK, sTW = TIME_WAIT, sCL = CLOSE, sS2 = SYN_SENT2, sIV = INVALID,
            sIG = IGNORE;

    /** [direction 0=original 1=reply][packet kind][old state] -> new state. */
    static final int[][][] TRANSITIONS = {
        { // ORIGINAL
            //          sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
            /*syn*/    { sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2 },
            /*synack*/ { sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR },
            /*fin*/    { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
            /*ack*/    { sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV },
            /*rst*/    { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
            /*none*/   { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV },
        },
        { // REPLY
            //          sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
            /*syn*/    { sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2 },
            /*synack*/ { sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR },
            /*fin*/    { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
            /*ack*/    { sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG },
            /*rst*/    { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
            /*none*/   { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV },
        },
    };

    private TcpStates() {
    }

    /** The packet kind of a TCP flags byte (get_conntrack_index). */
    static int kind(int flags) {
        if ((flags & 0x04) != 0) {
            return RST_SET;
        }
        if ((flags & 0x02) != 0) {
            return (flags & 0x10) != 0 ? SYNACK_SET : SYN_SET;
        }
        if ((flags & 0x01) != 0) {
            return FIN_SET;
        }
        if ((flags & 0x10) != 0) {
            return ACK_SET;
        }
        return NONE_SET;
    }

    /** Closing states an early drop may take even from an assured connection (tcp_can_early_drop). */
    static boolean closing(int state) {
        return state == FIN_WAIT || state == LAST_ACK || state == TIME_WAIT || state == CLOSE || state == CLOSE_WAIT;
    }

    static int of(String name) {
        for (int i = 0; i < COUNT; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown TCP state '" + name + "' (SYN_SENT, SYN_RECV, ESTABLISHED, "
                + "FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE, SYN_SENT2)");
    }
}
