package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.StreamingCommand;
import org.pkttables.ext.targets.api.LogRing;

/** {@code log}: the ring's lines, filtered, as text or JSON; a follower's live lines and its counted losses. */
class LogCommandTest {
    private static final String SSH = "ssh in: IN=f0 OUT=f1 MAC=02:00:00:00:00:01 SRC=10.0.0.1 DST=10.0.0.2 LEN=60 "
            + "TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0 ";
    private static final String DNS = "IN=f0 OUT=f1 SRC=10.0.0.1 DST=10.0.0.2 LEN=40 PROTO=UDP SPT=5 DPT=53 LEN=20 ";

    /** Collects the lines a stream writes (several at once when they come fast); sleeps {@code slowMillis} per write. */
    private static final class Collect implements StreamingCommand.Sink {
        final List<String> out = new ArrayList<>();
        final StringBuilder err = new StringBuilder();
        final long slowMillis;

        Collect(long slowMillis) {
            this.slowMillis = slowMillis;
        }

        @Override
        public synchronized void out(String text) throws IOException {
            for (String line : text.split("(?<=\n)")) {
                out.add(line);
            }
            if (slowMillis > 0) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public synchronized void err(String text) {
            err.append(text);
        }

        @Override
        public void keepAlive() {
        }
    }

    @Test
    void withoutFollowItPrintsTheLinesTheRingHoldsFilteredOnThePrefix() {
        LogRing ring = new LogRing(8);
        ring.publish(4, SSH);
        ring.publish(4, DNS);
        ring.publish(6, SSH);
        LogCommand log = new LogCommand(ring);
        CommandFrontend.Result all = log.run(List.of(), "");
        assertEquals(0, all.exit(), all.err());
        assertEquals(3, all.out().lines().count(), all.out());
        CommandFrontend.Result ssh = log.run(List.of("--prefix", "ssh", "--count", "1"), "");
        assertEquals(1, ssh.out().lines().count(), ssh.out());
        assertTrue(ssh.out().endsWith(" " + SSH + "\n"), ssh.out());
    }

    @Test
    void jsonHasThePrefixAndTheFields() throws IOException {
        LogRing ring = new LogRing(8);
        ring.publish(4, SSH);
        String line = new LogCommand(ring).run(List.of("--json"), "").out().strip();
        Map<String, Object> m = JSON.std.mapFrom(line);
        assertEquals("ssh in: ", m.get("prefix"));
        assertEquals(0, ((Number) m.get("seq")).intValue());
        assertEquals(4, ((Number) m.get("level")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) m.get("fields");
        assertEquals("f0", f.get("IN"));
        assertEquals("f1", f.get("OUT"));
        assertEquals("22", f.get("DPT"));
        assertEquals(Boolean.TRUE, f.get("SYN"));
        assertEquals(SSH, m.get("line"));
    }

    @Test
    void badArgumentsAreNamed() {
        CommandFrontend.Result r = new LogCommand(new LogRing(4)).run(List.of("--count", "x"), "");
        assertEquals(2, r.exit());
        assertEquals("log: --count needs a positive number, not `x'\n", r.err());
        assertEquals("log: unexpected argument `-x' (usage: log [-f] [--prefix P] [--json] [--count N])\n",
                new LogCommand(new LogRing(4)).run(List.of("-x"), "").err());
        assertTrue(new LogCommand(new LogRing(4)).streams(List.of("-f")));
    }

    @Test
    @Timeout(10)
    void aFollowerGetsNewLinesOnlyAndStopsAfterCount() throws Exception {
        LogRing ring = new LogRing(8);
        ring.publish(4, "old " + DNS);
        LogCommand log = new LogCommand(ring);
        Collect sink = new Collect(0);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            try {
                exit.set(log.stream(List.of("-f", "--prefix", "ssh", "--count", "2"), sink));
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        Thread.sleep(100); // the follower is there
        ring.publish(4, DNS);
        ring.publish(4, SSH);
        ring.publish(4, SSH);
        t.join(5000);
        assertEquals(0, exit.get());
        assertEquals(2, sink.out.size(), sink.out.toString());
        assertTrue(sink.out.get(0).endsWith(SSH + "\n"));
        assertEquals("", sink.err.toString());
    }

    @Test
    @Timeout(20)
    void aSlowFollowerLosesLinesCountedWhileThePublisherNeverWaits() throws Exception {
        LogRing ring = new LogRing(16);
        LogCommand log = new LogCommand(ring);
        Collect sink = new Collect(20); // 20 ms per write: far slower than the publisher
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                log.stream(List.of("-f", "--count", "600"), sink);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                done.countDown();
            }
        });
        t.start();
        Thread.sleep(100);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            ring.publish(4, SSH);
        }
        long publishMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(publishMillis < 5000, "publishing never waits for the reader: " + publishMillis + " ms");
        while (done.getCount() > 0) {
            ring.publish(4, SSH); // lines until the reader has its 600
            Thread.sleep(1);
        }
        assertEquals(600, sink.out.size());
        assertTrue(ring.followersMissed() > 50_000, "missed " + ring.followersMissed());
        assertTrue(sink.err.toString().contains(" lines lost (this reader fell behind the ring; "), sink.err.toString());
        assertEquals(100_000 + 0, Math.min(ring.published(), 100_000));
    }
}
