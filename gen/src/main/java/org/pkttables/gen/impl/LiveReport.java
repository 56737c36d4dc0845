package org.pkttables.gen.impl;

import java.util.Locale;

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
        StringBuilder sb = new StringBuilder("{\"live\":{\"clientIf\":\"").append(clientIf).append("\",\"serverIf\":\"")
                .append(serverIf).append("\",\"flows\":").append(flows).append(",\"complete\":").append(complete())
                .append(",\"blocked\":").append(blocked()).append(",\"sent\":").append(sent())
                .append(",\"sentUp\":").append(sum(sentUp)).append(",\"sentDown\":").append(sum(sentDown))
                .append(",\"delivered\":").append(delivered()).append(",\"deliveredUp\":").append(sum(deliveredUp))
                .append(",\"deliveredDown\":").append(sum(deliveredDown)).append(",\"timeouts\":").append(timeouts)
                .append(",\"late\":").append(late).append(",\"stray\":").append(stray).append(",\"sendErrors\":").append(sendErrors)
                .append(",\"captureDrops\":").append(captureDrops())
                .append(",\"clientCapture\":{\"received\":").append(clientCapture[0]).append(",\"dropped\":")
                .append(clientCapture[1]).append(",\"ifDropped\":").append(clientCapture[2])
                .append("},\"serverCapture\":{\"received\":").append(serverCapture[0]).append(",\"dropped\":")
                .append(serverCapture[1]).append(",\"ifDropped\":").append(serverCapture[2])
                .append("},\"seconds\":").append(seconds100 / 100.0);
        if (perFlow) {
            sb.append(",\"perFlow\":[");
            for (int i = 0; i < flows; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"flow\":").append(i).append(",\"tuple\":\"").append(describe == null ? "" : describe[i])
                        .append("\",\"sentUp\":").append(sentUp[i]).append(",\"deliveredUp\":").append(deliveredUp[i])
                        .append(",\"sentDown\":").append(sentDown[i]).append(",\"deliveredDown\":")
                        .append(deliveredDown[i]).append(",\"result\":\"").append(result(i)).append("\"}");
            }
            sb.append(']');
        }
        return sb.append("}}\n").toString();
    }
}
