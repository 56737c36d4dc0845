package org.pkttables.io.impl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ExtensionFault;
import org.pkttables.api.Family;

/** What a replay saw and decided, per family. */
final class ReplaySummary {
    final long[] frames = new long[Family.values().length];
    final long[] accepted = new long[Family.values().length];
    final long[] dropped = new long[Family.values().length];
    long other;
    long rejected;
    long malformed;
    long failClosed;
    long written;
    long faults;
    /** "ipv4 filter FORWARD rule 2: match faulty threw ..." -> packets dropped because of it. */
    final Map<String, Long> faultsBySite = new LinkedHashMap<>();
    /** Packets rewritten on the way (NAT). */
    final ReplayTranslations translations = new ReplayTranslations();

    void fault(ExtensionFault f) {
        faults++;
        if (f != null) {
            faultsBySite.merge(f.where() + ": " + f.extension() + " threw " + f.error(), 1L, Long::sum);
        }
    }

    long total(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    String text(String file, ReplayPath path, String in, String out) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "replay %s: %d frames through %s (in %s, out %s)%n", file,
                total(frames) + other, path.name(), in, out));
        sb.append(String.format(Locale.ROOT, "  %-8s %10s %10s %10s%n", "family", "frames", "accepted", "dropped"));
        for (Family f : Family.values()) {
            if (frames[f.ordinal()] > 0) {
                sb.append(String.format(Locale.ROOT, "  %-8s %10d %10d %10d%n", f.id(), frames[f.ordinal()],
                        accepted[f.ordinal()], dropped[f.ordinal()]));
            }
        }
        if (other > 0) {
            sb.append(String.format(Locale.ROOT, "  %-8s %10d %10s %10s%n", "other", other, "(passed)", "-"));
        }
        sb.append(String.format(Locale.ROOT, "  verdicts: %d accepted, %d dropped (%d rejected, %d malformed, "
                + "%d fail-closed)%n", total(accepted), total(dropped), rejected, malformed, failClosed));
        if (faults > 0) {
            sb.append(String.format(Locale.ROOT, "  faults: %d packets dropped because an extension threw%n", faults));
            for (Map.Entry<String, Long> e : faultsBySite.entrySet()) {
                sb.append(String.format(Locale.ROOT, "    %s; %d packet%s dropped%n", e.getKey(), e.getValue(),
                        e.getValue() == 1 ? "" : "s"));
            }
        }
        translations.text(sb);
        if (written > 0) {
            sb.append(String.format(Locale.ROOT, "  written: %d frames%n", written));
        }
        return sb.toString();
    }

    /** The summary as a JSON object ({@code replay --json}); {@code replay --counters} adds {@code "rules"}. */
    Map<String, Object> json(String file, ReplayPath path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        Map<String, Object> families = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            if (frames[f.ordinal()] > 0) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("frames", frames[f.ordinal()]);
                fm.put("accepted", accepted[f.ordinal()]);
                fm.put("dropped", dropped[f.ordinal()]);
                families.put(f.id(), fm);
            }
        }
        m.put("families", families);
        m.put("other", other);
        m.put("accepted", total(accepted));
        m.put("dropped", total(dropped));
        m.put("rejected", rejected);
        m.put("malformed", malformed);
        m.put("failClosed", failClosed);
        m.put("faults", faults);
        m.put("written", written);
        translations.json(m);
        return m;
    }
}
