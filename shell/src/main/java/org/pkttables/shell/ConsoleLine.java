package org.pkttables.shell;

import java.io.PrintStream;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * One line typed at the {@link JLineConsole}, run in the console's Gogo session on a thread of its own
 * while the console waits: Ctrl-C ({@link #interrupt}) interrupts the line's job, so a command that
 * waits or streams ({@code monitor}) ends and the prompt comes back; the appliance goes on.
 */
final class ConsoleLine {
    private final CommandSession session;
    private final String line;
    private final PrintStream out;
    private volatile Thread command;

    ConsoleLine(CommandSession session, String line, PrintStream out) {
        this.session = session;
        this.line = line;
        this.out = out;
    }

    /** Runs the line; returns when it has ended (by itself or after {@link #interrupt}). */
    void run() {
        Thread t = new Thread(this::execute, "pkttables-console-command");
        t.setDaemon(true);
        command = t;
        t.start();
        for (;;) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                interrupt(); // the console is stopping: end the command too, then wait for it
            }
        }
    }

    /**
     * Ctrl-C: Gogo runs a line as a job on threads of its own while the line's thread waits for it, so the
     * job is interrupted (its threads end, the session has no foreground job left); before the job has
     * started, the line's thread. Called on the signal thread: does not wait.
     */
    void interrupt() {
        Job job = session.foregroundJob();
        if (job != null) {
            job.interrupt();
        } else {
            Thread t = command;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /** True when {@code e} is (or was caused by) the interrupt of Ctrl-C. */
    private static boolean interrupted(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private void execute() {
        try {
            Object value = session.execute(line);
            if (value != null) {
                out.println(JLineConsole.format(session, value));
            }
        } catch (CommandFailedException e) {
            out.println(e.getMessage());
        } catch (Exception e) {
            if (interrupted(e)) {
                out.println("^C"); // ended by Ctrl-C
            } else {
                out.println("gogo: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        out.flush();
    }
}
