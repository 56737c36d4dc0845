package org.pkttables.tables.testing;

import org.pkttables.cli.xtables.PacketFrames;

/**
 * Ethernet frames for tests, with correct lengths and checksums, built by the frame builder that
 * {@code explain} uses at run time ({@link PacketFrames}, whose static methods and {@link
 * PacketFrames.Packet} are reached through this name):
 * <pre>
 * byte[] syn  = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 22).flags(Frames.SYN).build();
 * List&lt;byte[]&gt; frags = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload(new byte[3000]).fragments(1480);
 * byte[] who  = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
 * </pre>
 */
public final class Frames extends PacketFrames {
    private Frames() {
    }
}
