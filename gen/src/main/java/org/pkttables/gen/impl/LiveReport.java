package org.pkttables.gen.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

/** What a live run sent and what arrived on the far side, per flow and in total. */
public final class LiveReport {
    public final String clientIf;
    public final String serverIf;
    public final long flows;
    final int[] sentUp;
    final int[] sentDown;
    final int[] deliveredUp;
    final int[] deliveredDown;
    final String[] describe;
    public long stray;
    public long timeouts;
    /** Frames that arrived after their flow had given them up as dropped (or after it ended: stray). */
    public long late;
    public long sendErrors;
    public long seconds100;
    /** libpcap counters of the two capture handles: received, dropped, dropped by the interface. */
    public final long[] clientCapture = new long[3];
    public final long[] serverCapture = new long[3];

    LiveReport(String clientIf, String serverIf, long flows, boolean describeFlows) {
        this.clientIf = clientIf;
        this.serverIf = serverIf;
        this.flows = flows;
        int n = (int) flows;
        sentUp = new int[n];
        sentDown = new int[n];
        deliveredUp = new int[n];
        deliveredDown = new int[n];
        describe = describeFlows ? new String[n] : null;
    }

    public long sent() {
        return sum(sentUp) + sum(sentDown);
    }

    public long delivered() {
        return sum(deliveredUp) + sum(deliveredDown);
    }

    /** Flows all of whose frames arrived. */
    public long complete() {
        long c = 0;
        for (int i = 0; i < flows; i++) {
            if (deliveredUp[i] == sentUp[i] && deliveredDown[i] == sentDown[i]) {
                c++;
            }
        }
        return c;
    }

    /** Flows none of whose frames arrived. */
    public long blocked() {
        long c = 0;
        for (int i = 0; i < flows; i++) {
            if (deliveredUp[i] == 0 && deliveredDown[i] == 0) {
                c++;
            }
        }
        return c;
    }

    /** Frames the capture path lost (libpcap drops on either side): the run then proves nothing. */
    public long captureDrops() {
        return clientCapture[1] + clientCapture[2] + serverCapture[1] + serverCapture[2];
    }

    private static long sum(int[] a) {
        long s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }

    public String text(boolean perFlow) {
        StringBuilder sb = new StringBuilder();
        if (perFlow) {
            sb.append(String.format(Locale.ROOT, "%8s  %-48s %9s %9s %9s%n", "flow", "tuple", "up", "down", "result"));
            for (int i = 0; i < flows; i++) {
                sb.append(String.format(Locale.ROOT, "%8d  %-48s %4d/%-4d %4d/%-4d %9s%n", i,
                        describe == null ? "" : describe[i], deliveredUp[i], sentUp[i], deliveredDown[i], sentDown[i],
                        result(i)));
            }
        }
        long sent = sent();
        long del = delivered();
        sb.append(String.format(Locale.ROOT, "live %s -> %s: %d flows: %d complete, %d partly delivered, %d blocked%n",
                clientIf, serverIf, flows, complete(), flows - complete() - blocked(), blocked()));
        sb.append(String.format(Locale.ROOT, "  frames: %d sent (%d client->server, %d server->client), %d delivered, "
                + "%d dropped%n", sent, sum(sentUp), sum(sentDown), del, sent - del));
        sb.append(String.format(Locale.ROOT, "  capture %s: %d received, %d dropped, %d dropped by interface; "
                + "capture %s: %d received, %d dropped, %d dropped by interface%n", clientIf, clientCapture[0],
                clientCapture[1], clientCapture[2], serverIf, serverCapture[0], serverCapture[1], serverCapture[2]));
        sb.append(String.format(Locale.ROOT, "  waits timed out: %d, late frames: %d, stray frames: %d, send errors: %d, "
                + "%.2f s%n", timeouts, late, stray, sendErrors, seconds100 / 100.0));
        if (captureDrops() > 0) {
            sb.append("  WARNING: the capture path lost frames: delivered/dropped figures are not exact\n");
        }
        return sb.toString();
    }

    private String result(int i) {
        if (deliveredUp[i] == sentUp[i] && deliveredDown[i] == sentDown[i]) {
            return "complete";
        }
        return deliveredUp[i] == 0 && deliveredDown[i] == 0 ? "blocked" : "partial";
    }

    public String json(boolean perFlow) {
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("clientIf", clientIf);
        live.put("serverIf", serverIf);
        live.put("flows", flows);
        live.put("complete", complete());
        live.put("blocked", blocked());
        live.put("sent", sent());
        live.put("sentUp", sum(sentUp));
        live.put("sentDown", sum(sentDown));
        live.put("delivered", delivered());
        live.put("deliveredUp", sum(deliveredUp));
        live.put("deliveredDown", sum(deliveredDown));
        live.put("timeouts", timeouts);
        live.put("late", late);
        live.put("stray", stray);
        live.put("sendErrors", sendErrors);
        live.put("captureDrops", captureDrops());
        live.put("clientCapture", capture(clientCapture));
        live.put("serverCapture", capture(serverCapture));
        live.put("seconds", seconds100 / 100.0);
        if (perFlow) {
            List<Map<String, Object>> each = new ArrayList<>();
            for (int i = 0; i < flows; i++) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("flow", i);
                f.put("tuple", describe == null ? "" : describe[i]);
                f.put("sentUp", sentUp[i]);
                f.put("deliveredUp", deliveredUp[i]);
                f.put("sentDown", sentDown[i]);
                f.put("deliveredDown", deliveredDown[i]);
                f.put("result", result(i));
                each.add(f);
            }
            live.put("perFlow", each);
        }
        try {
            return JSON.std.asString(Map.of("live", live)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    private static Map<String, Object> capture(long[] c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", c[0]);
        m.put("dropped", c[1]);
        m.put("ifDropped", c[2]);
        return m;
    }
}
