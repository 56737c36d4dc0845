package org.pkttables.io.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receive offloads on the appliance's own ports, through ethtool. GRO/LRO merge a flow's frames
 * into one super-frame before a packet socket sees it; such a frame cannot be sent out again as is,
 * so the bridge turns them off at attach and restores what it changed at detach.
 */
public final class Offloads {
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");
    /** ethtool -k names of the features turned off, with their -K keyword. */
    private static final String[][] FEATURES = {
        {"generic-receive-offload", "gro"},
        {"large-receive-offload", "lro"},
    };

    private final String port;
    private final List<String> turnedOff = new ArrayList<>();

    Offloads(String port) {
        this.port = port;
    }

    /** Turns GRO/LRO off where they are on and changeable; returns a line for the log. */
    public String disable() {
        String shown;
        try {
            shown = run("ethtool", "-k", port);
        } catch (IOException e) {
            return "cannot read offloads of " + port + " (" + e.getMessage() + "): GRO/LRO left as they are; "
                    + "super-frames will be segmented (TCP) or dropped and counted";
        }
        List<String> failed = new ArrayList<>();
        for (String[] f : FEATURES) {
            String state = state(shown, f[0]);
            if (state == null || !state.startsWith("on") || state.contains("[fixed]")) {
                continue;
            }
            try {
                run("ethtool", "-K", port, f[1], "off");
                turnedOff.add(f[1]);
            } catch (IOException e) {
                failed.add(f[1] + " (" + e.getMessage() + ")");
            }
        }
        String done = turnedOff.isEmpty() ? "GRO/LRO already off" : "turned off " + String.join(", ", turnedOff)
                + " (ethtool -K " + port + " " + String.join(" off ", turnedOff) + " off)";
        return failed.isEmpty() ? done : done + "; could not turn off " + String.join(", ", failed);
    }

    /** Turns back on what {@link #disable} turned off. */
    public void restore() {
        for (String f : turnedOff) {
            try {
                run("ethtool", "-K", port, f, "on");
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "bridge: could not turn " + f + " back on for " + port + ": "
                        + e.getMessage());
            }
        }
        turnedOff.clear();
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
