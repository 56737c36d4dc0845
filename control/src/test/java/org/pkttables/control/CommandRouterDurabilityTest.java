package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Ruleset;
import org.pkttables.control.client.Wire;

/** Durable acknowledgement in the router: a command that committed waits for its generation; others do not. */
class CommandRouterDurabilityTest {
    private final AtomicLong generation = new AtomicLong(5);
    private final RecordingFrontend frontend = new RecordingFrontend("iptables");
    private final List<Long> awaited = new ArrayList<>();
    private final CommandRouter router = new CommandRouter(TestCommands.of(frontend), this::ruleset);

    private Ruleset ruleset() {
        return (Ruleset) Proxy.newProxyInstance(Ruleset.class.getClassLoader(), new Class<?>[] {Ruleset.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("generation")) {
                        return generation.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private int run(List<String> argv, StringBuilder err) throws IOException {
        return router.handle(new Wire.Request(argv, null), new Output() {
            @Override
            public void out(String text) {
            }

            @Override
            public void err(String text) {
                err.append(text);
            }

            @Override
            public void keepAlive() {
            }

            @Override
            public org.pkttables.api.CallerFiles files() {
                return org.pkttables.api.CallerFiles.local();
            }
        });
    }

    @Test
    void aCommittingCommandWaitsForItsGenerationAReadingOneDoesNot() throws IOException {
        router.durability(awaited::add);
        frontend.answer = c -> {
            if (c.args().get(0).equals("-A")) {
                generation.incrementAndGet();
            }
            return new CommandFrontend.Result(0, "", "");
        };
        assertEquals(0, run(List.of("iptables", "-A", "INPUT", "-j", "DROP"), new StringBuilder()));
        assertEquals(List.of(6L), awaited, "the -A committed generation 6 and waited for it to be on disk");
        assertEquals(0, run(List.of("iptables", "-S"), new StringBuilder()));
        assertEquals(List.of(6L), awaited, "a listing commits nothing and does not wait");
    }

    @Test
    void aChangeThatCouldNotBeSavedIsNotAcknowledged() throws IOException {
        router.durability(g -> {
            throw new IOException("cannot write state to /x: No space left on device");
        });
        frontend.answer = c -> {
            generation.incrementAndGet();
            return new CommandFrontend.Result(0, "", "");
        };
        StringBuilder err = new StringBuilder();
        assertEquals(1, run(List.of("iptables", "-A", "INPUT", "-j", "DROP"), err));
        assertTrue(err.toString().contains("iptables: committed, but NOT saved to disk: cannot write state to /x: "
                + "No space left on device"), err.toString());
    }
}
