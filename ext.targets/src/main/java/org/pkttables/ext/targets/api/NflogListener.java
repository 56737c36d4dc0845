package org.pkttables.ext.targets.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.pkttables.api.PacketContext;

/**
 * Receives the packets NFLOG rules send to a group, in process (the kernel would send them to
 * nfnetlink_log). Register one as an OSGi service; with the service property {@link #GROUP} it gets
 * only that group, without it every group.
 *
 * <p>Called on the packet worker, in the middle of rule evaluation: it must be thread-safe, must not
 * block, and must copy what it keeps, because the context and its frame are reused for the next packet
 * as soon as the call returns. It must not change the packet.
 */
@ConsumerType
public interface NflogListener {
    /** Service property (Integer): the only group this listener wants. */
    String GROUP = "pkttables.nflog.group";

    /**
     * @param group  the rule's {@code --nflog-group} (0 when not given)
     * @param prefix the rule's {@code --nflog-prefix}, "" when none
     * @param packet the packet; the frame is {@code packet.buffer()[packet.start() .. packet.end())}
     * @param size   how many bytes of the packet (from the IP header) the rule asks to pass on
     *               ({@code --nflog-size}), or -1 for the whole packet
     */
    void packet(int group, String prefix, PacketContext packet, int size);
}
