package org.pkttables.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProfileTest {
    @Test
    void theExampleOfTheIssueParses() {
        Profile p = Profile.parseLine("http: tcp dport 80, 500 bytes client->server, 10 KB back", "t", 1);
        assertEquals("http", p.name());
        assertEquals(Profile.TCP, p.protocol());
        assertEquals(80, p.dport());
        assertEquals(2, p.exchanges());
        assertEquals(Profile.UP, p.direction(0));
        assertEquals(500, p.size(0));
        assertEquals(Profile.DOWN, p.direction(1));
        assertEquals(10240, p.size(1));
        assertEquals(false, p.closeRst());
        assertEquals(7, p.wscale());
        assertEquals(true, p.sack());
    }

    @Test
    void optionsAndUnits() {
        Profile p = Profile.parseLine("x: tcp dport 22 sport 999, 2 MB up, 3 down, repeat 5, close rst, mss 1200, "
                + "wscale off, nosack, ack-every 4", "t", 1);
        assertEquals(999, p.sport());
        assertEquals(2 << 20, p.size(0));
        assertEquals(3, p.size(1));
        assertEquals(5, p.repeat());
        assertEquals(true, p.closeRst());
        assertEquals(1200, p.mss());
        assertEquals(-1, p.wscale());
        assertEquals(false, p.sack());
        assertEquals(4, p.ackEvery());
    }

    @Test
    void everyBuiltinParses() {
        for (String name : Profile.builtins().keySet()) {
            assertEquals(name, Profile.builtin(name).name());
        }
        assertEquals("no built-in profile `nope' (http, https, dns, ping, ssh-like)",
                assertThrows(IllegalArgumentException.class, () -> Profile.builtin("nope")).getMessage());
    }

    @Test
    void errorsNameTheLineAndTheWord() {
        String text = "# web\nweb: tcp dport 80, 100 bytes up\n\ndns: udp dport 53, 40 bytes sideways\n";
        ProfileException e = assertThrows(ProfileException.class, () -> Profile.parseAll(text, "site.profiles"));
        assertEquals(4, e.line());
        assertEquals("sideways", e.word());
        assertEquals("site.profiles line 4: `sideways': expected a direction: client->server (up) or server->client (back)",
                e.getMessage());
        assertError("a: tcp dport 80, 100 bytes up, frobnicate", "frobnicate", "unknown word");
        assertError("a: tcp, 100 bytes up", null, "a tcp profile needs `dport N'");
        assertError("a: udp dport 53, 10 up, close fin", "close", "only for tcp profiles");
        assertError("a: icmp dport 3, 10 up", "dport", "icmp has no ports");
        assertError("a: icmp, 10 down", null, "an icmp profile starts with an echo request");
        assertError("a: tcp dport 70000", "70000", "dport needs a port 1-65535");
        assertError("a: tcp udp dport 1", "udp", "the protocol is given twice");
        assertError("no colon here", null, "expected `NAME: tcp|udp|icmp ...'");
        assertError("a: tcp dport 80, 0 up", "0", "a size is 1 byte to 2 GB");
        assertError("a: tcp dport 80, 10 KB", null, "a size needs a direction");
        ProfileException dup = assertThrows(ProfileException.class,
                () -> Profile.parseAll("a: tcp dport 1\na: udp dport 2, 1 up", "f"));
        assertEquals("f line 2: `a': profile defined twice", dup.getMessage());
    }

    private static void assertError(String line, String word, String problem) {
        ProfileException e = assertThrows(ProfileException.class, () -> Profile.parseLine(line, "p", 7), line);
        assertEquals(7, e.line());
        assertEquals(word, e.word(), e.getMessage());
        assertEquals(true, e.getMessage().startsWith("p line 7: ") && e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void parseAllKeepsOrder() {
        Map<String, Profile> m = Profile.parseAll("b: udp dport 1, 1 up\na: icmp, 8 up", "f");
        assertEquals("[b, a]", m.keySet().toString());
    }
}
