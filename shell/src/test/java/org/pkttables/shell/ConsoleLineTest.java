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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A console line runs in a Gogo session on its own thread, and Ctrl-C ({@link ConsoleLine#interrupt}) ends a
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
        {
            CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
            ConsoleLine blocking = new ConsoleLine(session, "block", out);
            Thread console = new Thread(blocking::run);
            console.start();
            commands.started.await();
            blocking.interrupt(); // what Ctrl-C at the console does
            console.join();
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("^C"), bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
            new ConsoleLine(session, "hello", out).run();
            assertEquals("hi", bytes.toString(StandardCharsets.UTF_8).strip());
            bytes.reset();
            new ConsoleLine(session, "nosuchcommand", out).run();
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("nosuchcommand"),
                    bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
