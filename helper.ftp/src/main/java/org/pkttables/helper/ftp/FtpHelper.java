package org.pkttables.helper.ftp;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.ConntrackHelper;
import org.pkttables.conntrack.HelperConnection;

/**
 * The FTP helper, after nf_conntrack_ftp: a PORT/EPRT from the client or a 227/229 answer from the
 * server announces the data connection, which then arrives RELATED. As in the kernel (loose=0), an
 * announced address that is not the sender's own is not recorded: a client cannot open a hole towards
 * a third host. Commands are recognised at the start of a segment, like the kernel's search. On a NATed
 * connection the announcement is translated and the expectation carries the NAT back ({@link FtpNat}).
 *
 * <p><b>Commands split across segments.</b> The kernel drops a segment that holds only the beginning of a
 * command (find_pattern's partial match) and counts on the sender retransmitting it together with the rest.
 * Here such a line is reassembled instead. A segment that starts like a command of its direction (a prefix
 * of {@code PORT}/{@code EPRT}, of {@code 227 }/{@code 229 }, or one of them and more) and has no line end
 * starts a {@link HeldLine} of its direction (at most {@link HeldLine#MAX} bytes; a longer line passes as it
 * is and is counted in {@link #linesTooLong}):
 * <ul>
 * <li>Without NAT nothing needs rewriting: the segments pass, the helper keeps a copy of the line's bytes
 * and makes the expectation once the segment that ends the line arrives.
 * <li>With NAT the text will be rewritten, possibly into another length, so no part of the line may reach
 * the peer before it is complete: the segments of the line are dropped and their bytes held, and the
 * segment that completes it carries them again — its payload is prefixed with the held bytes and its
 * sequence number moved back to the line's start ({@link HelperConnection#prependTcp}) — then the whole
 * line is rewritten in place as any other ({@link HelperConnection#mangleTcp}, which records the length
 * change for the sequence adjustment of the rest of the connection). For TCP the appliance has only cut
 * the stream differently: the peer acknowledges up to the line's start until the joined segment arrives,
 * and then everything. Retransmissions of held bytes are dropped; a segment after a gap, or one that
 * starts before the line and reaches into it, is dropped too (the sender retransmits from the line's start
 * once the peer acknowledged what came before), and counted in {@link #outOfOrder}. A sender that sends
 * the rest only once the beginning is acknowledged (Nagle's algorithm) would wait for ever: after
 * {@link #RELEASE_AFTER} retransmissions of the beginning with nothing new, it is let through as it is
 * (the line is then not translated; counted in {@link #linesReleased}). A FIN or RST ends the line as it
 * is.
 * </ul>
 */
@Component(service = ConntrackHelper.class, property = ConntrackHelper.NAME + "=ftp")
public final class FtpHelper implements ConntrackHelper {
    /** Retransmissions of a held beginning, with nothing new, after which it passes untranslated. */
    static final int RELEASE_AFTER = 4;
    private static final int FIN_OR_RST = 0x01 | 0x04;

    /** Lines that did not end in their segment and were held (NAT) or copied. */
    final LongAdder linesHeld = new LongAdder();
    /** Held lines completed and handled. */
    final LongAdder linesJoined = new LongAdder();
    /** Lines longer than {@link HeldLine#MAX}, passed through as they are. */
    final LongAdder linesTooLong = new LongAdder();
    /** Held beginnings let through untranslated (see the class comment). */
    final LongAdder linesReleased = new LongAdder();
    /** Segments dropped because they did not continue a held line where it ends. */
    final LongAdder outOfOrder = new LongAdder();

    @Override
    public String name() {
        return "ftp";
    }

    @Override
    public int protocol() {
        return 6;
    }

    @Override
    public int port() {
        return 21;
    }

    @Override
    public int help(PacketContext p, int payload, int length, HelperConnection conn) {
        int end = Math.min(payload + length, p.end());
        if (end <= payload) {
            return Verdict.ACCEPT;
        }
        int l4 = p.l4Offset();
        if (l4 < 0 || !p.has(l4, 20)) {
            return command(p.buffer(), payload, end, p, conn); // no TCP header to follow a stream by
        }
        boolean reply = conn.isReply();
        byte[] b = p.buffer();
        int seq = (int) p.u32(l4 + 4);
        boolean last = (p.u8(l4 + 13) & FIN_OR_RST) != 0;
        HeldLine held = HeldLine.of(conn.helperData(), reply);
        if (held != null && held.active) {
            return follow(p, payload, end, seq, last, held, conn);
        }
        if (!last && newline(b, payload, end) < 0 && FtpCommand.mayStartCommand(b, payload, end - payload, reply)) {
            return hold(b, payload, end, seq, conn, reply);
        }
        return command(b, payload, end, p, conn);
    }

    /** A command line that does not end in its segment: held (NAT) or copied. */
    private int hold(byte[] b, int payload, int end, int seq, HelperConnection conn, boolean reply) {
        int n = end - payload;
        if (n > HeldLine.MAX) {
            linesTooLong.increment();
            return Verdict.ACCEPT;
        }
        HeldLine held = HeldLine.of(conn.helperData(), reply);
        if (held == null) {
            if (conn.helperData() == null) {
                conn.helperData(new HeldLine[] { new HeldLine(), new HeldLine() });
            }
            held = HeldLine.of(conn.helperData(), reply);
            if (held == null) {
                return Verdict.ACCEPT; // no state kept for this connection: the segment passes as it is
            }
        }
        boolean keep = nat(conn);
        held.start(seq, b, payload, n, keep);
        linesHeld.increment();
        return keep ? Verdict.DROP : Verdict.ACCEPT;
    }

    /** A segment of a direction whose line is held: see the class comment. */
    private int follow(PacketContext p, int payload, int end, int seq, boolean last, HeldLine held,
            HelperConnection conn) {
        byte[] b = p.buffer();
        int segEnd = seq + (end - payload);
        int hs = held.seq;
        int he = held.end();
        if (before(seq, hs) || after(seq, he)) {
            if (before(seq, hs) && !after(segEnd, hs)) {
                return command(b, payload, end, p, conn); // earlier data, retransmitted: as any segment
            }
            if (held.kept) {
                outOfOrder.increment();
                return Verdict.DROP; // the peer must not get bytes of the line, or after it, before the line
            }
            held.clear(); // the copy lost the stream: start afresh with this segment
            return command(b, payload, end, p, conn);
        }
        if (!after(segEnd, he)) {
            // nothing new: a retransmission of held bytes
            if (!held.kept) {
                return Verdict.ACCEPT;
            }
            if (seq == hs && ++held.repeats > RELEASE_AFTER) {
                held.clear();
                linesReleased.increment();
                return Verdict.ACCEPT;
            }
            return Verdict.DROP;
        }
        int fresh = payload + (he - seq);
        int nl = newline(b, fresh, end);
        if (!held.kept) {
            int stop = nl < 0 ? end : nl + 1;
            if (!held.append(b, fresh, stop - fresh)) {
                linesTooLong.increment();
                held.clear();
                return Verdict.ACCEPT;
            }
            if (nl < 0) {
                if (last) {
                    held.clear();
                }
                return Verdict.ACCEPT;
            }
            held.clear();
            linesJoined.increment();
            return command(held.bytes, 0, stop - fresh + (he - hs), null, conn);
        }
        if (nl < 0 && !last) {
            if (held.append(b, fresh, end - fresh)) {
                return Verdict.DROP;
            }
            linesTooLong.increment(); // passes below as it is, with the held bytes in front
        }
        int ahead = seq - hs;
        held.clear();
        if (!conn.prependTcp(p, held.bytes, 0, ahead)) {
            outOfOrder.increment();
            return Verdict.DROP; // no room for the held bytes: the sender retransmits them
        }
        if (nl < 0) {
            return Verdict.ACCEPT; // too long, or ended by FIN/RST: not a command to translate
        }
        linesJoined.increment();
        return command(b, payload, end + ahead, p, conn);
    }

    /**
     * The command at the start of {@code buf[off, end)}: expectation, and on a NATed connection the rewrite of
     * the segment {@code p} (whose bytes {@code buf} then are).
     */
    private int command(byte[] buf, int off, int end, PacketContext p, HelperConnection conn) {
        boolean reply = conn.isReply();
        FtpCommand cmd = FtpCommand.parse(buf, off, end - off, reply);
        if (cmd == null) {
            return Verdict.ACCEPT;
        }
        // the sender's real address: a port-forwarded server's is the reply tuple's source
        byte[] sender = reply ? conn.replySource() : conn.originalSource();
        if (cmd.address() != null && !Arrays.equals(cmd.address(), sender)) {
            return Verdict.ACCEPT; // NOT RECORDING, as the kernel: the data connection stays NEW
        }
        if (nat(conn) && p != null) {
            return FtpNat.help(p, cmd, sender, conn);
        }
        byte[] peer = reply ? conn.originalSource() : conn.originalDestination();
        conn.expect(6, peer, sender, -1, cmd.port());
        return Verdict.ACCEPT;
    }

    /** Whether the connection's announcements are translated ({@link FtpNat}): NATed, IPv4 or IPv6 (NAT66). */
    private static boolean nat(HelperConnection conn) {
        return conn.natted();
    }

    /** Index of the first '\n' in {@code b[from, end)}, or -1. */
    private static int newline(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean before(int a, int b) {
        return a - b < 0;
    }

    private static boolean after(int a, int b) {
        return b - a < 0;
    }
}
