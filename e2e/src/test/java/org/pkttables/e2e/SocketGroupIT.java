package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code run --socket-group GROUP}: the control socket is 0660 owned by GROUP and its directory 0750
 * root:GROUP, so a member of GROUP (not root) runs {@code ctl} and a user outside it is refused (issue 14).
 * Root only: it makes a temporary group and two temporary users (removed after) and runs {@code ctl} as
 * them with {@code runuser}.
 */
class SocketGroupIT {
    private static final String ID = Long.toString(ProcessHandle.current().pid());
    private static final String GROUP = "pktg" + ID;
    private static final String MEMBER = "pktm" + ID;
    private static final String OUTSIDER = "pkto" + ID;

    @RegisterExtension
    final Lab lab = Lab.launcher();
    private final List<List<String>> cleanup = new ArrayList<>();

    @BeforeEach
    void users() throws Exception {
        assumeTrue(Lab.uid() == 0, "SocketGroupIT makes a group and users with groupadd/useradd: needs root, skipped");
        assumeTrue(Lab.onPath("runuser") && Lab.onPath("useradd"), "SocketGroupIT needs runuser and useradd, skipped");
        // Traversable by others: the users reach the launcher's socket directory under the lab's home.
        Files.setPosixFilePermissions(lab.home(), PosixFilePermissions.fromString("rwxr-xr-x"));
        root("groupadd", GROUP);
        cleanup.add(0, List.of("groupdel", GROUP));
        root("useradd", "-M", "-N", "-G", GROUP, "-s", "/bin/sh", MEMBER);
        cleanup.add(0, List.of("userdel", MEMBER));
        root("useradd", "-M", "-N", "-s", "/bin/sh", OUTSIDER);
        cleanup.add(0, List.of("userdel", OUTSIDER));
    }

    @AfterEach
    void removeUsers() throws Exception {
        for (List<String> c : cleanup) {
            Proc.exec(c, null);
        }
    }

    @Test
    void membersOfTheSocketGroupUseCtlOthersAreRefused() throws Exception {
        Path socket = lab.home().resolve("run/pkttables.sock");
        RunningAppliance a = lab.launch("run", "--socket", socket.toString(), "--socket-group", GROUP);
        waitFor("the control socket", () -> Files.exists(socket, LinkOption.NOFOLLOW_LINKS), 90);

        PosixFileAttributes s = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertEquals("rw-rw----", PosixFilePermissions.toString(s.permissions()));
        assertEquals(GROUP, s.group().getName());
        PosixFileAttributes d = Files.readAttributes(socket.getParent(), PosixFileAttributes.class);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(d.permissions()));
        assertEquals(GROUP, d.group().getName());
        assertEquals("root", d.owner().getName());

        Proc.Result member = as(MEMBER, socket, "iptables", "-S");
        assertOk(member);
        assertTrue(member.out().contains("-P INPUT ACCEPT"), member.out());

        Proc.Result outsider = as(OUTSIDER, socket, "iptables", "-S");
        assertNotEquals(0, outsider.exit(), outsider.out() + outsider.err());
        assertTrue(outsider.err().contains("Permission denied"), outsider.err());
        assertTrue(a.isAlive());
    }

    @Test
    void anUnknownSocketGroupStopsTheStartSayingWhy() throws Exception {
        Path socket = lab.home().resolve("run2/pkttables.sock");
        RunningAppliance a = lab.launch("bad", "--socket", socket.toString(), "--socket-group", GROUP + "x");
        waitFor("the appliance to give up", () -> !a.isAlive(), 90);
        assertTrue(Files.readString(lab.home().resolve("bad.log"))
                .contains("the socket group `" + GROUP + "x' (pkttables.socket.group) does not exist"));
        assertTrue(!Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "no socket without its group");
    }

    private static Proc.Result as(String user, Path socket, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        cmd.addAll(RunningAppliance.ctlCommand(socket, args));
        return Proc.exec(cmd, null);
    }

    private static void root(String... cmd) throws Exception {
        assertOk(Proc.exec(List.of(cmd), null));
    }
}
