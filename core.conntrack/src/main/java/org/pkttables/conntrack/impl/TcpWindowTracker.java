package org.pkttables.conntrack.impl;

import static org.pkttables.conntrack.impl.TcpHeader.ackSeq;
import static org.pkttables.conntrack.impl.TcpHeader.after;
import static org.pkttables.conntrack.impl.TcpHeader.before;
import static org.pkttables.conntrack.impl.TcpHeader.options;
import static org.pkttables.conntrack.impl.TcpHeader.sack;
import static org.pkttables.conntrack.impl.TcpHeader.segEnd;
import static org.pkttables.conntrack.impl.TcpHeader.seq;
import static org.pkttables.conntrack.impl.TcpStates.ACK_SET;

import org.pkttables.api.PacketContext;

/**
 * TCP window tracking, the kernel's tcp_in_window (after Guido van Rooij's "Real Stateful TCP Packet
 * Filtering"): per direction the highest sequence sent ({@code end}), the highest sequence the peer's window
 * allows ({@code maxend}), the largest window seen ({@code maxwin}) and the highest ack ({@code maxack}); a
 * segment must lie inside these bounds or it is INVALID. Window scaling and SACK come from the options;
 * retransmissions of the last packet are counted.
 *
 * <p>Holds the per-slot TCP state in two arrays indexed by slot (no object per connection): the two
 * directions' windows and flags, and the kernel's last_* fields of the last packet, which the state machine
 * ({@link TcpTracker}) reads and writes too.
 */
final class TcpWindowTracker {
    // seen[dir].flags, the kernel's IP_CT_TCP_FLAG_* (and two last_flags bits)
    static final int F_WINDOW_SCALE = 0x01;
    static final int F_SACK_PERM = 0x02;
    static final int F_CLOSE_INIT = 0x04;
    static final int F_BE_LIBERAL = 0x08;
    static final int F_DATA_UNACK = 0x10;
    static final int F_MAXACK_SET = 0x20;
    static final int F_EXP_CHALLENGE_ACK = 0x40;
    static final int F_SIMULTANEOUS_OPEN = 0x80;

    static final int MAXACKWINCONST = 66000;
    static final int END = 0;
    static final int MAXEND = 1;
    static final int MAXWIN = 2;
    static final int MAXACK = 3;

    // last_* fields
    static final int L_INDEX = 0;
    static final int L_DIR = 1;
    static final int L_RETRANS = 2;
    static final int L_WSCALE = 3;
    static final int L_FLAGS = 4;
    static final int L_SEQ = 0;
    static final int L_ACK = 1;
    static final int L_END = 2;
    static final int L_WIN = 3;

    /** Ints per slot in {@link #td}: the two directions' windows, then the last packet's values. */
    static final int TI = 12;
    /** Bytes per slot in {@link #tb}: window scales, direction flags, then the last packet's bytes. */
    static final int TB = 12;
    /**
     * [slot*TI + dir*4 + END|MAXEND|MAXWIN|MAXACK], then [slot*TI + 8 + L_SEQ..L_WIN]: one array, so a large
     * table wastes at most one heap region on it.
     */
    final int[] td;
    /** [slot*TB + dir]: window scale; [slot*TB + 2 + dir]: flags; [slot*TB + 4 + L_*]: last packet. */
    final byte[] tb;
    private final ThreadLocal<int[]> scratch = ThreadLocal.withInitial(() -> new int[1]);
    /** Accept out-of-window packets (net.netfilter.nf_conntrack_tcp_be_liberal). */
    volatile boolean beLiberal;
    /** The helpers' sequence adjustments, to read acknowledgements as their sender saw them; null in tests without. */
    SeqAdjust seqAdjust;

    TcpWindowTracker(int capacity) {
        td = new int[capacity * TI];
        tb = new byte[capacity * TB];
    }

    void clear(int slot) {
        for (int i = 0; i < 8; i++) {
            td[slot * TI + i] = 0;
            tb[slot * TB + 4 + i] = 0;
        }
        for (int i = 0; i < 4; i++) {
            td[slot * TI + 8 + i] = 0;
        }
        tb[slot * TB] = tb[slot * TB + 1] = 0;
        tb[slot * TB + 2] = tb[slot * TB + 1 + 2] = 0;
    }

    void readOptionsInto(int slot, int dir, PacketContext p, int l4) {
        int[] sc = scratch.get();
        sc[0] = 0;
        int f = options(p, l4, sc);
        int k = slot * TB + dir;
        tb[k + 2] = (byte) ((tb[k + 2] & ~(F_WINDOW_SCALE | F_SACK_PERM)) | f);
        tb[k] = (byte) ((f & F_WINDOW_SCALE) != 0 ? sc[0] : 0);
    }

    /** Options of the SYN at {@code l4}, into the last_* fields (a SYN let pass while out of sync). */
    int lastOptions(PacketContext p, int l4, int slot) {
        int[] sc = scratch.get();
        sc[0] = 0;
        int f = options(p, l4, sc);
        tb[slot * TB + 4 + L_WSCALE] = (byte) sc[0];
        return f & (F_WINDOW_SCALE | F_SACK_PERM);
    }

    static final String IGNORED = new String("ignored");

    /** tcp_in_window: null when in window, {@link #IGNORED} to let it pass unchanged, else the reason. */
    String inWindow(int slot, int dir, int index, PacketContext p, PacketTuple t, int fl, int state) {
        int sb = slot * TI + dir * 4;
        int rb = slot * TI + (1 - dir) * 4;
        int sk = slot * TB + dir;
        int rk = slot * TB + 1 - dir;
        int l4 = t.l4;
        int seq = seq(p, l4);
        int ack = ackSeq(p, l4);
        int winRaw = p.u16(l4 + 14);
        int win = winRaw;
        int end = segEnd(p, t, seq, fl);
        boolean syn = (fl & 0x02) != 0;
        boolean ackf = (fl & 0x10) != 0;
        boolean rst = (fl & 0x04) != 0;
        int sack = (tb[rk + 2] & F_SACK_PERM) != 0 ? sack(p, l4, ack) : ack;
        SeqAdjust sa = seqAdjust;
        if (sa != null) {
            // A helper changed a payload's length: the receiver acknowledges in adjusted numbers (tcp_in_window's
            // receiver_offset)
            int off = sa.offset(slot, dir == 0, ack - 1);
            ack -= off;
            sack -= off;
        }

        if (td[sb + MAXWIN] == 0) {
            if (syn) {
                // SYN/ACK answering the SYN, or the peer's SYN in a simultaneous open.
                td[sb + END] = td[sb + MAXEND] = end;
                td[sb + MAXWIN] = win == 0 ? 1 : win;
                readOptionsInto(slot, dir, p, l4);
                if (!((tb[sk + 2] & F_WINDOW_SCALE) != 0 && (tb[rk + 2] & F_WINDOW_SCALE) != 0)) {
                    tb[sk] = tb[rk] = 0;
                }
                if (!ackf) {
                    return null;
                }
            } else {
                // Middle of a connection: take what this packet says.
                td[sb + END] = end;
                int swin = win << tb[sk];
                td[sb + MAXWIN] = swin == 0 ? 1 : swin;
                td[sb + MAXEND] = end + td[sb + MAXWIN];
                if (td[rb + MAXWIN] == 0) {
                    td[rb + END] = td[rb + MAXEND] = sack;
                } else if (sack == td[rb + END] + 1) {
                    td[rb + END]++; // reply to a keepalive
                }
            }
        } else if (syn && after(end, td[sb + END])
                && (state == TcpStates.SYN_SENT || state == TcpStates.SYN_RECV)) {
            // A new SYN (or SYN/ACK) with a higher sequence: the endpoint restarted; reinitialise this side.
            td[sb + END] = td[sb + MAXEND] = end;
            td[sb + MAXWIN] = win == 0 ? 1 : win;
            readOptionsInto(slot, dir, p, l4);
            if (dir == 1 && !ackf) {
                return null;
            }
        }

        if (!ackf) {
            ack = sack = td[rb + END];
        } else if (rst && ack == 0) {
            ack = sack = td[rb + END]; // stacks that set ACK on RST with a zero ack
        }
        if (rst && seq == 0 && state == TcpStates.SYN_SENT) {
            seq = end = td[sb + END]; // RST answering a SYN
        }

        boolean liberal = beLiberal || (tb[sk + 2] & F_BE_LIBERAL) != 0;
        int maxAckWin = Math.max(td[sb + MAXWIN], MAXACKWINCONST);
        if (!before(seq, td[sb + MAXEND] + 1)) {
            int overshot = end - td[sb + MAXEND] + 1;
            boolean ackOk = after(sack, td[rb + END] - maxAckWin - 1);
            boolean inRecvWin = td[rb + MAXWIN] != 0 && after(end, td[sb + END] - td[rb + MAXWIN] - 1);
            if (inRecvWin && ackOk && Integer.compareUnsigned(overshot, td[rb + MAXWIN]) <= 0
                    && before(sack, td[rb + END] + 1)) {
                return IGNORED; // a stack sending a little more than the window allows
            }
            if (!liberal) {
                return "tcp: SEQ " + Integer.toUnsignedString(seq) + " is over the upper bound "
                        + Integer.toUnsignedString(td[sb + MAXEND] + 1) + " (over the window of the receiver)";
            }
        }
        if (!before(sack, td[rb + END] + 1) && !liberal) {
            return "tcp: ACK " + Integer.toUnsignedString(sack) + " is over the upper bound "
                    + Integer.toUnsignedString(td[rb + END] + 1) + " (ACKed data not seen yet)";
        }
        boolean inRecvWin = td[rb + MAXWIN] == 0 || after(end, td[sb + END] - td[rb + MAXWIN] - 1);
        if (!inRecvWin && !liberal) {
            return "tcp: SEQ " + Integer.toUnsignedString(end) + " is under the lower bound "
                    + Integer.toUnsignedString(td[sb + END] - td[rb + MAXWIN] - 1)
                    + " (already ACKed data retransmitted)";
        }
        if (!after(sack, td[rb + END] - maxAckWin - 1) && !liberal) {
            return "tcp: ACK " + Integer.toUnsignedString(sack) + " is under the lower bound "
                    + Integer.toUnsignedString(td[rb + END] - maxAckWin - 1) + " (possible overly delayed ACK)";
        }

        if (!syn) {
            win <<= tb[sk];
        }
        int swin = win + (sack - ack);
        if (Integer.compareUnsigned(td[sb + MAXWIN], swin) < 0) {
            td[sb + MAXWIN] = swin;
        }
        if (after(end, td[sb + END])) {
            td[sb + END] = end;
            tb[sk + 2] |= F_DATA_UNACK;
        }
        if (ackf) {
            if ((tb[sk + 2] & F_MAXACK_SET) == 0) {
                td[sb + MAXACK] = ack;
                tb[sk + 2] |= F_MAXACK_SET;
            } else if (after(ack, td[sb + MAXACK])) {
                td[sb + MAXACK] = ack;
            }
        }
        if (td[rb + MAXWIN] != 0 && after(end, td[sb + MAXEND])) {
            td[rb + MAXWIN] += end - td[sb + MAXEND];
        }
        if (after(sack + win, td[rb + MAXEND] - 1)) {
            td[rb + MAXEND] = sack + win;
            if (win == 0) {
                td[rb + MAXEND]++;
            }
        }
        if (ack == td[rb + END]) {
            tb[rk + 2] &= ~F_DATA_UNACK;
        }
        if (index == ACK_SET) {
            int lb = slot * TB + 4;
            int lv = slot * TI + 8;
            if (tb[lb + L_DIR] == dir && td[lv + L_SEQ] == seq && td[lv + L_ACK] == ack
                    && td[lv + L_END] == end && td[lv + L_WIN] == winRaw) {
                if ((tb[lb + L_RETRANS] & 0xff) < 255) {
                    tb[lb + L_RETRANS]++;
                }
            } else {
                tb[lb + L_DIR] = (byte) dir;
                td[lv + L_SEQ] = seq;
                td[lv + L_ACK] = ack;
                td[lv + L_END] = end;
                td[lv + L_WIN] = winRaw;
                tb[lb + L_RETRANS] = 0;
            }
        }
        return null;
    }

    /** Retransmission count of the entry (tests, debug). */
    int retransmissions(int slot) {
        return tb[slot * TB + 4 + L_RETRANS] & 0xff;
    }

    int windowScale(int slot, int dir) {
        return tb[slot * TB + dir];
    }

}
