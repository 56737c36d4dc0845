package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NFLOG's consumers on a live bridge (as root, in network namespaces): an NFLOG rule in FORWARD for UDP to
 * one port, {@code ctl nflog --group 7 --pcap FILE --count 5} capturing while the client sends: the real
 * tcpdump reads the file as an NFLOG capture holding the client's five datagrams with the rule's prefix,
 * the traffic still passed (NFLOG goes on), and {@code log} shows the same packets as LOG-style lines.
 */
class NflogCaptureNetnsIT {
    @RegisterExtension
    static final Lab LAB = Lab.bridge().client("10.84.0.1/24").server("10.84.0.2/24").needs("python3", "ping", "tcpdump")
            .packages("tcpdump");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aGroupsPacketsGoToACaptureFileAndToTheLog() throws Exception {
        assertOk(LAB.inClient("ping", "-c", "1", "-W", "2", "10.84.0.2"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "udp", "--dport", "6666", "-j", "NFLOG", "--nflog-group", "7",
                "--nflog-prefix", "e2e nflog"));
        Path home = LAB.home();
        Path pcap = home.resolve("nflog.pcap");
        Process capture = LAB.background(new ProcessBuilder(LAB.appliance().ctlCommand("nflog", "--group", "7", "--pcap",
                pcap.toString(), "--count", "5", "--timeout", "60"))
                .redirectError(home.resolve("nflog.err").toFile()).redirectOutput(home.resolve("nflog.out").toFile()));
        // Datagrams from source ports 40001.. until the capture has its five (it subscribes when it starts).
        int sent = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (capture.isAlive() && System.nanoTime() < end) {
            sent++;
            assertOk(LAB.inClient("python3", "-c", "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                    + "s.bind(('10.84.0.1'," + (40000 + sent) + "))\ns.sendto(b'nflog probe',('10.84.0.2',6666))"));
            capture.waitFor(200, TimeUnit.MILLISECONDS);
        }
        assertTrue(capture.waitFor(10, TimeUnit.SECONDS), "nflog --count 5 ended");
        String err = Files.readString(home.resolve("nflog.err"));
        assertEquals(0, capture.exitValue(), err);
        assertTrue(err.contains("\n5 packets captured\n"), err);

        Proc.Result read = Proc.exec(List.of("tcpdump", "-n", "-v", "-r", pcap.toString()), null);
        assertEquals(0, read.exit(), read.err());
        assertTrue(read.err().contains("link-type NFLOG"), read.err());
        List<String> udp = read.out().lines().filter(l -> l.contains("10.84.0.1.") && l.contains(" > 10.84.0.2.6666: UDP"))
                .toList();
        assertEquals(5, udp.size(), read.out());
        // the rule counted every datagram sent, and NFLOG let them through to the server's interface
        Proc.Result v = LAB.ctl("iptables", "-L", "FORWARD", "-v", "-x", "-n");
        assertTrue(v.out().matches("(?s).*\n\\s+" + sent + "\\s+\\d+ NFLOG .*"), v.out());
        // and the same packets as lines in the LOG ring, with the prefix
        Proc.Result log = LAB.ctl("log", "--prefix", "e2e nflog");
        assertOk(log);
        assertEquals(sent, log.out().lines().filter(l -> l.contains(" e2e nflogIN=") && l.contains(" DPT=6666 ")).count(), log.out());
        assertTrue(new String(Files.readAllBytes(pcap), StandardCharsets.ISO_8859_1).contains("e2e nflog\0"),
                "the prefix in the file");
    }
}
