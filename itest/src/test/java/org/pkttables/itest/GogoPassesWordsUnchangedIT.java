package org.pkttables.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;

/**
 * Runs command lines through the real Gogo parser: the words a pkt command receives must be exactly
 * what a POSIX shell would pass (options, {@code !}, quoted strings with spaces, the words true/null).
 * A recording command added through the CommandExtension whiteboard shows what arrived.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GogoPassesWordsUnchangedIT {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return ApplianceRuntime.options("gogo");
    }

    /** A command that remembers its arguments and fails when told to. */
    static final class Recorder implements CommandExtension {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public String name() {
            return "record-args";
        }

        @Override
        public String help() {
            return "test command: remembers its arguments";
        }

        @Override
        public synchronized CommandFrontend.Result run(List<String> args, String stdin) {
            calls.add(List.copyOf(args));
            return args.contains("--fail") ? new CommandFrontend.Result(2, "partial\n", "record-args: told to fail\n")
                    : new CommandFrontend.Result(0, "recorded " + args.size() + "\n", "");
        }
    }

    private String execute(CommandSession s, ByteArrayOutputStream out, String line) throws Exception {
        out.reset();
        s.execute(line);
        s.getConsole().flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void optionsBangAndQuotedWordsArriveAsTyped() throws Exception {
        Recorder rec = new Recorder();
        ServiceRegistration<CommandExtension> reg = context.registerService(CommandExtension.class, rec, null);
        try {
            ApplianceRuntime.await(org.apache.felix.service.command.Function.class,
                    "(osgi.command.scope=pkt)(osgi.command.function=record-args)");
            CommandProcessor gogo = ApplianceRuntime.await(CommandProcessor.class, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
                String printed = execute(s, out,
                        "pkt:record-args -A INPUT ! -s 10.0.0.1 -m comment --comment \"a b\" -j DROP true null 22");
                assertEquals("recorded 14\n", printed);
                assertEquals(List.of("-A", "INPUT", "!", "-s", "10.0.0.1", "-m", "comment", "--comment", "a b", "-j",
                        "DROP", "true", "null", "22"), rec.calls.get(0));

                // Unscoped, as typed at the g! prompt, and with single quotes.
                execute(s, out, "record-args --comment 'single quoted' -p tcp --dport 1024:65535");
                assertEquals(List.of("--comment", "single quoted", "-p", "tcp", "--dport", "1024:65535"),
                        rec.calls.get(1));

                try {
                    execute(s, out, "pkt:record-args --fail");
                    fail("a non-zero exit must surface as an exception Gogo prints");
                } catch (Exception e) {
                    assertEquals("record-args: told to fail", e.getMessage());
                    assertTrue(out.toString(StandardCharsets.UTF_8).contains("partial"));
                }
            }
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void aRuleTypedAtTheGogoPromptListsLikeIptables() throws Exception {
        ApplianceRuntime.await(org.apache.felix.service.command.Function.class,
                "(osgi.command.scope=pkt)(osgi.command.function=iptables)");
        CommandProcessor gogo = ApplianceRuntime.await(CommandProcessor.class, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            execute(s, out, "pkt:iptables -A INPUT ! -s 10.0.0.1 -m comment --comment \"a b\" -j DROP");
            assertEquals("-P INPUT ACCEPT\n-A INPUT ! -s 10.0.0.1/32 -m comment --comment \"a b\" -j DROP\n",
                    execute(s, out, "iptables -S INPUT"));
            try {
                execute(s, out, "iptables -A NOSUCH -j DROP");
                fail("adding to a missing chain must fail");
            } catch (Exception e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("iptables: "));
            }
        }
    }
}
