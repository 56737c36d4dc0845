package org.pkttables.io.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receive offloads on the appliance's own ports, through ethtool. GRO/LRO merge a flow's frames
 * into one super-frame before a packet socket sees it. Where the ports can send TCP super-frames whole
 * (GSO, see {@link Port#openGso}) GRO is turned on and LRO off; otherwise both off, as such a frame
 * cannot be sent out again as is. What was changed at attach is restored at detach.
 */
public final class Offloads {
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");
    /** ethtool -k names of the features set, with their -K keyword. */
    private static final String[][] FEATURES = {
        {"generic-receive-offload", "gro"},
        {"large-receive-offload", "lro"},
        {"tx-checksumming", "tx"},
        {"tcp-segmentation-offload", "tso"},
        {"generic-segmentation-offload", "gso"},
    };

    private final String port;
    /** ethtool -K keywords changed by {@link #disable} or {@link #receiveSuperFrames}, with the state to restore. */
    private final List<String[]> changed = new ArrayList<>();

    Offloads(String port) {
        this.port = port;
    }

    /** Turns GRO/LRO off where they are on and changeable; returns a line for the log. */
    public String disable() {
        return set(new Boolean[] {false, false, null, null, null});
    }

    /**
     * For ports whose TCP super-frames go out whole (GSO): GRO on, so the kernel hands the packet socket
     * a flow's frames merged (rules run once per super-frame, as in the kernel's netfilter), LRO off as
     * the kernel wants it for forwarding (an LRO frame cannot be cut again exactly); TX checksumming, TSO
     * and GSO on, so that a super-frame sent on the port is cut as late as possible (a veth hands it
     * to its peer whole). A line for the log.
     */
    public String receiveSuperFrames() {
        return set(new Boolean[] {true, false, true, true, true});
    }

    /** Sets FEATURES[i] to want[i] (null: left as it is). */
    private String set(Boolean[] want) {
        String shown;
        try {
            shown = run("ethtool", "-k", port);
        } catch (IOException e) {
            return "cannot read offloads of " + port + " (" + e.getMessage() + "): GRO/LRO left as they are; "
                    + "super-frames will be segmented (TCP) or dropped and counted";
        }
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < FEATURES.length; i++) {
            String[] f = FEATURES[i];
            String state = state(shown, f[0]);
            if (want[i] == null || state == null || state.contains("[fixed]") || state.startsWith("on") == want[i]) {
                continue;
            }
            String to = want[i] ? "on" : "off";
            try {
                run("ethtool", "-K", port, f[1], to);
                changed.add(new String[] {f[1], want[i] ? "off" : "on"});
                done.add(f[1] + " " + to);
            } catch (IOException e) {
                failed.add(f[1] + " " + to + " (" + e.getMessage() + ")");
            }
        }
        String line = done.isEmpty() ? "offloads already as wanted (GRO " + (want[0] ? "on" : "off") + ", LRO off)"
                : "turned " + String.join(", ", done) + " (ethtool -K " + port + " " + String.join(" ", done) + ")";
        return failed.isEmpty() ? line : line + "; could not turn " + String.join(", ", failed);
    }

    /** Turns back what {@link #disable} or {@link #receiveSuperFrames} changed. */
    public void restore() {
        for (String[] f : changed) {
            try {
                run("ethtool", "-K", port, f[0], f[1]);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "bridge: could not turn " + f[0] + " back " + f[1] + " for "
                        + port + ": " + e.getMessage());
            }
        }
        changed.clear();
    }

    private static String state(String shown, String feature) {
        for (String line : shown.split("\n")) {
            String t = line.trim();
            if (t.startsWith(feature + ":")) {
                return t.substring(feature.length() + 1).trim();
            }
        }
        return null;
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.trim());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
