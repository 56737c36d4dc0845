package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.impl.TraceTargetType;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/** {@code trace --json}: one JSON object per step, with the rule text and the policy as the text form has them. */
class TraceJsonTest {
    @Test
    void oneObjectPerLine() throws IOException, InterruptedException {
        Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType(), new TraceTargetType());
        for (String c : new String[] { "iptables -t raw -A PREROUTING -p tcp --dport 22 -j TRACE",
            "iptables -A INPUT -p tcp -m tcp --sport 1:1023 -j ACCEPT", "iptables -P INPUT DROP" }) {
            assertEquals(0, h.sh(c).exit(), c);
        }
        byte[] ssh = Frames.ipv4("192.0.2.1", "10.0.0.1").tcp(40000, 22).flags(Frames.SYN).build();
        CompletableFuture<Result> trace = CompletableFuture.supplyAsync(
                () -> h.run("trace", "--json", "--count", "4", "--timeout", "60"));
        // the trace listens once it runs: send until it has its four steps (one packet makes four)
        for (int i = 0; i < 600 && !trace.isDone(); i++) {
            h.injectPath(Family.IPV4, ssh, "eth0", null, Hook.PREROUTING, Hook.INPUT);
            Thread.sleep(50);
        }
        Result r = trace.join();
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        Map<String, Object> policy = null;
        for (String l : lines) {
            Map<String, Object> step = JSON.std.mapFrom(l);
            assertEquals("ipv4", step.get("family"));
            if ("INPUT".equals(step.get("chain")) && "filter".equals(step.get("table"))) {
                policy = step;
            }
        }
        assertTrue(policy != null && "DROP".equals(policy.get("policy")) && "INPUT".equals(policy.get("hook")),
                r.out());
    }
}
