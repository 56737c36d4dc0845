package org.pkttables.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A console line runs in a Gogo session on its own thread, and the terminal's SIGINT (Ctrl-C) ends a
 * command that waits, not the console: the next line runs.
 */
class ConsoleLineTest {
    /** Commands for the test session (Gogo calls public methods of a public class). */
    public static final class Commands {
        final CountDownLatch started = new CountDownLatch(1);

        public String hello() {
            return "hi";
        }

        /** Waits for ever, as {@code monitor} does, until interrupted. */
        public String block() throws InterruptedException {
            started.countDown();
            new CountDownLatch(1).await();
            return "never";
        }
    }

    private final ThreadIOImpl threadIO = new ThreadIOImpl();

    @AfterEach
    void stop() {
        threadIO.stop();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ctrlCEndsTheRunningCommandAndTheNextLineRuns() throws IOException, InterruptedException {
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        Commands commands = new Commands();
        processor.addCommand("test", commands);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Terminal t = TerminalBuilder.builder().streams(new ByteArrayInputStream(new byte[0]), bytes)
                .type(Terminal.TYPE_DUMB).system(false).build()) {
            CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
            Thread console = new Thread(() -> new ConsoleLine(session, "block", out).runInterruptibly(t));
            console.start();
            commands.started.await();
            t.raise(Terminal.Signal.INT); // what Ctrl-C at the terminal does
            console.join();
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("^C"), bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
            new ConsoleLine(session, "hello", out).runInterruptibly(t);
            assertEquals("hi", bytes.toString(StandardCharsets.UTF_8).strip());
            bytes.reset();
            new ConsoleLine(session, "nosuchcommand", out).runInterruptibly(t);
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("nosuchcommand"),
                    bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
