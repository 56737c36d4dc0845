package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.tables.testing.MemoryFiles;

/** {@code ipset save|list|restore -file F}: F is the caller's, opened through its CallerFiles only. */
class IpsetCallerFilesTest {
    private final Fixture f = new Fixture();
    private final IpsetCommand ipset = new IpsetCommand(f.sets);
    private final MemoryFiles files = new MemoryFiles();

    private Result run(String... args) {
        return ipset.run(List.of(args), null, files);
    }

    @Test
    void saveAndRestoreUseTheCallersFiles() {
        f.ok("ipset create a hash:ip");
        f.ok("ipset add a 10.0.0.1");
        assertEquals(new Result(0, "", ""), run("save", "-file", "/etc/sets"));
        assertEquals(f.ok("ipset save"), files.text("/etc/sets"));
        f.ok("ipset destroy a");
        assertEquals(new Result(0, "", ""), run("restore", "-file", "/etc/sets"));
        assertTrue(f.ok("ipset list -n").contains("a"));
        assertEquals(List.of("/etc/sets", "/etc/sets"), files.opened);
    }

    @Test
    void whatTheCallerMayNotOpenFailsWithTheCallersReason() {
        files.put("/root/secret", "create stolen hash:ip\n");
        files.denied.add("/root/secret");
        assertEquals(new Result(1, "", "ipset v7.17: Cannot open /root/secret for reading: /root/secret: "
                + "Permission denied\n"), run("restore", "-file", "/root/secret"));
        assertTrue(!f.ok("ipset list -n").contains("stolen"));
        files.denied.add("/root/out");
        assertEquals(new Result(1, "", "ipset v7.17: Cannot open /root/out for writing: /root/out: "
                + "Permission denied\n"), run("save", "-file", "/root/out"));
        assertEquals(null, files.text("/root/out"));
    }
}
