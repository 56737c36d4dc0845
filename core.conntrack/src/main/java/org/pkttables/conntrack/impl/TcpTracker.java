package org.pkttables.conntrack.impl;

import static org.pkttables.conntrack.impl.TcpStates.ACK_SET;
import static org.pkttables.conntrack.impl.TcpStates.FIN_SET;
import static org.pkttables.conntrack.impl.TcpStates.RST_SET;
import static org.pkttables.conntrack.impl.TcpStates.SYNACK_SET;
import static org.pkttables.conntrack.impl.TcpStates.SYN_SET;

import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.CtStatus;

/**
 * TCP with window tracking, after nf_conntrack_proto_tcp.c (Guido van Rooij's "Real Stateful TCP Packet
 * Filtering"): the state machine of {@link TcpStates}, then per direction the highest sequence sent
 * ({@code end}), the highest sequence the peer's window allows ({@code maxend}), the largest window seen
 * ({@code maxwin}) and the highest ack ({@code maxack}); a segment must lie inside these bounds or it is
 * INVALID. Window scaling and SACK are read from the options; retransmissions are counted.
 *
 * <p>Per-slot state lives in arrays indexed by slot (no object per connection).
 */
final class TcpTracker implements L4Tracker {
    // seen[dir].flags, the kernel's IP_CT_TCP_FLAG_* (and two last_flags bits)
    static final int F_WINDOW_SCALE = 0x01;
    static final int F_SACK_PERM = 0x02;
    static final int F_CLOSE_INIT = 0x04;
    static final int F_BE_LIBERAL = 0x08;
    static final int F_DATA_UNACK = 0x10;
    static final int F_MAXACK_SET = 0x20;
    static final int F_EXP_CHALLENGE_ACK = 0x40;
    static final int F_SIMULTANEOUS_OPEN = 0x80;

    private static final int MAXACKWINCONST = 66000;
    private static final int MAX_RETRANS = 3;

    private static final int END = 0;
    private static final int MAXEND = 1;
    private static final int MAXWIN = 2;
    private static final int MAXACK = 3;

    // last_* fields
    private static final int L_INDEX = 0;
    private static final int L_DIR = 1;
    private static final int L_RETRANS = 2;
    private static final int L_WSCALE = 3;
    private static final int L_FLAGS = 4;
    private static final int L_SEQ = 0;
    private static final int L_ACK = 1;
    private static final int L_END = 2;
    private static final int L_WIN = 3;

    private final ConntrackTable table;
    private final Timeouts timeouts;
    /** Ints per slot in {@link #td}: the two directions' windows, then the last packet's values. */
    private static final int TI = 12;
    /** Bytes per slot in {@link #tb}: window scales, direction flags, then the last packet's bytes. */
    private static final int TB = 12;
    /**
     * [slot*TI + dir*4 + END|MAXEND|MAXWIN|MAXACK], then [slot*TI + 8 + L_SEQ..L_WIN]: one array, so a large
     * table wastes at most one heap region on it.
     */
    private final int[] td;
    /** [slot*TB + dir]: window scale; [slot*TB + 2 + dir]: flags; [slot*TB + 4 + L_*]: last packet. */
    private final byte[] tb;
    private final ThreadLocal<String[]> reason = ThreadLocal.withInitial(() -> new String[1]);
    /** Accept out-of-window packets (net.netfilter.nf_conntrack_tcp_be_liberal). */
    volatile boolean beLiberal;
    /** Pick up connections from the middle (nf_conntrack_tcp_loose), on by default. */
    volatile boolean loose = true;

    /** Time spent in CLOSE_WAIT by connections that left it. */
    final HalfClosedStats halfClosed = new HalfClosedStats();

    TcpTracker(ConntrackTable table, Timeouts timeouts) {
        this.table = table;
        this.timeouts = timeouts;
        int n = table.capacity;
        td = new int[n * TI];
        tb = new byte[n * TB];
    }

    // ---- packet fields ----

    private static int tcpFlags(PacketContext p, int l4) {
        return p.u8(l4 + 13);
    }

    private static int doff(PacketContext p, int l4) {
        return (p.u8(l4 + 12) >>> 4) * 4;
    }

    private static int seq(PacketContext p, int l4) {
        return (int) p.u32(l4 + 4);
    }

    private static int ackSeq(PacketContext p, int l4) {
        return (int) p.u32(l4 + 8);
    }

    /** seq + payload length + SYN + FIN (segment_seq_plus_len). */
    private static int segEnd(PacketContext p, PacketTuple t, int seq, int fl) {
        int len = t.ipEnd - t.l4 - doff(p, t.l4);
        return seq + len + ((fl & 0x02) != 0 ? 1 : 0) + ((fl & 0x01) != 0 ? 1 : 0);
    }

    private static boolean before(int a, int b) {
        return a - b < 0;
    }

    private static boolean after(int a, int b) {
        return b - a < 0;
    }

    /** Header checks of tcp_error: length and a valid flag combination. */
    private String error(PacketContext p, PacketTuple t) {
        int doff = doff(p, t.l4);
        if (!p.has(t.l4, 20) || doff < 20 || t.l4 + doff > t.ipEnd) {
            return "tcp: truncated header or bad data offset";
        }
        int fl = tcpFlags(p, t.l4) & ~(0x80 | 0x40 | 0x08); // ignore CWR, ECE, PSH
        switch (fl) {
            case 0x02: case 0x22: case 0x12: case 0x04: case 0x14: case 0x11: case 0x31: case 0x10: case 0x30:
                return null;
            default:
                return "tcp: invalid flag combination 0x" + Integer.toHexString(fl);
        }
    }

    /** Window scale and SACK-permitted from the options into flags/scale of (slot, dir) or the last_* fields. */
    private int options(PacketContext p, int l4, int[] scaleOut) {
        int end = l4 + doff(p, l4);
        int f = 0;
        int i = l4 + 20;
        while (i < end) {
            int kind = p.u8(i);
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            int len = p.u8(i + 1);
            if (len < 2 || i + len > end) {
                break;
            }
            if (kind == 3 && len == 3) {
                f |= F_WINDOW_SCALE;
                scaleOut[0] = Math.min(p.u8(i + 2), 14);
            } else if (kind == 4 && len == 2) {
                f |= F_SACK_PERM;
            }
            i += len;
        }
        return f;
    }

    private final ThreadLocal<int[]> scratch = ThreadLocal.withInitial(() -> new int[1]);

    private void readOptionsInto(int slot, int dir, PacketContext p, int l4) {
        int[] sc = scratch.get();
        sc[0] = 0;
        int f = options(p, l4, sc);
        int k = slot * TB + dir;
        tb[k + 2] = (byte) ((tb[k + 2] & ~(F_WINDOW_SCALE | F_SACK_PERM)) | f);
        tb[k] = (byte) ((f & F_WINDOW_SCALE) != 0 ? sc[0] : 0);
    }

    /** Highest right edge of the SACK blocks, when it is after {@code ack} (tcp_sack). */
    private static int sack(PacketContext p, int l4, int ack) {
        int end = l4 + doff(p, l4);
        int i = l4 + 20;
        int best = ack;
        while (i < end) {
            int kind = p.u8(i);
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            int len = p.u8(i + 1);
            if (len < 2 || i + len > end) {
                break;
            }
            if (kind == 5 && len >= 10 && (len - 2) % 8 == 0) {
                for (int b = i + 2; b + 8 <= i + len; b += 8) {
                    int right = (int) p.u32(b + 4);
                    if (after(right, best)) {
                        best = right;
                    }
                }
            }
            i += len;
        }
        return best;
    }

    // ---- tracker ----

    @Override
    public String init(int slot, PacketContext p, PacketTuple t, long now) {
        String err = error(p, t);
        if (err != null) {
            return err;
        }
        int fl = tcpFlags(p, t.l4);
        int kind = TcpStates.kind(fl);
        int ns = TcpStates.TRANSITIONS[0][kind][TcpStates.NONE];
        if (ns >= TcpStates.INVALID) {
            return "tcp: " + kindName(kind) + " cannot open a connection";
        }
        clear(slot);
        int s = seq(p, t.l4);
        int b = slot * TI;
        int end = segEnd(p, t, s, fl);
        int win = p.u16(t.l4 + 14);
        if (ns == TcpStates.SYN_SENT) {
            td[b + END] = end;
            td[b + MAXWIN] = win == 0 ? 1 : win;
            td[b + MAXEND] = end;
            readOptionsInto(slot, 0, p, t.l4);
        } else {
            if (!loose) {
                return "tcp: mid-stream pickup disabled (loose=0)";
            }
            // Picked up in the middle: history lost, so trust this packet and be liberal until both sides are seen.
            td[b + END] = end;
            td[b + MAXWIN] = win == 0 ? 1 : win;
            td[b + MAXEND] = end + td[b + MAXWIN];
            tb[slot * TB + 2] = tb[slot * TB + 1 + 2] = (byte) (F_SACK_PERM | F_BE_LIBERAL);
        }
        tb[slot * TB + 4 + L_INDEX] = TcpStates.NONE_SET;
        table.protoState[slot] = TcpStates.NONE;
        return null;
    }

    private void clear(int slot) {
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

    private static String kindName(int kind) {
        switch (kind) {
            case SYN_SET: return "SYN";
            case SYNACK_SET: return "SYN/ACK";
            case FIN_SET: return "FIN";
            case ACK_SET: return "ACK";
            case RST_SET: return "RST";
            default: return "packet without SYN/ACK/FIN/RST";
        }
    }

    private int lastFlags(int slot) {
        return tb[slot * TB + 4 + L_FLAGS] & 0xff;
    }

    @Override
    public long packet(int slot, boolean reply, PacketContext p, PacketTuple t, long now) {
        String err = error(p, t);
        if (err != null) {
            return invalid(err);
        }
        int dir = reply ? 1 : 0;
        int l4 = t.l4;
        int fl = tcpFlags(p, l4);
        int oldState = table.protoState[slot];
        int index = TcpStates.kind(fl);
        int newState = TcpStates.TRANSITIONS[dir][index][oldState];
        int lb = slot * TB + 4;
        int lv = slot * TI + 8;
        int st = table.status(slot);
        boolean inWindowSkip = false;

        switch (newState) {
            case TcpStates.SYN_SENT:
                if (oldState >= TcpStates.TIME_WAIT) {
                    // Reopen of a closed or aborted connection: drop the old entry, the SYN makes a new one.
                    if (((tb[slot * TB + 2] | tb[slot * TB + 1 + 2]) & F_CLOSE_INIT) != 0
                            || (tb[lb + L_DIR] == dir && tb[lb + L_INDEX] == RST_SET)) {
                        return REPEAT;
                    }
                }
                if (oldState < TcpStates.TIME_WAIT) {
                    break;
                }
                // fall through: a SYN in TIME_WAIT/CLOSE without close history is ignored like below
            case TcpStates.IGNORE:
                if (index == SYNACK_SET && tb[lb + L_INDEX] == SYN_SET && tb[lb + L_DIR] != dir
                        && ackSeq(p, l4) == td[lv + L_END]) {
                    // This SYN/ACK answers a SYN we ignored: client and server are in sync, we were not.
                    int ld = tb[lb + L_DIR];
                    int b = slot * TI + ld * 4;
                    oldState = TcpStates.SYN_SENT;
                    newState = TcpStates.SYN_RECV;
                    td[b + END] = td[lv + L_END];
                    td[b + MAXEND] = td[lv + L_END];
                    td[b + MAXWIN] = td[lv + L_WIN] == 0 ? 1 : td[lv + L_WIN];
                    tb[slot * TB + ld] = tb[lb + L_WSCALE];
                    tb[slot * TB + ld + 2] = (byte) (lastFlags(slot) & (F_WINDOW_SCALE | F_SACK_PERM));
                    int o = slot * TI + dir * 4;
                    td[o] = td[o + 1] = td[o + 2] = td[o + 3] = 0;
                    tb[slot * TB + dir] = 0;
                    tb[slot * TB + dir + 2] = 0;
                    break;
                }
                tb[lb + L_INDEX] = (byte) index;
                tb[lb + L_DIR] = (byte) dir;
                td[lv + L_SEQ] = seq(p, l4);
                td[lv + L_END] = segEnd(p, t, seq(p, l4), fl);
                td[lv + L_WIN] = p.u16(l4 + 14);
                if (index == SYN_SET && dir == 0) {
                    // A SYN we let pass while out of sync: remember its options for the SYN/ACK that may follow.
                    int[] sc = scratch.get();
                    sc[0] = 0;
                    int f = options(p, l4, sc);
                    int lf = f & (F_WINDOW_SCALE | F_SACK_PERM);
                    tb[lb + L_WSCALE] = (byte) sc[0];
                    if (oldState == TcpStates.LAST_ACK) {
                        lf |= F_EXP_CHALLENGE_ACK;
                    }
                    tb[lb + L_FLAGS] = (byte) lf;
                }
                return IGNORE;
            case TcpStates.INVALID:
                return invalid("tcp: invalid " + kindName(index) + " in state " + TcpStates.NAMES[oldState]);
            case TcpStates.TIME_WAIT:
                if (oldState == TcpStates.LAST_ACK && index == ACK_SET && tb[lb + L_DIR] != dir
                        && tb[lb + L_INDEX] == SYN_SET && (lastFlags(slot) & F_EXP_CHALLENGE_ACK) != 0) {
                    // RFC 5961 challenge ACK: it does not acknowledge our last FIN.
                    tb[lb + L_FLAGS] = (byte) (lastFlags(slot) & ~F_EXP_CHALLENGE_ACK);
                    return IGNORE;
                }
                break;
            case TcpStates.SYN_SENT2:
                // Simultaneous open: the table alone cannot tell the final ACK's direction.
                tb[lb + L_FLAGS] = (byte) (lastFlags(slot) | F_SIMULTANEOUS_OPEN);
                break;
            case TcpStates.SYN_RECV:
                if (dir == 1 && index == ACK_SET && (lastFlags(slot) & F_SIMULTANEOUS_OPEN) != 0) {
                    newState = TcpStates.ESTABLISHED;
                }
                break;
            case TcpStates.CLOSE:
                if (index != RST_SET) {
                    break;
                }
                if (closingNoValidation(slot, st, oldState)) {
                    inWindowSkip = true;
                    break;
                }
                int peer = slot * TB + (1 - dir);
                if ((tb[peer + 2] & F_MAXACK_SET) != 0 && tb[lb + L_INDEX] != SYN_SET) {
                    int s = seq(p, l4);
                    int maxack = td[slot * TI + (1 - dir) * 4 + MAXACK];
                    boolean established = oldState == TcpStates.ESTABLISHED;
                    if (s == 0 && !established) {
                        break; // most likely the answer to a SYN we let through
                    }
                    if (before(s, maxack)) {
                        return invalid("tcp: invalid RST: SEQ " + Integer.toUnsignedString(s)
                                + " is below the peer's highest ACK " + Integer.toUnsignedString(maxack));
                    }
                    if (!established || s == maxack) {
                        break;
                    }
                    if (tb[lb + L_INDEX] == ACK_SET && tb[lb + L_DIR] == dir && s == td[lv + L_END]) {
                        break; // RST right after our own data: part of a train
                    }
                    // Inexact RST: keep the state, so a challenge ACK can still pass (RFC 5961).
                    newState = oldState;
                }
                if ((((st & CtStatus.SEEN_REPLY) != 0 && tb[lb + L_INDEX] == SYN_SET)
                        || ((st & CtStatus.ASSURED) == 0 && tb[lb + L_INDEX] == ACK_SET))
                        && ackSeq(p, l4) == td[lv + L_END]) {
                    // RST answering a SYN or ACK we let through while out of sync: skip the window check.
                    inWindowSkip = true;
                }
                break;
            default:
                break;
        }

        if (!inWindowSkip) {
            String w = inWindow(slot, dir, index, p, t, fl, table.protoState[slot]);
            if (w == IGNORED) {
                return IGNORE;
            }
            if (w != null) {
                if ((st & CtStatus.ASSURED) != 0 && (index == FIN_SET || index == RST_SET)) {
                    tb[slot * TB + dir + 2] |= F_CLOSE_INIT;
                }
                return invalid(w);
            }
        }

        // In window from here on.
        tb[lb + L_INDEX] = (byte) index;
        tb[lb + L_DIR] = (byte) dir;
        table.protoState[slot] = (byte) newState;
        if (oldState != newState && newState == TcpStates.CLOSE_WAIT) {
            table.restamp(slot, now);
        } else if (oldState == TcpStates.CLOSE_WAIT && newState != TcpStates.CLOSE_WAIT) {
            halfClosed.record(table.age(slot, now));
        }
        if (oldState != newState && newState == TcpStates.FIN_WAIT) {
            tb[slot * TB + dir + 2] |= F_CLOSE_INIT;
        }
        long timeout;
        long stateTimeout = timeouts.get(newState);
        if ((tb[lb + L_RETRANS] & 0xff) >= MAX_RETRANS && stateTimeout > timeouts.get(Timeouts.TCP_RETRANS)) {
            timeout = timeouts.get(Timeouts.TCP_RETRANS);
        } else if (index == RST_SET) {
            timeout = timeouts.get(TcpStates.CLOSE);
        } else if (((tb[slot * TB + 2] | tb[slot * TB + 1 + 2]) & F_DATA_UNACK) != 0
                && stateTimeout > timeouts.get(Timeouts.TCP_UNACK)) {
            timeout = timeouts.get(Timeouts.TCP_UNACK);
        } else if (td[lv + L_WIN] == 0 && stateTimeout > timeouts.get(Timeouts.TCP_RETRANS)) {
            timeout = timeouts.get(Timeouts.TCP_RETRANS);
        } else {
            timeout = stateTimeout;
        }

        if ((st & CtStatus.SEEN_REPLY) == 0) {
            // SEEN_REPLY is set by the engine after us, as in the kernel.
            if ((fl & 0x04) != 0) {
                return KILL; // the only answer is a RST: no connection, delete at once
            }
            if (index == SYN_SET && oldState == TcpStates.SYN_SENT) {
                return IGNORE; // a SYN retransmission does not renew the timeout
            }
            if (newState == TcpStates.ESTABLISHED && timeout > timeouts.get(Timeouts.TCP_UNACK)) {
                timeout = timeouts.get(Timeouts.TCP_UNACK); // mid-stream pickup without a reply yet
            }
        } else if ((st & CtStatus.ASSURED) == 0
                && (oldState == TcpStates.SYN_RECV || oldState == TcpStates.ESTABLISHED)
                && newState == TcpStates.ESTABLISHED) {
            table.orStatus(slot, CtStatus.ASSURED);
        }
        return timeout;
    }

    private static final String IGNORED = new String("ignored");

    /** Closing connections may be reused by now; their RST is not validated (tcp_can_early_drop). */
    private static boolean closingNoValidation(int slot, int status, int state) {
        return state == TcpStates.FIN_WAIT || state == TcpStates.LAST_ACK || state == TcpStates.TIME_WAIT
                || state == TcpStates.CLOSE || state == TcpStates.CLOSE_WAIT;
    }

    private long invalid(String why) {
        reason.get()[0] = why;
        return INVALID;
    }

    @Override
    public String lastInvalidReason() {
        return reason.get()[0];
    }

    /** tcp_in_window: null when in window, {@link #IGNORED} to let it pass unchanged, else the reason. */
    private String inWindow(int slot, int dir, int index, PacketContext p, PacketTuple t, int fl, int state) {
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

    @Override
    public String stateName(int slot) {
        return TcpStates.NAMES[table.protoState[slot]];
    }
}
