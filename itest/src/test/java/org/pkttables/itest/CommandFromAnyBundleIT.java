package org.pkttables.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.UrlProvisionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.pkttables.control.client.ControlClient;

/**
 * One command registry (issue 12): a command is one annotated class in any bundle. The bundle
 * {@code examples/cmd.greet} is that one class ({@code GreetCommand}); installed next to the appliance, with
 * no other file touched, {@code greet} runs at the Gogo console, through the control socket ({@code ctl})
 * and in the {@code --config} script the appliance runs at boot (the script runner and command router of
 * {@code batch}; e2e's BatchRunsDeployedCommandIT runs it in batch mode itself). Stopping the bundle takes
 * the command away everywhere; starting it brings it back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CommandFromAnyBundleIT {
    static final String GREET_BSN = "org.pkttables.example.greet";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() throws Exception {
        Path dir = Files.createDirectories(ApplianceRuntime.WORK).resolve("greet-" + System.nanoTime());
        Files.createDirectories(dir);
        Path jar = ApplianceRuntime.BUNDLES.resolve("cmd.greet.jar");
        Path script = dir.resolve("boot.conf");
        Files.writeString(script, "# runs at boot, as batch runs its lines\ngreet from-config 'two words'\n");
        List<Option> o = new ArrayList<>(Arrays.asList(ApplianceRuntime.options("greet")));
        o.add(systemProperty("pkttables.config").value(script.toString()));
        // Started before control, as the launcher starts every bundle before the appliance loads its rules.
        int control = 0;
        while (!(o.get(control) instanceof UrlProvisionOption u && u.getURL().endsWith("/control.jar"))) {
            control++;
        }
        o.add(control, bundle(jar.toUri().toString()));
        return o.toArray(new Option[0]);
    }

    private static final String GREET_FUNCTION = "(osgi.command.scope=pkt)(osgi.command.function=greet)";

    @Test
    public void aCommandFromATestBundleRunsAtTheConsoleThroughCtlAndInTheBootScript() throws Exception {
        ControlClient ctl = ApplianceRuntime.control();
        // The boot script ran it, through the same runner as batch (a failing line would fail the boot).
        ControlClient.Result status = ctl.call(List.of("status"), null);
        assertEquals(status.out(), 0, status.exit());
        assertEquals(new ControlClient.Result(0, "from-config|two words\n", ""), ctl.call(List.of("greet", "--calls"), null));

        // ctl: output, error and exit code as the command gave them.
        assertEquals(new ControlClient.Result(0, "hello over ctl\n", ""), ctl.call(List.of("greet", "over", "ctl"), null));
        assertEquals(new ControlClient.Result(3, "", "greet: told to fail\n"), ctl.call(List.of("greet", "--fail"), null));
        assertTrue(ctl.call(List.of("help"), null).out().contains(" greet "));

        // The Gogo console.
        ApplianceRuntime.await(Function.class, GREET_FUNCTION);
        CommandProcessor gogo = ApplianceRuntime.await(CommandProcessor.class, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            s.execute("pkt:greet at the 'con sole'");
            s.getConsole().flush();
            assertEquals("hello at the con sole\n", out.toString(StandardCharsets.UTF_8));
            try {
                s.execute("greet --fail");
                fail("a non-zero exit must surface as an exception Gogo prints");
            } catch (Exception e) {
                assertEquals("greet: told to fail", e.getMessage());
            }
        }
        assertEquals(new ControlClient.Result(0, "from-config|two words\nover|ctl\nat|the|con sole\n", ""),
                ctl.call(List.of("greet", "--calls"), null));

        // Its bundle stops: the command is gone from the console, ctl and help; it starts: back again.
        Bundle greet = installed(GREET_BSN);
        awaitGone(GREET_FUNCTION, greet::stop);
        ControlClient.Result gone = ctl.call(List.of("greet", "x"), null);
        assertEquals(gone.toString(), 127, gone.exit());
        assertEquals("pkttables: unknown command 'greet' (try 'help')\n", gone.err());
        assertFalse(ctl.call(List.of("help"), null).out().contains(" greet "));
        greet.start();
        ApplianceRuntime.await(Function.class, GREET_FUNCTION);
        assertEquals(new ControlClient.Result(0, "hello again\n", ""), ctl.call(List.of("greet", "again"), null));
    }

    private Bundle installed(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn + " installed");
    }

    /** Something that may throw. */
    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} and waits (without sleeping) until no service of {@code filter} is left. */
    private void awaitGone(String filter, Action action) throws Exception {
        String f = "(&(objectClass=" + Function.class.getName() + ")" + filter + ")";
        CountDownLatch gone = new CountDownLatch(1);
        ServiceListener l = e -> {
            if (e.getType() == ServiceEvent.UNREGISTERING) {
                gone.countDown();
            }
        };
        context.addServiceListener(l, f);
        try {
            action.run();
            if (context.getServiceReferences(Function.class.getName(), f) != null) {
                assertTrue("pkt:greet still registered after " + ApplianceRuntime.TIMEOUT_SECONDS + " s",
                        gone.await(ApplianceRuntime.TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        } finally {
            context.removeServiceListener(l);
        }
    }
}
