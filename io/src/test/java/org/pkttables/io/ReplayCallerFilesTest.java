package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.io.impl.ReplayCommand;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.tables.testing.MemoryFiles;

/** {@code replay F --out G}: both captures are the caller's files, opened through its CallerFiles only. */
class ReplayCallerFilesTest {
    private final Harness h = new Harness().with(new Ipv4Handler(), new UdpMatchType());
    private final ReplayCommand replay = new ReplayCommand(h.ruleset());
    private final MemoryFiles files = new MemoryFiles();

    @Test
    void theCaptureIsReadAndTheOutputWrittenThroughTheCallersFiles() throws IOException {
        byte[] demo = Files.readAllBytes(Path.of("..", "demo", "demo.pcap"));
        files.files.put("in.pcap", demo);
        Result r = replay.run(List.of("--out", "out.pcap", "in.pcap"), null, files);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("replay in.pcap"), r.out());
        assertEquals(List.of("in.pcap", "out.pcap"), files.opened);
        assertTrue(files.files.get("out.pcap").length > 24, "frames written");
    }

    @Test
    void aCaptureTheCallerMayNotReadIsNotRead() throws IOException {
        files.files.put("/root/secret.pcap", new byte[] {1, 2, 3});
        files.denied.add("/root/secret.pcap");
        assertEquals(new Result(1, "", "replay: /root/secret.pcap: Permission denied\n"),
                replay.run(List.of("/root/secret.pcap"), null, files));
        files.files.put("in.pcap", Files.readAllBytes(Path.of("..", "demo", "demo.pcap")));
        files.denied.add("/root/out.pcap");
        assertEquals(new Result(1, "", "replay: /root/out.pcap: Permission denied\n"),
                replay.run(List.of("--out", "/root/out.pcap", "in.pcap"), null, files));
        assertTrue(!files.files.containsKey("/root/out.pcap"));
    }
}
