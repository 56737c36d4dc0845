package org.pkttables.conntrack.impl;

import static org.pkttables.conntrack.impl.TcpHeader.ackSeq;
import static org.pkttables.conntrack.impl.TcpHeader.before;
import static org.pkttables.conntrack.impl.TcpHeader.error;
import static org.pkttables.conntrack.impl.TcpHeader.segEnd;
import static org.pkttables.conntrack.impl.TcpHeader.seq;
import static org.pkttables.conntrack.impl.TcpHeader.tcpFlags;
import static org.pkttables.conntrack.impl.TcpStates.ACK_SET;
import static org.pkttables.conntrack.impl.TcpStates.FIN_SET;
import static org.pkttables.conntrack.impl.TcpStates.RST_SET;
import static org.pkttables.conntrack.impl.TcpStates.SYNACK_SET;
import static org.pkttables.conntrack.impl.TcpStates.SYN_SET;
import static org.pkttables.conntrack.impl.TcpWindowTracker.END;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_BE_LIBERAL;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_CLOSE_INIT;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_DATA_UNACK;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_EXP_CHALLENGE_ACK;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_MAXACK_SET;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_SACK_PERM;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_SIMULTANEOUS_OPEN;
import static org.pkttables.conntrack.impl.TcpWindowTracker.F_WINDOW_SCALE;
import static org.pkttables.conntrack.impl.TcpWindowTracker.IGNORED;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_DIR;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_END;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_FLAGS;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_INDEX;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_RETRANS;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_SEQ;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_WIN;
import static org.pkttables.conntrack.impl.TcpWindowTracker.L_WSCALE;
import static org.pkttables.conntrack.impl.TcpWindowTracker.MAXACK;
import static org.pkttables.conntrack.impl.TcpWindowTracker.MAXEND;
import static org.pkttables.conntrack.impl.TcpWindowTracker.MAXWIN;
import static org.pkttables.conntrack.impl.TcpWindowTracker.TB;
import static org.pkttables.conntrack.impl.TcpWindowTracker.TI;

import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.CtStatus;

/**
 * TCP connection tracking after nf_conntrack_proto_tcp.c (tcp_packet): the state machine of
 * {@link TcpStates}' transition table with the kernel's special cases (reopening closed connections, SYNs and
 * SYN/ACKs we were out of sync for, simultaneous open, RST validation, RFC 5961 challenge ACKs) and the
 * state's timeout; every packet it does not settle goes through the window check of {@link TcpWindowTracker},
 * which also holds the per-slot state (arrays indexed by slot, no object per connection). The header
 * fields and options are read by {@link TcpHeader}.
 */
final class TcpTracker implements L4Tracker {
    private static final int MAX_RETRANS = 3;

    private final ConntrackTable table;
    private final Timeouts timeouts;
    private final TcpWindowTracker window;
    /** The window tracker's per-slot arrays, whose last_* part the state machine reads and writes too. */
    private final int[] td;
    private final byte[] tb;
    private final ThreadLocal<String[]> reason = ThreadLocal.withInitial(() -> new String[1]);
    /** Pick up connections from the middle (nf_conntrack_tcp_loose), on by default. */
    volatile boolean loose = true;

    /** Time spent in CLOSE_WAIT by connections that left it. */
    final HalfClosedStats halfClosed = new HalfClosedStats();

    TcpTracker(ConntrackTable table, Timeouts timeouts) {
        this.table = table;
        this.timeouts = timeouts;
        window = new TcpWindowTracker(table.capacity);
        td = window.td;
        tb = window.tb;
    }

    /** The helpers' sequence adjustments, which the window check takes into account (tcp_in_window). */
    void seqAdjust(SeqAdjust sa) {
        window.seqAdjust = sa;
    }

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
        window.clear(slot);
        int s = seq(p, t.l4);
        int b = slot * TI;
        int end = segEnd(p, t, s, fl);
        int win = p.u16(t.l4 + 14);
        if (ns == TcpStates.SYN_SENT) {
            td[b + END] = end;
            td[b + MAXWIN] = win == 0 ? 1 : win;
            td[b + MAXEND] = end;
            window.readOptionsInto(slot, 0, p, t.l4);
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
                    int lf = window.lastOptions(p, l4, slot);
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
            String w = window.inWindow(slot, dir, index, p, t, fl, table.protoState[slot]);
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

    /** Retransmission count of the entry (tests, debug). */
    int retransmissions(int slot) {
        return window.retransmissions(slot);
    }

    int windowScale(int slot, int dir) {
        return window.windowScale(slot, dir);
    }

    @Override
    public String stateName(int slot) {
        return TcpStates.NAMES[table.protoState[slot]];
    }
}
