package org.pkttables.ext.targets.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.pkttables.ext.targets.api.LogRing;

/**
 * One line of the LOG ring as {@code log} prints it: the time it was logged and the kernel-style line
 * ({@code PREFIX IN=... OUT=... SRC=...}), or the same as one JSON object with the prefix and the
 * line's {@code KEY=VALUE} fields (bare flags such as {@code DF} or {@code SYN} as {@code true}; an ICMP
 * error's quoted packet, in brackets, stays in {@code line} only).
 */
final class LogLine {
    private LogLine() {
    }

    /** The rule's {@code --log-prefix}: what comes before {@code IN=IFACE OUT=} ("" when none). */
    static String prefix(String line) {
        for (int i = line.indexOf("IN="); i >= 0; i = line.indexOf("IN=", i + 1)) {
            int space = line.indexOf(' ', i + 3);
            if (space >= 0 && line.startsWith(" OUT=", space)) {
                return line.substring(0, i);
            }
        }
        return "";
    }

    static String text(LogRing.Entry e) {
        return Instant.ofEpochMilli(e.timeMillis()) + " " + e.line();
    }

    static String json(LogRing.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.sequence());
        m.put("time", Instant.ofEpochMilli(e.timeMillis()).toString());
        m.put("level", e.level());
        String prefix = prefix(e.line());
        m.put("prefix", prefix);
        m.put("fields", fields(e.line().substring(prefix.length())));
        m.put("line", e.line());
        try {
            return JSON.std.asString(m);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot write a log line as JSON", x);
        }
    }

    /** {@code IN=a OUT= SRC=1.2.3.4 DF SYN} as IN: a, OUT: "", SRC: 1.2.3.4, DF: true, SYN: true. */
    static Map<String, Object> fields(String rest) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String token : rest.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("[")) {
                break; // the quoted packet of an ICMP error: its fields would repeat the outer ones
            }
            int eq = token.indexOf('=');
            if (eq > 0) {
                f.putIfAbsent(token.substring(0, eq), token.substring(eq + 1));
            } else {
                f.putIfAbsent(token, Boolean.TRUE);
            }
        }
        return f;
    }
}
