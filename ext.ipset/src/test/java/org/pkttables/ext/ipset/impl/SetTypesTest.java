package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.ShellWords;
import org.pkttables.ext.ipset.api.ListFormat;
import org.pkttables.ext.ipset.api.SetException;

/** Each set type through the service: add, del, test, ranges, prefixes, timeouts, full sets. */
class SetTypesTest {
    private final TestClock clock = new TestClock();
    private final SetRegistry sets = new SetRegistry(clock);

    private void create(String line) {
        List<String> w = ShellWords.split(line);
        sets.create(w.get(0), w.get(1), w.subList(2, w.size()), false);
    }

    private void add(String set, String entry) {
        sets.add(set, ShellWords.split(entry), false);
    }

    private List<String> members(String set) {
        String[] lines = sets.list(set, ListFormat.SAVE).split("\n");
        String[] m = Arrays.copyOfRange(lines, 1, lines.length);
        Arrays.sort(m);
        return Arrays.stream(m).map(l -> l.substring(("add " + set + " ").length())).toList();
    }

    private String fails(Runnable r) {
        return assertThrows(SetException.class, r::run).getMessage();
    }

    @Test
    void hashIpRangesPrefixesAndNetmask() {
        create("s hash:ip");
        add("s", "10.0.0.0/30");
        add("s", "10.0.1.1-10.0.1.2");
        assertEquals(List.of("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.1", "10.0.1.2"), members("s"));
        sets.del("s", "10.0.0.0/31", false);
        assertFalse(sets.test("s", "10.0.0.1"));
        assertTrue(sets.test("s", "10.0.0.2"));
        assertEquals("Element cannot be deleted from the set: it's not added", fails(() -> sets.del("s", "10.0.0.0", false)));
        create("m hash:ip netmask 24");
        add("m", "192.168.1.77");
        assertTrue(sets.test("m", "192.168.1.200"), "the /24 block of the address");
        assertEquals(List.of("192.168.1.0"), members("m"));
    }

    @Test
    void timeoutsFollowTheClock() {
        create("t hash:ip timeout 60");
        add("t", "1.1.1.1");
        add("t", "1.1.1.2 timeout 5");
        add("t", "1.1.1.3 timeout 0");
        clock.advanceSeconds(4.5);
        assertEquals(List.of("1.1.1.1 timeout 55", "1.1.1.2 timeout 0", "1.1.1.3 timeout 0"), members("t"));
        clock.advanceSeconds(1);
        assertFalse(sets.test("t", "1.1.1.2"));
        assertEquals(List.of("1.1.1.1 timeout 54", "1.1.1.3 timeout 0"), members("t"));
        // an expired entry may be added again without -exist
        add("t", "1.1.1.2 timeout 5");
        // -exist renews the timeout
        clock.advanceSeconds(50);
        sets.add("t", List.of("1.1.1.1", "timeout", "100"), true);
        clock.advanceSeconds(20);
        assertTrue(sets.test("t", "1.1.1.1"));
        assertTrue(sets.test("t", "1.1.1.3"), "timeout 0 never expires");
        assertTrue(sets.list("t", ListFormat.TERSE).contains("Number of entries: 2"));
    }

    @Test
    void fullSetsSayWhyAndForceaddMakesRoom() {
        create("f hash:ip maxelem 3");
        add("f", "1.1.1.1");
        add("f", "1.1.1.2");
        add("f", "1.1.1.3");
        assertEquals("Hash is full, cannot add more elements", fails(() -> add("f", "1.1.1.4")));
        assertEquals("Hash is full, cannot add more elements", fails(() -> add("f", "2.2.2.0/30")));
        create("tf hash:ip maxelem 1 timeout 10");
        add("tf", "1.1.1.1");
        clock.advanceSeconds(11);
        add("tf", "1.1.1.2"); // the expired entry does not count
        create("fa hash:ip maxelem 2 forceadd");
        add("fa", "1.1.1.1");
        add("fa", "1.1.1.2");
        add("fa", "1.1.1.3");
        assertEquals(2, members("fa").size());
        assertTrue(sets.test("fa", "1.1.1.3"));
        assertTrue(sets.list("fa", ListFormat.TERSE).contains(" forceadd "));
    }

    @Test
    void hashNetLongestPrefixNomatchAndRanges() {
        create("n hash:net");
        add("n", "10.0.0.0/8");
        add("n", "10.1.0.0/16 nomatch");
        add("n", "10.1.1.0/24");
        assertTrue(sets.test("n", "10.2.3.4"));
        assertFalse(sets.test("n", "10.1.2.3"));
        assertTrue(sets.test("n", "10.1.1.3"));
        assertFalse(sets.test("n", "11.0.0.1"));
        sets.del("n", "10.1.0.0/16", false);
        assertTrue(sets.test("n", "10.1.2.3"));
        create("r hash:net");
        add("r", "192.168.0.1-192.168.0.10");
        assertEquals(List.of("192.168.0.1", "192.168.0.10", "192.168.0.2/31", "192.168.0.4/30", "192.168.0.8/31"),
                members("r"));
        create("n6 hash:net family inet6");
        add("n6", "2001:db8::/32");
        add("n6", "2001:db8:1::/48 nomatch");
        assertTrue(sets.test("n6", "2001:db8:2::1"));
        assertFalse(sets.test("n6", "2001:db8:1::1"));
        assertEquals("The value of the CIDR parameter of the IP address is invalid", fails(() -> add("n", "0.0.0.0/0")));
    }

    @Test
    void largeNetSetsAnswerTheSameThroughTheBlockIndex() {
        create("n hash:net maxelem 100000");
        StringBuilder sb = new StringBuilder("add n 10.0.0.0/8\nadd n 10.4.0.0/16 nomatch\nadd n 0.0.0.0/1\n");
        for (int i = 0; i < 1000; i++) {
            sb.append("add n 10.").append(i / 200).append('.').append(i % 200).append(".0/24\n");
        }
        sets.restore(sb.toString(), false);
        assertTrue(sets.test("n", "10.3.7.9"), "a /24");
        assertTrue(sets.test("n", "10.200.1.1"), "only the /8");
        assertFalse(sets.test("n", "10.4.250.1"), "the nomatch /16");
        assertTrue(sets.test("n", "10.4.7.1"), "a /24 inside the nomatch /16");
        assertTrue(sets.test("n", "100.1.1.1"), "the /1");
        assertFalse(sets.test("n", "200.1.1.1"));
        sets.del("n", "10.4.7.0/24", false);
        sets.del("n", "0.0.0.0/1", false);
        assertFalse(sets.test("n", "10.4.7.1"));
        assertFalse(sets.test("n", "100.1.1.1"));
    }

    @Test
    void twoAndThreeDimensions() {
        create("ipi hash:ip,port,ip");
        add("ipi", "1.1.1.1,udp:53,2.2.2.2");
        assertTrue(sets.test("ipi", "1.1.1.1,udp:53,2.2.2.2"));
        assertFalse(sets.test("ipi", "1.1.1.1,tcp:53,2.2.2.2"));
        create("ipn hash:ip,port,net");
        add("ipn", "1.1.1.1,80,10.0.0.0/8");
        add("ipn", "1.1.1.1,80,10.9.0.0/16 nomatch");
        assertTrue(sets.test("ipn", "1.1.1.1,80,10.1.1.1"));
        assertFalse(sets.test("ipn", "1.1.1.1,80,10.9.1.1"));
        create("nn hash:net,net");
        add("nn", "10.0.0.0/8,192.168.0.0/16");
        add("nn", "10.1.0.0/16,192.168.1.0/24 nomatch");
        assertTrue(sets.test("nn", "10.1.1.1,192.168.2.1"));
        assertFalse(sets.test("nn", "10.1.1.1,192.168.1.1"));
        assertTrue(sets.test("nn", "10.2.1.1,192.168.1.1"));
        assertEquals(List.of("10.0.0.0/8,192.168.0.0/16", "10.1.0.0/16,192.168.1.0/24 nomatch"), members("nn"));
        create("np hash:net,port");
        add("np", "10.0.0.0/24,udp:1000-1001");
        assertEquals(List.of("10.0.0.0/24,udp:1000", "10.0.0.0/24,udp:1001"), members("np"));
        assertTrue(sets.test("np", "10.0.0.9,udp:1001"));
        create("mac hash:mac");
        add("mac", "02:00:00:00:00:0a");
        assertEquals(List.of("02:00:00:00:00:0A"), members("mac"));
        assertTrue(sets.test("mac", "02:00:00:00:00:0A"));
        assertTrue(sets.list("mac", ListFormat.TERSE).contains("Header: hashsize 1024 maxelem 65536 bucketsize"));
        create("ni hash:net,iface");
        add("ni", "10.0.0.0/8,eth wildcard");
        add("ni", "10.0.0.0/8,eth9");
        add("ni", "10.0.0.0/8,et wildcard nomatch");
        assertTrue(sets.test("ni", "10.1.1.1,eth0"));
        assertTrue(sets.test("ni", "10.1.1.1,eth9"));
        assertFalse(sets.test("ni", "10.1.1.1,etz"));
        assertFalse(sets.test("ni", "11.1.1.1,eth0"));
    }

    @Test
    void bitmaps() {
        create("bp bitmap:port range 1000-1999");
        add("bp", "1000-1002");
        add("bp", "udp:1500");
        assertEquals(List.of("1000", "1001", "1002", "1500"), members("bp"));
        assertEquals("Element is out of the range of the set", fails(() -> add("bp", "80")));
        create("bi bitmap:ip range 10.0.0.0/16 netmask 24 timeout 10 counters");
        add("bi", "10.0.5.5 packets 3 bytes 300");
        assertTrue(sets.test("bi", "10.0.5.200"));
        assertEquals(List.of("10.0.5.0 timeout 10 packets 3 bytes 300"), members("bi"));
        clock.advanceSeconds(10);
        assertFalse(sets.test("bi", "10.0.5.1"));
        assertEquals("The range you specified exceeds the size limit of the set type",
                fails(() -> create("big bitmap:ip range 10.0.0.0/8")));
        assertEquals("Mandatory option `range' is missing", fails(() -> create("nr bitmap:port")));
    }

    @Test
    void listSetOrderAndReferences() {
        create("a hash:ip");
        create("b hash:ip");
        create("c hash:ip");
        create("l list:set");
        add("l", "a");
        add("l", "c");
        add("l", "b before c");
        assertEquals(List.of("a", "b", "c"), Arrays.asList(sets.list("l", ListFormat.SAVE).lines().skip(1)
                .map(x -> x.substring("add l ".length())).toArray(String[]::new)));
        add("b", "1.1.1.1");
        assertTrue(sets.test("l", "b"));
        assertEquals("Set cannot be destroyed: it is in use by a kernel component", fails(() -> sets.destroy("a")));
        sets.del("l", "a", false);
        sets.destroy("a");
        assertEquals(List.of("b", "c", "l"), sets.names());
        sets.destroy(null);
        assertEquals(List.of(), sets.names());
    }

    @Test
    void growsPastManyRebuildsAndKeepsEverything() {
        create("big hash:ip maxelem 1000000");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.append("add big 10.").append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.')
                    .append(i & 255).append('\n');
        }
        sets.restore(sb.toString(), false);
        assertTrue(sets.list("big", ListFormat.TERSE).contains("Number of entries: 200000"));
        for (int i = 0; i < 200_000; i += 2) {
            sets.del("big", "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255), false);
        }
        for (int i = 0; i < 200_000; i += 997) {
            String ip = "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
            assertEquals(i % 2 == 1, sets.test("big", ip), ip);
        }
        assertFalse(sets.test("big", "11.0.0.1"));
    }
}
