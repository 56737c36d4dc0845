package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console of {@code bin/pkttables run} at a terminal (issue 14): a pseudo-terminal (python3's pty)
 * types at it. A line runs ({@code ping} answers {@code pong}); Ctrl-C ends a running {@code monitor}
 * and the prompt comes back, while the appliance goes on (its socket answers); Ctrl-D ends the appliance;
 * the lines typed are in the state directory's {@code console.history}, and at the next start the
 * up arrow brings them back.
 */
class ConsoleIT {
    /** Types at the console through a pty; prints one marker line per step (checked by the test). */
    private static final String TYPIST = """
            import os, pty, select, signal, subprocess, sys, time
            bin, home = sys.argv[1], sys.argv[2]
            sock = home + '/ctl.sock'
            buf = b''
            def start():
                pid, fd = pty.fork()
                if pid == 0:
                    os.environ['PKTTABLES_HOME'] = home
                    os.execv(bin, [bin, 'run', '--deploy', home + '/deploy', '--state', home + '/state',
                                   '--socket', sock])
                return pid, fd
            def expect(fd, what, secs):
                global buf
                end = time.time() + secs
                while what.encode() not in buf:
                    left = end - time.time()
                    if left <= 0:
                        print('TIMEOUT waiting for %r, got %r' % (what, buf[-3000:]), flush=True)
                        raise SystemExit(3)
                    r, _, _ = select.select([fd], [], [], left)
                    if r:
                        try:
                            data = os.read(fd, 4096)
                        except OSError:
                            data = b''
                        if not data:
                            print('EOF waiting for %r, got %r' % (what, buf[-3000:]), flush=True)
                            raise SystemExit(4)
                        buf += data
                i = buf.index(what.encode()) + len(what)
                seen, buf = buf[:i], buf[i:]
                return seen.decode(errors='replace')
            def ctl(*args):
                return subprocess.run([bin, 'ctl', '--socket', sock] + list(args), capture_output=True, text=True)
            def stop(pid, fd):
                os.write(fd, b'\\x04')
                end = time.time() + 60
                while time.time() < end:
                    done, status = os.waitpid(pid, os.WNOHANG)
                    if done:
                        return os.waitstatus_to_exitcode(status)
                    try:
                        os.read(fd, 4096)
                    except OSError:
                        pass
                    time.sleep(0.1)
                return 'still running'
            def ready():  # the console prompts before the boot has loaded: wait for the socket
                end = time.time() + 120
                while ctl('ping').returncode != 0:
                    if time.time() > end:
                        print('NO SOCKET', flush=True)
                        raise SystemExit(5)
                    time.sleep(0.5)
            pid, fd = start()
            try:
                expect(fd, 'pkttables> ', 180)
                ready()
                os.write(fd, b'ping\\r')
                print('PING', 'pong' in expect(fd, 'pkttables> ', 30), flush=True)
                os.write(fd, b'monitor\\r')
                time.sleep(2)
                print('CHANGE', ctl('iptables', '-A', 'INPUT', '-s', '10.9.8.7', '-j', 'ACCEPT').returncode, flush=True)
                expect(fd, 'filter INPUT', 30)  # the change, as monitor shows it
                os.write(fd, b'\\x03')
                expect(fd, 'pkttables> ', 30)
                print('CTRL-C ENDED MONITOR', flush=True)
                print('ALIVE', ctl('ping').stdout.strip(), flush=True)
                print('EXIT', stop(pid, fd), flush=True)
                pid = None
                buf = b''
                pid, fd = start()
                expect(fd, 'pkttables> ', 180)
                ready()
                # up twice (`ping', two lines back in the history) as a terminal sends it once the console has
                # switched its cursor keys to application mode (ESC [ ? 1 h): ESC O A
                os.write(fd, b'\\x1bOA\\x1bOA\\r')
                print('HISTORY', 'pong' in expect(fd, 'pkttables> ', 30), flush=True)
                print('EXIT', stop(pid, fd), flush=True)
                pid = None
            finally:
                if pid is not None:
                    os.kill(pid, signal.SIGKILL)
            """;

    @RegisterExtension
    final Lab lab = Lab.launcher();

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void historyLineEditingAndCtrlCEndsTheCommandNotTheAppliance() throws Exception {
        assumeTrue(Lab.onPath("python3"), "ConsoleIT types at a pseudo-terminal with python3: skipped");
        Path home = lab.home();
        Proc.Result r = Proc.exec(List.of("python3", "-c", TYPIST, RunningAppliance.BIN.toString(), home.toString()),
                null);
        String out = r.out() + r.err();
        assertEquals(0, r.exit(), out);
        assertTrue(out.contains("PING True\n"), out);
        assertTrue(out.contains("CHANGE 0\n"), out);
        assertTrue(out.contains("CTRL-C ENDED MONITOR\nALIVE pong\n"), "Ctrl-C ended monitor, not the appliance: "
                + out);
        assertTrue(out.contains("EXIT 0\n"), "Ctrl-D ends the appliance: " + out);
        assertTrue(out.contains("HISTORY True\n"), "the up arrow brings the history back: " + out);
        List<String> history = Files.readAllLines(home.resolve("state").resolve("console.history"));
        assertTrue(history.stream().anyMatch(l -> l.endsWith("ping")), history.toString());
        assertTrue(history.stream().anyMatch(l -> l.endsWith("monitor")), history.toString());
    }
}
