package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The FTP helper's rewrites that change a segment's length, on the wire (nf_nat_ftp with nf_ct_seqadj):
 * inside 10.0.0.2/24 (default via the appliance's 10.0.0.1) -- appliance in router mode -- outside
 * 192.168.100.2/24 with no route back, the appliance there 192.168.100.200, so the announced inside address
 * "10.0.0.2" becomes the six characters longer "192.168.100.200" and every later segment of the control
 * connection needs its sequence or acknowledgement number adjusted, or the transfer stalls.
 * <ul>
 * <li>Active mode through MASQUERADE with curl ({@code -P -}): EPRT, and PORT ({@code --disable-eprt}), two
 * transfers on one control connection each (the second rewrite adds to the first's offset), from a real FTP
 * server (pyftpdlib, which refuses a data address other than the control connection's peer).
 * <li>Passive mode through MASQUERADE from the same server.
 * <li>A port-forwarded server inside (DNAT 192.168.100.200:21 to 10.0.0.2:21) that writes its 227 answer
 * in two parts with a pause between them (TCP_NODELAY, so two segments): the helper holds the first part,
 * joins it with the second, rewrites the line (10,0,0,2 into 192,168,100,200) and sends it whole; curl
 * outside shows the line it got.
 * </ul>
 * Each transfer's bytes are checked by SHA-256, its data connection must have passed as RELATED of the
 * helper, and {@code conntrack -L} shows the data connection with its translated tuple.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FtpSeqAdjustNetnsIT {
    private static final String INSIDE = "10.0.0.2";
    private static final String OUTSIDE = "192.168.100.2";
    private static final String PUBLIC = "192.168.100.200";

    @RegisterExtension
    static final Lab LAB = Lab.router().client(INSIDE + "/24").gateway("10.0.0.1/24").server(OUTSIDE + "/24")
            .gateway(PUBLIC + "/24").routes().needs("curl");

    private byte[] blob;
    private String blobSha;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        FtpLab.serve(LAB, "FtpSeqAdjustNetnsIT", OUTSIDE, "unused\n");
        blob = new byte[3 * 1024 * 1024 + 17];
        new Random(13).nextBytes(blob);
        Files.write(LAB.home().resolve("pub").resolve("blob.bin"), blob);
        blobSha = sha256(blob);
        FtpLab.helperFirewall(LAB);
        assertOk(LAB.ctl("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", LAB.port(1), "-j", "MASQUERADE"));
    }

    @Test
    @Order(1)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void activeEprtThatGrowsTwiceOnOneControlConnection() throws Exception {
        Proc.Result r = fetchTwice("-P", "-");
        assertTrue(r.err().contains("EPRT |1|" + INSIDE + "|"), "curl announced its inside address: " + r.err());
        String ct = LAB.ctl("conntrack", "-L", "-p", "tcp", "--orig-src", OUTSIDE, "--orig-dst", PUBLIC).out();
        // the data connections: opened by the server to the masqueraded address, answered by the client
        assertTrue(ct.lines().anyMatch(l -> l.contains("src=" + INSIDE + " dst=" + OUTSIDE)),
                "the server's data connection to " + PUBLIC + " was translated to the client: " + ct);
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void activePortThatGrowsTwiceOnOneControlConnection() throws Exception {
        Proc.Result r = fetchTwice("-P", "-", "--disable-eprt");
        assertTrue(r.err().contains("PORT 10,0,0,2,"), "curl announced its inside address: " + r.err());
    }

    @Test
    @Order(3)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void passiveThroughMasquerade() throws Exception {
        fetchTwice("--disable-epsv");
    }

    @Test
    @Order(4)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aServerThatSplitsIts227IsJoinedAndRewritten() throws Exception {
        Path script = Files.writeString(LAB.home().resolve("split-ftpd.py"), SPLIT_SERVER);
        Path file = LAB.home().resolve("pub").resolve("blob.bin");
        LAB.background("split-ftpd", LAB.clientNs(), FtpLab.PYTHON, "-u", script.toString(), INSIDE, "21",
                file.toString());
        waitFor("the splitting server to listen", () -> LAB.log("split-ftpd").contains("ready"));
        assertOk(LAB.ctl("iptables", "-t", "nat", "-A", "PREROUTING", "-i", LAB.port(1), "-d", PUBLIC, "-p", "tcp",
                "--dport", "21", "-j", "DNAT", "--to-destination", INSIDE + ":21"));
        long related = FtpLab.relatedCount(LAB);
        Path got = LAB.home().resolve("split.bin");
        Proc.Result r = LAB.inServer("curl", "-v", "-s", "-S", "-m", "30", "--disable-epsv", "-o", got.toString(),
                "ftp://" + PUBLIC + "/blob.bin");
        assertOk(r);
        assertTrue(LAB.log("split-ftpd").contains("split 227 sent"), "the server wrote its 227 in two parts: "
                + LAB.log("split-ftpd"));
        assertTrue(r.err().contains("< 227 Entering Passive Mode (192,168,100,200,"),
                "curl got the whole line, rewritten to the public address: " + r.err());
        assertEquals(blobSha, sha256(Files.readAllBytes(got)), "the bytes arrived unchanged");
        assertTrue(FtpLab.relatedCount(LAB) > related, "the data connection went through the RELATED rule");
        assertTrue(r.err().contains("< 226"), "the control connection went on after the longer line: " + r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("< 227 .*\\(192,168,100,200,(\\d+),(\\d+)\\)")
                .matcher(r.err());
        assertTrue(m.find(), r.err());
        int port = Integer.parseInt(m.group(1)) * 256 + Integer.parseInt(m.group(2));
        String ct = LAB.ctl("conntrack", "-L", "-p", "tcp", "--orig-src", OUTSIDE, "--orig-dst", PUBLIC).out();
        assertTrue(ct.lines().anyMatch(l -> l.contains(" dport=" + port + " ")
                && l.contains("src=" + INSIDE + " dst=" + OUTSIDE + " sport=" + port + " ")),
                "the passive data connection to " + PUBLIC + ":" + port + " was translated to the server inside: " + ct);
    }

    /**
     * Fetches the blob twice in one curl run (one control connection) from inside with {@code options}; checks
     * both copies' SHA-256, that data passed as RELATED, and returns curl's result (its -v log in err).
     */
    private Proc.Result fetchTwice(String... options) throws Exception {
        long related = FtpLab.relatedCount(LAB);
        Path a = LAB.home().resolve("a.bin");
        Path b = LAB.home().resolve("b.bin");
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
        List<String> cmd = new ArrayList<>(List.of("curl", "-v", "-s", "-S", "-m", "40"));
        cmd.addAll(List.of(options));
        String url = "ftp://" + OUTSIDE + "/blob.bin";
        cmd.addAll(List.of("-o", a.toString(), url, "-o", b.toString(), url));
        Proc.Result r = LAB.inClient(cmd.toArray(new String[0]));
        assertOk(r);
        assertTrue(r.err().contains("Re-using existing connection") || r.err().contains("Reusing existing"),
                "one control connection for both transfers: " + r.err());
        assertEquals(blobSha, sha256(Files.readAllBytes(a)), "first transfer");
        assertEquals(blobSha, sha256(Files.readAllBytes(b)), "second transfer");
        assertTrue(FtpLab.relatedCount(LAB) > related, "the data connections went through the RELATED rule");
        return r;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /**
     * A minimal FTP server (anonymous, passive only, one file) that writes the 227 answer in two parts, the
     * second 0.1 s after the first, with TCP_NODELAY: two segments, the first ending inside the line.
     */
    private static final String SPLIT_SERVER = String.join("\n",
            "import os, socket, sys, time",
            "host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]",
            "name = os.path.basename(path)",
            "ls = socket.socket()",
            "ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "ls.bind((host, port))",
            "ls.listen(5)",
            "print('ready')",
            "while True:",
            "    c, _ = ls.accept()",
            "    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)",
            "    say = lambda s: c.sendall(s.encode())",
            "    say('220 split test server\\r\\n')",
            "    pasv = None",
            "    for raw in c.makefile('rb'):",
            "        line = raw.decode().strip()",
            "        verb = line.split(' ')[0].upper()",
            "        arg = line[len(verb):].strip()",
            "        print('<', line)",
            "        if verb in ('USER', 'PASS'):",
            "            say('331 ok\\r\\n' if verb == 'USER' else '230 ok\\r\\n')",
            "        elif verb == 'PWD':",
            "            say('257 \"/\"\\r\\n')",
            "        elif verb in ('CWD', 'TYPE'):",
            "            say('250 ok\\r\\n' if verb == 'CWD' else '200 ok\\r\\n')",
            "        elif verb == 'SIZE':",
            "            say('213 %d\\r\\n' % os.path.getsize(path) if arg.lstrip('/') == name else '550 no\\r\\n')",
            "        elif verb == 'PASV':",
            "            pasv = socket.socket()",
            "            pasv.bind((host, 0))",
            "            pasv.listen(1)",
            "            p = pasv.getsockname()[1]",
            "            c.sendall(b'227 Entering Passive Mode (')",
            "            time.sleep(0.1)",
            "            say('%s,%d,%d).\\r\\n' % (host.replace('.', ','), p >> 8, p & 255))",
            "            print('split 227 sent')",
            "        elif verb == 'RETR' and pasv is not None:",
            "            say('150 here it comes\\r\\n')",
            "            d, _ = pasv.accept()",
            "            with open(path, 'rb') as f:",
            "                d.sendall(f.read())",
            "            d.close()",
            "            pasv.close()",
            "            pasv = None",
            "            say('226 done\\r\\n')",
            "        elif verb == 'QUIT':",
            "            say('221 bye\\r\\n')",
            "            break",
            "        else:",
            "            say('502 no\\r\\n')",
            "    c.close()",
            "");
}
