package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;
import org.pkttables.api.StreamingCommand;

/** The command registry: words, services answering to several, claims, watchers, help. */
class CommandRegistryComponentTest {
    /** A command answering with its name and the word it was called by. */
    private record Echo(String name) implements CommandExtension {
        @Override
        public String help() {
            return "echo";
        }

        @Override
        public CommandFrontend.Result run(List<String> args, String stdin) {
            return new CommandFrontend.Result(0, name + " " + args + "\n", "");
        }

        @Override
        public CommandFrontend.Result run(String word, List<String> args, String stdin, CallerFiles files) {
            return new CommandFrontend.Result(0, name + " as " + word + " " + args + "\n", "");
        }
    }

    private final CommandRegistryComponent registry = new CommandRegistryComponent();

    @Test
    void aServiceAnswersToItsNameOrToTheWordsOfItsNamesProperty() {
        Echo one = new Echo("one");
        Echo tools = new Echo("tool");
        registry.add(one, Map.of());
        registry.add(tools, Map.of(CommandRegistry.NAMES, new String[] {"tool", "tool-save"}));
        assertEquals(List.of("help", "one", "tool", "tool-save"), registry.commands());
        assertSame(one, registry.command("one"));
        assertEquals("tool-save", registry.command("tool-save").name());
        assertEquals("tool as tool-save [-c]\n", registry.run("tool-save", List.of("-c"), null).out());
        assertEquals("tool as tool [-L]\n", registry.command("tool").run(List.of("-L"), null, CallerFiles.local()).out());
        assertEquals("one [x]\n", registry.run("one", List.of("x"), null).out());
        assertEquals(new CommandFrontend.Result(0, "commands: help one tool tool-save\n", ""),
                registry.run("help", List.of(), null));

        registry.remove(tools, Map.of(CommandRegistry.NAMES, new String[] {"tool", "tool-save"}));
        assertEquals(List.of("help", "one"), registry.commands());
        assertEquals(new CommandFrontend.Result(127, "", "pkttables: unknown command 'tool' (try 'help')\n"),
                registry.run("tool", List.of(), null));
        assertNull(registry.command("tool"));
    }

    @Test
    void theFirstClaimKeepsAWordAndTheNextTakesOverWhenItLeaves() {
        Echo first = new Echo("w");
        Echo second = new Echo("w");
        registry.add(first, Map.of());
        registry.add(second, Map.of());
        assertSame(first, registry.command("w"));
        registry.remove(first, Map.of());
        assertSame(second, registry.command("w"));
        registry.remove(second, Map.of());
        assertNull(registry.command("w"));
    }

    @Test
    void watchersHearEveryWordThereAndEveryOneThatComesOrGoesOnce() {
        List<String> heard = new ArrayList<>();
        registry.add(new Echo("a"), Map.of());
        CommandRegistry.Watcher w = new CommandRegistry.Watcher() {
            @Override
            public void added(String name) {
                heard.add("+" + name);
            }

            @Override
            public void removed(String name) {
                heard.add("-" + name);
            }
        };
        registry.watch(w);
        Echo b1 = new Echo("b");
        Echo b2 = new Echo("b");
        registry.add(b1, Map.of());
        registry.add(b2, Map.of()); // a second claim: the word is already there
        registry.remove(b1, Map.of());
        registry.remove(b2, Map.of());
        registry.unwatch(w);
        registry.add(new Echo("c"), Map.of());
        assertEquals(List.of("+a", "+help", "+b", "-b"), heard);
    }

    @Test
    void aStreamingServiceWithSeveralWordsStreamsUnderEach() throws Exception {
        StreamingCommand s = TestCommands.streaming("ev", args -> true, (args, sink) -> {
            sink.out("event\n");
            return 0;
        }, new RecordingFrontend("ev"));
        registry.add(s, Map.of(CommandRegistry.NAMES, List.of("ev", "ev2")));
        StreamingCommand bound = assertInstanceOf(StreamingCommand.class, registry.command("ev2"));
        StringBuilder out = new StringBuilder();
        assertEquals(0, bound.stream(List.of(), new StreamingCommand.Sink() {
            @Override
            public void out(String text) {
                out.append(text);
            }

            @Override
            public void err(String text) {
                out.append("err:").append(text);
            }

            @Override
            public void keepAlive() {
            }
        }));
        assertEquals("event\n", out.toString());
    }
}
