package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One {@code bin/pkttables run}, as an operator starts it: its own state directory, deploy folder and
 * control socket under the lab's home ({@code PKTTABLES_HOME} too, so no two appliances share a Felix
 * cache), optionally inside a network namespace, its output in {@code home/NAME.log}. {@link #ctl} talks to
 * it; {@link #stop} and {@link #kill} end it on purpose, {@link #close} at the end whatever happened.
 */
final class RunningAppliance implements AutoCloseable {
    static final Path BIN = Proc.ROOT.resolve("bin/pkttables");

    private final String name;
    private final Path home;
    private final Path state;
    private final Process process;

    private RunningAppliance(String name, Path home, Process process) {
        this.name = name;
        this.home = home;
        this.state = home.resolve("state");
        this.process = process;
    }

    /**
     * Starts {@code bin/pkttables run --deploy HOME/deploy --state HOME/state --socket HOME/ctl.sock
     * OPTIONS} (in namespace {@code ns} unless null) through {@code net}, which ends it with the lab;
     * does not wait for it.
     */
    static RunningAppliance launch(Netns net, Path home, String name, String ns, List<String> options)
            throws IOException {
        return launch(net, home, name, ns, options, java.util.Map.of());
    }

    /** As {@link #launch(Netns, Path, String, String, List)}, with {@code environment} added to its environment. */
    static RunningAppliance launch(Netns net, Path home, String name, String ns, List<String> options,
            java.util.Map<String, String> environment) throws IOException {
        List<String> run = new ArrayList<>(List.of(BIN.toString(), "run", "--deploy", home.resolve("deploy").toString(),
                "--state", home.resolve("state").toString(), "--socket", home.resolve("ctl.sock").toString()));
        run.addAll(options);
        List<String> cmd = ns == null ? run : Netns.inNs(ns, run.toArray(new String[0]));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve(name + ".log").toFile()));
        pb.environment().put("PKTTABLES_HOME", home.toString());
        pb.environment().putAll(environment);
        return new RunningAppliance(name, home, net.track(pb));
    }

    Path socket() {
        return home.resolve("ctl.sock");
    }

    /** {@code bin/pkttables ctl --socket SOCKET ARGS...}, waited for. */
    Proc.Result ctl(String... args) throws IOException, InterruptedException {
        return Proc.exec(ctlCommand(args), null);
    }

    /** The {@code ctl} command line for {@code args}, for a caller that runs it its own way. */
    List<String> ctlCommand(String... args) {
        return ctlCommand(socket(), args);
    }

    /** {@code bin/pkttables ctl --socket SOCKET ARGS...} as a command line. */
    static List<String> ctlCommand(Path socket, String... args) {
        List<String> l = new ArrayList<>(List.of(BIN.toString(), "ctl", "--socket", socket.toString()));
        l.addAll(List.of(args));
        return l;
    }

    /**
     * Polls {@code ctl CMD...} every 200 ms until {@code ok} accepts its result, for at most {@code seconds};
     * fails naming {@code what}, with the appliance's log, when it does not or the appliance exits.
     */
    Proc.Result awaitCtl(String what, int seconds, Predicate<Proc.Result> ok, String... cmd) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        Proc.Result r = null;
        while (System.currentTimeMillis() < end) {
            assertTrue(process.isAlive(), "the appliance exited while waiting for " + what + ":\n" + log());
            r = ctl(cmd);
            if (ok.test(r)) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + (r == null ? "" : " (last answer: exit " + r.exit()
                + ": " + r.out() + r.err() + ")") + ":\n" + log());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The appliance's JVM: the process whose command line has {@code -Dpkttables.state=STATE} (the launcher
     * itself when it execs java, else its child).
     */
    long pid() {
        String mark = "-Dpkttables.state=" + state;
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).filter(h -> cmdline(h.pid())
                .contains(mark)).mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    private static List<String> cmdline(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            return List.of(new String(b, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of(); // gone meanwhile
        }
    }

    /** What the appliance printed so far (all its starts under this name). */
    String log() throws IOException {
        Path f = home.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "(no " + name + " log)";
    }

    String name() {
        return name;
    }

    /** SIGTERM; fails unless the appliance ends within 30 s. */
    void stop() throws InterruptedException {
        end(false);
    }

    /** SIGKILL to the JVM (nothing runs after it); fails unless it is gone within 30 s. */
    void kill() throws InterruptedException {
        end(true);
    }

    private void end(boolean force) throws InterruptedException {
        for (ProcessHandle h : handles()) {
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("the appliance (pid " + h.pid() + ") did not end on "
                        + (force ? "SIGKILL" : "SIGTERM") + " within 30 s", e);
            }
        }
        process.waitFor();
    }

    /** The JVM, then the launcher (one process when the launcher execs java). */
    private List<ProcessHandle> handles() {
        List<ProcessHandle> l = new ArrayList<>();
        long jvm = pid();
        if (jvm != process.pid()) {
            ProcessHandle.of(jvm).ifPresent(l::add);
        }
        l.add(process.toHandle());
        return l;
    }

    /** Ends the appliance politely, then forcibly; never throws. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> all = handles();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            all.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }
}
