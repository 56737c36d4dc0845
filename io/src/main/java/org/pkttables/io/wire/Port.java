package org.pkttables.io.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * One bridge port: a libpcap handle on an interface without addresses (promiscuous, immediate mode,
 * inbound only so it never captures what the bridge sends on it), its MTU and the counters of its
 * capture thread.
 */
class Port {
    static final int RX = 0;
    static final int RX_BYTES = 1;
    static final int OVERFLOW = 2;
    static final int PCAP_RECV = 3;
    static final int PCAP_DROP = 4;
    static final int PCAP_IFDROP = 5;
    static final int COUNTERS = 6;

    /** Large enough for a 64 KiB GSO/GRO super-frame plus headers, so none is cut short. */
    private static final int SNAPLEN = 262_144;

    final int index;
    final String name;
    final int mtu;
    final Counters counters = new Counters(COUNTERS);
    final Offloads offloads;
    PcapHandle handle;

    Port(int index, String name) throws IOException {
        this.index = index;
        this.name = name;
        Path sys = Path.of("/sys/class/net", name);
        if (!Files.isDirectory(sys)) {
            throw new IOException("no interface named " + name);
        }
        this.mtu = Integer.parseInt(Files.readString(sys.resolve("mtu")).trim());
        this.offloads = new Offloads(name);
    }

    /** A port that is not attached to an interface (tests override {@link #send}). */
    Port(int index, String name, int mtu) {
        this.index = index;
        this.name = name;
        this.mtu = mtu;
        this.offloads = new Offloads(name);
    }

    /** Biggest frame the port sends unchanged: the MTU plus an Ethernet header and one VLAN tag. */
    int maxFrame() {
        return mtu + 18;
    }

    void open(int bufferBytes) throws PcapNativeException {
        handle = new PcapHandle.Builder(name).snaplen(SNAPLEN).promiscuousMode(PromiscuousMode.PROMISCUOUS)
                .timeoutMillis(10).bufferSize(bufferBytes).immediateMode(true)
                .direction(PcapHandle.PcapDirection.IN).build();
    }

    /** Sends one frame; false on a send error (counted by the caller). */
    boolean send(byte[] frame, int len) {
        try {
            handle.sendPacket(frame, len);
            return true;
        } catch (PcapNativeException | NotOpenException e) {
            return false;
        }
    }

    void close() {
        if (handle != null) {
            handle.close();
        }
    }
}
