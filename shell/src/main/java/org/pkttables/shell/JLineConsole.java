package org.pkttables.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandRegistry;

/**
 * The appliance's interactive console, when {@code bin/pkttables run} has a terminal (framework property
 * {@code pkttables.console=jline}; Gogo's own console is then off): JLine line editing, the command names
 * completed with Tab, and a history kept in the state directory ({@code STATE/console.history}, read at
 * start, written after every line). Each line runs in a Gogo session (so every Gogo command and the
 * {@code pkt} commands work as before) on a thread of its own: Ctrl-C interrupts that thread, which ends
 * the running command ({@code monitor}, a long listing), never the appliance; Ctrl-C at the prompt
 * clears the line. End of input (Ctrl-D on an empty line) stops the appliance, as Gogo's console did.
 */
@Component(service = {}, immediate = true)
public final class JLineConsole {
    private static final System.Logger LOG = System.getLogger("org.pkttables.shell");
    /** Framework property: {@code jline} starts this console. */
    static final String PROPERTY = "pkttables.console";
    /** The history file's name in the state directory. */
    static final String HISTORY = "console.history";
    static final String PROMPT = "pkttables> ";

    @Reference
    private CommandProcessor processor;

    @Reference
    private CommandRegistry registry;

    private Thread thread;
    private volatile boolean stopping;
    private volatile Terminal terminal;
    /** The line running now, for Ctrl-C; null at the prompt. */
    private volatile ConsoleLine running;

    @Activate
    void activate(BundleContext ctx) {
        if (!"jline".equals(ctx.getProperty(PROPERTY))) {
            return;
        }
        String state = ctx.getProperty("pkttables.state");
        Path history = state == null || state.isBlank() ? null : Path.of(state.trim()).resolve(HISTORY);
        thread = new Thread(() -> run(ctx, history), "pkttables-console");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        Terminal t = terminal;
        if (t != null) {
            try {
                t.close(); // ends a readLine waiting for input
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the console's terminal: " + e);
            }
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(2000);
        }
    }

    /**
     * The system terminal. JLine finds its terminal providers (jni, exec) through the thread's context
     * class loader: in OSGi that has to be JLine's bundle's, or it falls back to a dumb terminal (no line
     * editing, no history keys).
     */
    private static Terminal systemTerminal() throws IOException {
        Thread me = Thread.currentThread();
        ClassLoader tccl = me.getContextClassLoader();
        me.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder().name("pkttables").system(true).nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN).build();
        } finally {
            me.setContextClassLoader(tccl);
        }
    }

    private void run(BundleContext ctx, Path history) {
        try (Terminal t = systemTerminal()) {
            terminal = t;
            if (t.getWidth() <= 0 || t.getHeight() <= 0) {
                // a terminal that reports no size (a pty nobody sized, a serial line): JLine would cut the
                // prompt and every line to nothing; the classic 80x24 instead
                t.setSize(new Size(t.getWidth() > 0 ? t.getWidth() : 80, t.getHeight() > 0 ? t.getHeight() : 24));
            }
            LineReaderBuilder b = LineReaderBuilder.builder().terminal(t).appName("pkttables")
                    .completer(new StringsCompleter(registry::commands));
            if (history != null) {
                b.variable(LineReader.HISTORY_FILE, history);
            }
            LineReader reader = b.build();
            reader.setOpt(LineReader.Option.HISTORY_INCREMENTAL); // each line is in the file at once
            PrintStream out = new PrintStream(t.output(), true, StandardCharsets.UTF_8);
            CommandSession session = processor.createSession(t.input(), out, out);
            // The appliance's commands first: `history' is pkt:history (the change history), not Gogo's
            // gogo:history of typed lines; names pkt has not (felix:lb, help) are found in every scope.
            session.put("SCOPE", PktCommands.SCOPE + ":*");
            AutoCloseable sigint = interrupts(t);
            try {
                loop(reader, session, t, out);
            } finally {
                session.close();
                if (sigint != null) {
                    sigint.close();
                }
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "the console stopped: " + e, e);
        }
        if (!stopping) {
            // End of input at the console (Ctrl-D) ends the appliance, as a clean stop with exit status 0:
            // the JVM's exit runs the launcher's shutdown hook, which stops the framework as SIGTERM does
            // (stopping the system bundle here would make the launcher exit 117, "framework stopped").
            // From a thread of its own: the framework's stop waits for this console thread to end.
            Thread exit = new Thread(() -> System.exit(0), "pkttables-console-exit");
            exit.start();
        }
    }

    /**
     * The JVM's SIGINT handler from the console's start, so a Ctrl-C before JLine's first prompt never ends
     * the appliance: it ends a running line ({@link ConsoleLine#interrupt}) or goes to JLine. Once JLine
     * reads a line it handles SIGINT itself (at the prompt: a fresh line), and while a line runs the
     * terminal's INT handler ends it ({@link #loop}). Null without sun.misc (JLine's own handling then).
     */
    private AutoCloseable interrupts(Terminal t) {
        try {
            return InterruptSignal.install(() -> {
                ConsoleLine l = running;
                if (l != null) {
                    l.interrupt();
                } else {
                    t.raise(Terminal.Signal.INT);
                }
            });
        } catch (NoClassDefFoundError e) {
            LOG.log(System.Logger.Level.WARNING, "no sun.misc.Signal: Ctrl-C is left to JLine's terminal");
            return null;
        }
    }

    private void loop(LineReader reader, CommandSession session, Terminal t, PrintStream out) {
        while (!stopping) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: a fresh line
            } catch (EndOfFileException e) {
                return;
            }
            if (!line.isBlank()) {
                ConsoleLine l = new ConsoleLine(session, line, out);
                running = l;
                // JLine's readLine takes SIGINT for itself and gives back its own handler when it returns,
                // so the line's Ctrl-C handler is set through the terminal, for the time the line runs
                Terminal.SignalHandler previous = t.handle(Terminal.Signal.INT, sig -> l.interrupt());
                try {
                    l.run();
                } finally {
                    t.handle(Terminal.Signal.INT, previous);
                    running = null;
                }
            }
        }
    }

    /** The text the console prints for a command's value: Gogo's own formatting. */
    static String format(CommandSession session, Object value) {
        CharSequence s = session.format(value, Converter.INSPECT);
        return s == null ? String.valueOf(value) : s.toString();
    }
}
