package org.pkttables.helper.ftp;

import java.util.Arrays;

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
 */
@Component(service = ConntrackHelper.class, property = ConntrackHelper.NAME + "=ftp")
public final class FtpHelper implements ConntrackHelper {
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
        boolean reply = conn.isReply();
        FtpCommand cmd = FtpCommand.parse(p.buffer(), payload, end - payload, reply);
        if (cmd == null) {
            return Verdict.ACCEPT;
        }
        // the sender's real address: a port-forwarded server's is the reply tuple's source
        byte[] sender = reply ? conn.replySource() : conn.originalSource();
        if (cmd.address() != null && !Arrays.equals(cmd.address(), sender)) {
            return Verdict.ACCEPT; // NOT RECORDING, as the kernel: the data connection stays NEW
        }
        if (conn.natted()) {
            return FtpNat.help(p, end, cmd, sender, conn);
        }
        byte[] peer = reply ? conn.originalSource() : conn.originalDestination();
        conn.expect(6, peer, sender, -1, cmd.port());
        return Verdict.ACCEPT;
    }
}
