package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.sh0;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the FTP e2e tests share: a real FTP server (pyftpdlib, passive ports 60000-60100) serving one file
 * in the lab's server namespace, and the helper firewall — {@code -t raw -j CT --helper ftp} for port 21,
 * FORWARD lets ESTABLISHED, RELATED of the ftp helper (rule 2) and NEW control connections to port 21,
 * policy DROP — so data connections pass only as RELATED.
 */
final class FtpLab {
    static final String PYTHON = "/usr/bin/python3"; // Debian's, with python3-pyftpdlib

    private FtpLab() {
    }

    /** Serves {@code text} as {@code /file.txt} on {@code ip}:21; skips the test when pyftpdlib is missing. */
    static void serve(Lab lab, String test, String ip, String text) throws Exception {
        assumeTrue(sh0(PYTHON, "-c", "import pyftpdlib").exit() == 0,
                test + " needs an FTP server: apt-get install python3-pyftpdlib (skipped)");
        Path pub = Files.createDirectories(lab.home().resolve("pub"));
        Files.writeString(pub.resolve("file.txt"), text);
        lab.background("ftpd", lab.serverNs(), PYTHON, "-m", "pyftpdlib", "-i", ip, "-p", "21", "-d",
                pub.toString(), "-r", "60000-60100");
        Lab.awaitListening("the FTP server", lab.serverNs(), ip, 21);
    }

    /** The helper firewall; {@code newMatches} go in front of the NEW rule's own (e.g. {@code -i PORT}). */
    static void helperFirewall(Lab lab, String... newMatches) throws Exception {
        assertOk(lab.ctl("iptables", "-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "21", "-j", "CT",
                "--helper", "ftp"));
        assertOk(lab.ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "ACCEPT"));
        assertOk(lab.ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "RELATED", "-m", "helper",
                "--helper", "ftp", "-j", "ACCEPT"));
        List<String> rule = new ArrayList<>(List.of("iptables", "-A", "FORWARD"));
        rule.addAll(List.of(newMatches));
        rule.addAll(List.of("-p", "tcp", "--dport", "21", "-m", "conntrack", "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(lab.ctl(rule.toArray(new String[0])));
        assertOk(lab.ctl("iptables", "-P", "FORWARD", "DROP"));
    }

    /**
     * Fetches {@code url} with curl in the client namespace ({@code options} before it, e.g. {@code -P -}
     * for active mode) and checks that it got {@code expected} and that its data connection passed as
     * RELATED of the helper.
     */
    static Proc.Result fetchRelated(Lab lab, String url, String expected, String... options) throws Exception {
        long before = relatedCount(lab);
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "-m", "15"));
        cmd.addAll(List.of(options));
        cmd.add(url);
        Proc.Result r = lab.inClient(cmd.toArray(new String[0]));
        assertOk(r);
        assertEquals(expected, r.out());
        assertTrue(relatedCount(lab) > before, "the data connection went through the RELATED rule");
        return r;
    }

    /** Packets counted by the RELATED/helper rule (rule 2 of FORWARD). */
    static long relatedCount(Lab lab) throws Exception {
        return Readings.rulePackets(lab, "iptables", "filter", "FORWARD", 2);
    }
}
