package org.pkttables.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.gen.impl.GenCommand;

class GenCommandTest {
    @TempDir
    Path dir;

    private static Result gen(String... args) {
        return new GenCommand().run(List.of(args), null);
    }

    @Test
    void writesAPcapAndSaysWhat() throws Exception {
        Path f = dir.resolve("out.pcap");
        Result r = gen("--profile", "ping", "--count", "10", "--pcap", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("gen ping: 10 flows, 80 frames, 7840 bytes -> " + f + "\n"
                + "  profile ping: icmp, 56 bytes client->server, 56 bytes back, repeat 4\n", r.out());
        assertEquals(24 + 80 * (16 + 98), Files.size(f));
        Result j = gen("--profile", "dns", "--count", "3", "--json");
        assertEquals("{\"profile\":\"dns\",\"flows\":3,\"frames\":6,\"bytes\":732}\n", j.out());
    }

    @Test
    void profilesFromAFileAndInline() throws Exception {
        Path p = dir.resolve("site.profiles");
        Files.writeString(p, "# ours\nweb: tcp dport 8080, 10 up, 20 back\n");
        Result r = gen("--profiles", p.toString(), "--profile", "web", "--count", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("gen web: 2 flows, "), r.out());
        Result inline = gen("--profile", "x: udp dport 9, 1 up", "--count", "4");
        assertTrue(inline.out().startsWith("gen x: 4 flows, 4 frames, "), inline.out());
        Files.writeString(p, "web: tcp dport 8080, 10 upp\n");
        Result bad = gen("--profiles", p.toString(), "--profile", "web");
        assertEquals(2, bad.exit());
        assertEquals("gen: " + p + " line 1: `upp': expected a direction: client->server (up) or server->client (back)\n",
                bad.err());
    }

    @Test
    void badOptionsAreNamed() {
        assertEquals("gen: unknown option `--nope'\nusage: " + new GenCommand().help() + "\n", gen("--nope").err());
        assertEquals("gen: --count needs a whole number, not `many'\n", gen("--count", "many").err());
        assertEquals("gen: prefix length of `10.1.0.0/33' is not 0-32\n", gen("--clients", "10.1.0.0/33").err());
        assertEquals("gen: clients 10.1.0.0/16 and servers 2001:db8::1 are not of the same family\n",
                gen("--servers", "2001:db8::1").err());
        assertEquals("gen: --live needs CLIENT_IF,SERVER_IF, not `eth0'\n", gen("--live", "eth0").err());
        assertTrue(gen("--list").out().startsWith("http: tcp dport 80, 500 bytes client->server, 10 KB back, close fin\n"));
    }
}
