package org.pkttables.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.gen.impl.GenCommand;
import org.pkttables.tables.testing.MemoryFiles;

/** {@code gen --profiles F --pcap G}: both are the caller's files, opened through its CallerFiles only. */
class GenCallerFilesTest {
    private final MemoryFiles files = new MemoryFiles();

    private Result gen(String... args) {
        return new GenCommand().run(List.of(args), null, files);
    }

    @Test
    void profilesAndCaptureAreTheCallers() {
        files.put("site.profiles", "web: tcp dport 8080, 10 up, 20 back\n");
        Result r = gen("--profiles", "site.profiles", "--profile", "ping", "--count", "10", "--pcap", "out.pcap");
        assertEquals(0, r.exit(), r.err());
        assertEquals(24 + 80 * (16 + 98), files.files.get("out.pcap").length);
        assertEquals(List.of("site.profiles", "out.pcap"), files.opened);
    }

    @Test
    void aFileTheCallerMayNotOpenIsNotOpened() {
        files.put("/root/profiles", "secret: tcp dport 1, 1 up WORD\n");
        files.denied.add("/root/profiles");
        assertEquals(new Result(1, "", "gen: /root/profiles: Permission denied\n"),
                gen("--profiles", "/root/profiles", "--profile", "secret"));
        files.denied.add("/root/x.pcap");
        assertEquals(new Result(1, "", "gen: /root/x.pcap: Permission denied\n"),
                gen("--count", "1", "--pcap", "/root/x.pcap"));
    }
}
