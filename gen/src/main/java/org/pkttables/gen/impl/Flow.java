package org.pkttables.gen.impl;

import static org.pkttables.gen.impl.FrameBuilder.ACK;
import static org.pkttables.gen.impl.FrameBuilder.FIN;
import static org.pkttables.gen.impl.FrameBuilder.PSH;
import static org.pkttables.gen.impl.FrameBuilder.RST;
import static org.pkttables.gen.impl.FrameBuilder.SYN;

import org.pkttables.gen.Profile;

/**
 * One flow being played: a small state machine that writes its next frame into a buffer. Both ends are
 * played, so the sequence and acknowledgement numbers of each side always agree with what the other side
 * sent (what a stateful firewall checks). Slots are reused from flow to flow: nothing is allocated.
 */
public final class Flow {
    public static final int UP = Profile.UP;
    public static final int DOWN = Profile.DOWN;
    public static final int NONE = -1;

    private static final int SYN_SENT = 0;
    private static final int SYN_ACK = 1;
    private static final int HANDSHAKE_ACK = 2;
    private static final int DATA = 3;
    private static final int FIN_CLIENT = 4;
    private static final int FIN_SERVER = 5;
    private static final int LAST_ACK = 6;
    private static final int RESET = 7;
    private static final int DONE = 8;

    // identity, set by FlowFactory
    long index;
    boolean v6;
    final byte[] client = new byte[16];
    final byte[] server = new byte[16];
    int sport;
    int dport;
    long clientIsn;
    long serverIsn;
    int clientIpId;
    int serverIpId;

    private Profile profile;
    private byte[] clientMac;
    private byte[] serverMac;
    private int seg;
    private int phase;
    private long cSeq;
    private long sSeq;
    /** Exchange counter over repeats: exchange = step % exchanges. */
    private int step;
    private int steps;
    private int remaining;
    private int unacked;
    private boolean pendingAck;
    private int echoSeq;
    private int lastDir = NONE;
    int sentUp;
    int sentDown;

    void start(Profile p, byte[] clientMac, byte[] serverMac) {
        this.profile = p;
        this.clientMac = clientMac;
        this.serverMac = serverMac;
        int mss = p.mss() > 0 ? p.mss() : v6 ? 1440 : 1460;
        int maxUdp = (v6 ? 1500 - 48 : 1500 - 28);
        this.seg = p.protocol() == Profile.TCP ? mss : maxUdp;
        this.cSeq = clientIsn;
        this.sSeq = serverIsn;
        this.steps = p.exchanges() * p.repeat();
        this.step = 0;
        this.remaining = steps > 0 ? p.size(0) : 0;
        this.unacked = 0;
        this.pendingAck = false;
        this.echoSeq = 0;
        this.lastDir = NONE;
        this.sentUp = 0;
        this.sentDown = 0;
        this.phase = p.protocol() == Profile.TCP ? SYN_SENT : DATA;
        if (phase == DATA && steps == 0) {
            phase = DONE;
        }
    }

    /** An empty slot, set up later by {@link FlowFactory#open}. */
    public static Flow newSlot() {
        return new Flow();
    }

    private Flow() {
    }

    public long index() {
        return index;
    }

    public boolean done() {
        return phase == DONE;
    }

    /** Direction of the last frame written, NONE before the first. */
    public int lastDirection() {
        return lastDir;
    }

    /** Direction of the next frame, NONE when the flow is over. */
    public int nextDirection() {
        switch (phase) {
            case SYN_SENT: case HANDSHAKE_ACK: case FIN_CLIENT: case LAST_ACK: case RESET:
                return UP;
            case SYN_ACK: case FIN_SERVER:
                return DOWN;
            case DATA:
                int sender = profile.direction(step % profile.exchanges());
                return pendingAck ? 1 - sender : sender;
            default:
                return NONE;
        }
    }

    /** Writes the next frame into {@code b} and returns its length; the flow must not be done. */
    public int emit(byte[] b) {
        int dir = nextDirection();
        int len;
        switch (profile.protocol()) {
            case Profile.TCP: len = tcp(b, dir); break;
            case Profile.UDP: len = udp(b, dir); break;
            default: len = icmp(b, dir);
        }
        lastDir = dir;
        if (dir == UP) {
            sentUp++;
        } else {
            sentDown++;
        }
        return len;
    }

    private int window() {
        int ws = profile.wscale();
        return ws < 0 ? 64240 : Math.min(65535, 262144 >> ws);
    }

    private int tcp(byte[] b, int dir) {
        Profile p = profile;
        switch (phase) {
            case SYN_SENT:
                phase = SYN_ACK;
                return seg(b, UP, cSeq++, 0, SYN, 64240, true, 0);
            case SYN_ACK:
                phase = HANDSHAKE_ACK;
                return seg(b, DOWN, sSeq++, cSeq, SYN | ACK, 65160, true, 0);
            case HANDSHAKE_ACK:
                phase = DATA;
                if (steps == 0) {
                    closePhase();
                }
                return seg(b, UP, cSeq, sSeq, ACK, window(), false, 0);
            case DATA: {
                int sender = p.direction(step % p.exchanges());
                if (pendingAck) {
                    pendingAck = false;
                    unacked = 0;
                    if (remaining == 0) {
                        nextStep();
                    }
                    return ack(b, 1 - sender);
                }
                int n = Math.min(seg, remaining);
                remaining -= n;
                unacked++;
                int flags = ACK | (remaining == 0 ? PSH : 0);
                int len = sender == UP ? seg(b, UP, cSeq, sSeq, flags, window(), false, n)
                        : seg(b, DOWN, sSeq, cSeq, flags, window(), false, n);
                if (sender == UP) {
                    cSeq += n;
                } else {
                    sSeq += n;
                }
                if (remaining == 0) {
                    // The receiver's next frame carries the acknowledgement when it speaks next anyway.
                    if (receiverSpeaksNext(sender)) {
                        unacked = 0;
                        nextStep();
                    } else {
                        pendingAck = true;
                    }
                } else if (unacked >= p.ackEvery()) {
                    pendingAck = true;
                }
                return len;
            }
            case FIN_CLIENT:
                phase = FIN_SERVER;
                return seg(b, UP, cSeq++, sSeq, FIN | ACK, window(), false, 0);
            case FIN_SERVER:
                phase = LAST_ACK;
                return seg(b, DOWN, sSeq++, cSeq, FIN | ACK, window(), false, 0);
            case LAST_ACK:
                phase = DONE;
                return seg(b, UP, cSeq, sSeq, ACK, window(), false, 0);
            case RESET:
                phase = DONE;
                return seg(b, UP, cSeq, sSeq, RST | ACK, 0, false, 0);
            default:
                throw new IllegalStateException("flow " + index + " is over");
        }
    }

    private boolean receiverSpeaksNext(int sender) {
        if (step + 1 < steps) {
            return profile.direction((step + 1) % profile.exchanges()) != sender;
        }
        // the client closes (FIN or RST, both carry ACK)
        return profile.protocol() == Profile.TCP && sender == DOWN;
    }

    private int ack(byte[] b, int dir) {
        return dir == UP ? seg(b, UP, cSeq, sSeq, ACK, window(), false, 0) : seg(b, DOWN, sSeq, cSeq, ACK, window(), false, 0);
    }

    private void nextStep() {
        step++;
        if (step < steps) {
            remaining = profile.size(step % profile.exchanges());
        } else if (profile.protocol() == Profile.TCP) {
            closePhase();
        } else {
            phase = DONE;
        }
    }

    private void closePhase() {
        phase = profile.closeRst() ? RESET : FIN_CLIENT;
    }

    private int seg(byte[] b, int dir, long seq, long ack, int flags, int window, boolean syn, int payload) {
        Profile p = profile;
        int mss = seg;
        if (dir == UP) {
            return FrameBuilder.tcp(b, serverMac, clientMac, v6, client, server, sport, dport, seq & 0xffffffffL,
                    ack & 0xffffffffL, flags, window, syn, mss, p.wscale(), p.sack(), payload, clientIpId++ & 0xffff);
        }
        return FrameBuilder.tcp(b, clientMac, serverMac, v6, server, client, dport, sport, seq & 0xffffffffL,
                ack & 0xffffffffL, flags, window, syn, mss, p.wscale(), p.sack(), payload, serverIpId++ & 0xffff);
    }

    private int udp(byte[] b, int dir) {
        int n = Math.min(seg, remaining);
        remaining -= n;
        int len = dir == UP
                ? FrameBuilder.udp(b, serverMac, clientMac, v6, client, server, sport, dport, n, clientIpId++ & 0xffff)
                : FrameBuilder.udp(b, clientMac, serverMac, v6, server, client, dport, sport, n, serverIpId++ & 0xffff);
        if (remaining == 0) {
            nextStep();
        }
        return len;
    }

    private int icmp(byte[] b, int dir) {
        int n = Math.min(remaining, seg);
        int len;
        if (dir == UP) {
            echoSeq++;
            len = FrameBuilder.echo(b, serverMac, clientMac, v6, client, server, true, sport, echoSeq, n,
                    clientIpId++ & 0xffff);
        } else {
            len = FrameBuilder.echo(b, clientMac, serverMac, v6, server, client, false, sport, echoSeq, n,
                    serverIpId++ & 0xffff);
        }
        remaining = 0;
        nextStep();
        return len;
    }

    /** The key {@link LivePlayer} finds this flow's captured frames by. */
    long key() {
        return Addresses.tupleKey(client, 0, server, 0, v6, sport, dport);
    }

    /** The flow's addresses and ports as text (reports only). */
    public String describe() {
        return Addresses.format(client, v6) + (profile.protocol() == Profile.ICMP ? "" : ":" + sport) + " -> "
                + Addresses.format(server, v6) + (profile.protocol() == Profile.ICMP ? " id " + sport : ":" + dport);
    }
}
