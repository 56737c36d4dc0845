package org.pkttables.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.pkttables.control.client.ControlClient;

/**
 * {@code monitor} is one streaming command: through {@code ctl} and at the Gogo console it streams the
 * committed ruleset changes, one line each, and ends after {@code --count N}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitorIT {
    /** One line of a committed change to the filter table's INPUT chain. */
    private static final String EVENT = "\\[[0-9]+\\] \\S+ \\S+ filter INPUT.*\n";

    @Configuration
    public Option[] config() {
        return ApplianceRuntime.options("monitor");
    }

    @Test
    public void oneMonitorStreamsCommittedChangesThroughCtlAndAtTheConsole() throws Exception {
        ControlClient ctl = ApplianceRuntime.control();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ControlClient.Result> overCtl = pool.submit(() -> ctl.call(List.of("monitor", "--count", "1"), null));
            commitUntilDone(ctl, overCtl);
            ControlClient.Result r = overCtl.get();
            assertEquals(r.err(), 0, r.exit());
            assertTrue(r.out(), r.out().matches(EVENT));

            ApplianceRuntime.await(Function.class, "(osgi.command.scope=pkt)(osgi.command.function=monitor)");
            CommandProcessor gogo = ApplianceRuntime.await(CommandProcessor.class, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
                // The console's stream goes to System.out, which Gogo points at the session's output while
                // the command runs.
                Future<Object> atConsole = pool.submit(() -> s.execute("pkt:monitor --count 1"));
                commitUntilDone(ctl, atConsole);
                atConsole.get();
                s.getConsole().flush();
                String printed = out.toString(StandardCharsets.UTF_8);
                assertTrue(printed, printed.matches(EVENT));
            }

            ControlClient.Result bad = ctl.call(List.of("monitor", "--count", "0"), null);
            assertEquals(2, bad.exit());
            assertTrue(bad.err(), bad.err().startsWith("monitor: "));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Commits a change (a rule added, then deleted again) until {@code monitor} has ended: its stream
     * starts listening at some moment this thread cannot see, and the first change after that ends it.
     */
    private static void commitUntilDone(ControlClient ctl, Future<?> monitor) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ApplianceRuntime.TIMEOUT_SECONDS);
        for (boolean add = true; !monitor.isDone(); add = !add) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("monitor saw no change within " + ApplianceRuntime.TIMEOUT_SECONDS + " s");
            }
            ControlClient.Result r = ctl.call(List.of("iptables", add ? "-A" : "-D", "INPUT", "-s", "10.7.7.7", "-j",
                    "ACCEPT"), null);
            assertEquals(r.err(), 0, r.exit());
            try {
                monitor.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // not subscribed yet when that change was committed: commit another
            }
        }
    }
}
