package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The test's systemd: the datagram socket a {@code Type=notify} service finds in {@code NOTIFY_SOCKET},
 * bound by a python3 one-liner (the JDK has no UNIX datagram sockets), and the messages it receives, one
 * per datagram with its newlines shown as {@code |} ({@code READY=1|STATUS=...|}).
 */
final class SystemdReceiver implements AutoCloseable {
    static final String PING = "WATCHDOG=1|";

    private static final String RECEIVER = "import socket,sys\n"
            + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
            + "s.bind(sys.argv[1])\n"
            + "print('bound',flush=True)\n"
            + "while True:\n"
            + "  print(s.recv(4096).decode().replace('\\n','|'),flush=True)\n";

    private final Path socket;
    private final Process process;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    /** Binds {@code socket} and starts reading; returns once it is bound. */
    SystemdReceiver(Path socket) throws IOException, InterruptedException {
        this.socket = socket;
        this.process = new ProcessBuilder("python3", "-c", RECEIVER, socket.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    messages.add(line);
                }
            } catch (IOException e) {
                messages.add("receiver failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertEquals("bound", messages.poll(30, TimeUnit.SECONDS));
    }

    /** The value for {@code NOTIFY_SOCKET}. */
    String path() {
        return socket.toString();
    }

    /** The next message within {@code seconds}, or null. */
    String poll(long seconds) throws InterruptedException {
        return messages.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next message within {@code millis}, or null. */
    String pollMillis(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next message that is not a watchdog ping, waiting up to 60 s. */
    String next() throws InterruptedException {
        for (;;) {
            String m = messages.poll(60, TimeUnit.SECONDS);
            assertNotNull(m, "no message from the appliance within 60 s");
            if (!m.equals(PING)) {
                return m;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
