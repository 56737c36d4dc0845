package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.tables.testing.Frames.ACK;
import static org.pkttables.tables.testing.Frames.SYN;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.conntrack.ConntrackFilter;

/**
 * {@code conntrack -E}: the lines conntrack-tools 1.4.7 prints for the kernel's events (checked against the
 * real tool in a network namespace). The command runs on its own thread; packets are fed once its listener
 * is subscribed, and {@code --count} ends it, so nothing depends on timing (the timeout is only a backstop).
 */
class ConntrackEventsCommandTest {
    private static final String PREFIX = "conntrack v1.4.7 (conntrack-tools): ";
    private final AtomicLong now = new AtomicLong(1_700_000_000_123L);
    private final ConntrackEngine e = new ConntrackEngine(1024, 9, now::get);
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final ConntrackCommand cmd = new ConntrackCommand(e, l -> {
        e.addListener(l);
        subscribed.countDown();
        return () -> e.removeListener(l);
    });

    private CompletableFuture<CommandFrontend.Result> start(String... args) throws InterruptedException {
        CompletableFuture<CommandFrontend.Result> f = CompletableFuture.supplyAsync(() -> cmd.run(List.of(args), ""));
        assertTrue(subscribed.await(30, TimeUnit.SECONDS), "the command subscribed");
        return f;
    }

    private void handshake(int sport) {
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", sport, 80, SYN, 1000, 0, 65535, 0));
        Seg.feed(e, Seg.tcp("10.0.0.2", "10.0.0.1", 80, sport, SYN | ACK, 5000, 1001, 65535, 0));
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", sport, 80, ACK, 1001, 5001, 65535, 0));
    }

    @Test
    void handshakeAndDeleteAsConntrackToolsPrintsThem() throws Exception {
        CompletableFuture<CommandFrontend.Result> f = start("-E", "--count", "4", "--timeout", "60");
        handshake(40000);
        e.delete(ConntrackFilter.ALL.withProtocol(6));
        CommandFrontend.Result r = f.get(60, TimeUnit.SECONDS);
        String o = " src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80";
        String rp = " src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40000";
        assertEquals("    [NEW] tcp      6 120 SYN_SENT" + o + " [UNREPLIED]" + rp + "\n"
                + " [UPDATE] tcp      6 60 SYN_RECV" + o + rp + "\n"
                + " [UPDATE] tcp      6 432000 ESTABLISHED" + o + rp + " [ASSURED]\n"
                + "[DESTROY] tcp      6 432000 ESTABLISHED" + o + " packets=2 bytes=80" + rp + " packets=1 bytes=40"
                + " [ASSURED]\n", r.out());
        assertEquals(PREFIX + "4 flow events have been shown.\n", r.err());
        assertEquals(0, r.exit());
    }

    @Test
    void eventMaskTimestampAndFilter() throws Exception {
        CompletableFuture<CommandFrontend.Result> f = start("-E", "-e", "NEW", "-o", "timestamp", "-p", "tcp",
                "--dport", "80", "--count", "2", "--timeout", "60");
        handshake(40001);
        // another port: filtered out; then a second connection to 80 ends the command
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", 40002, 443, SYN, 1, 0, 65535, 0));
        now.addAndGet(877); // .123 s + .877 s: the next second exactly, microseconds 0 left-aligned
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", 40003, 80, SYN, 1, 0, 65535, 0));
        CommandFrontend.Result r = f.get(60, TimeUnit.SECONDS);
        assertEquals("[1700000000.123000]\t    [NEW] tcp      6 120 SYN_SENT src=10.0.0.1 dst=10.0.0.2 sport=40001 "
                + "dport=80 [UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40001\n"
                + "[1700000001.0     ]\t    [NEW] tcp      6 120 SYN_SENT src=10.0.0.1 dst=10.0.0.2 sport=40003 "
                + "dport=80 [UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40003\n", r.out());
    }

    @Test
    void expiryDestroyHasNoTimeout() throws Exception {
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", 40004, 80, SYN, 1, 0, 65535, 0));
        CompletableFuture<CommandFrontend.Result> f = start("-E", "-e", "DESTROY", "--count", "1", "--timeout", "60");
        now.addAndGet(121_000);
        e.expireAll();
        CommandFrontend.Result r = f.get(60, TimeUnit.SECONDS);
        assertEquals("[DESTROY] tcp      6 SYN_SENT src=10.0.0.1 dst=10.0.0.2 sport=40004 dport=80 packets=1 bytes=40 "
                + "[UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40004 packets=0 bytes=0\n", r.out());
    }

    private static java.net.InetAddress ip(String s) {
        try {
            return java.net.InetAddress.getByName(s);
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void markIsShownOnlyWhenSet() {
        String line = EntryFormat.event(org.pkttables.conntrack.ConntrackEvent.Type.NEW,
                new org.pkttables.conntrack.ConntrackEntry(1, 4, 17, null, ip("10.0.0.1"), ip("10.0.0.2"),
                        5000, 53, ip("10.0.0.2"), ip("10.0.0.1"), 53, 5000, 0, 0, 0, 30, 7, 0, 0, 0, 0),
                false);
        assertEquals("    [NEW] udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=5000 dport=53 [UNREPLIED] "
                + "src=10.0.0.2 dst=10.0.0.1 sport=53 dport=5000 mark=7", line);
    }

    @Test
    void badEventOptionsAreNamed() {
        CommandFrontend.Result r = cmd.run(List.of("-E", "-e", "BOGUS"), "");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Bad parameter `BOGUS'"), r.err());
        r = cmd.run(List.of("-E", "--timeout", "-3"), "");
        assertTrue(r.err().contains("`--timeout' needs a positive number, not `-3'"), r.err());
        r = cmd.run(List.of("-L", "--timeout", "3"), "");
        assertTrue(r.err().contains("go with -E only"), r.err());
        // --count without a number is still conntrack-tools' long form of -C
        assertEquals("0\n", cmd.run(List.of("--count"), "").out());
    }
}
