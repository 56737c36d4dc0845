package org.pkttables.control;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The user at the other end of the control socket, as the kernel tells it ({@code SO_PEERCRED}, through
 * {@code jdk.net.ExtendedSocketOptions}, which the appliance's framework exports): a {@code ctl} caller
 * cannot claim to be someone else. The JDK gives the user's name (or the uid as text when the uid has
 * none); the number is looked up in {@code /etc/passwd}.
 */
final class PeerCredentials {
    private static final Path PASSWD = Path.of("/etc/passwd");

    private PeerCredentials() {
    }

    /** The peer of {@code channel} running {@code argv}; uid -1 when the kernel's answer is not available. */
    static Caller of(SocketChannel channel, List<String> argv) {
        String line = Caller.line(argv);
        String name;
        try {
            name = Jdk.peerUser(channel);
        } catch (NoClassDefFoundError | UnsupportedOperationException | IOException e) {
            return new Caller(-1, "unknown (" + e.getMessage() + ")", line);
        }
        return new Caller(uidOf(name), name, line);
    }

    /** The uid of user {@code name} (a number stands for itself); -1 when /etc/passwd does not know it. */
    static long uidOf(String name) {
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty() && name.length() < 12) {
            return Long.parseLong(name);
        }
        for (String[] f : passwd()) {
            if (f[0].equals(name)) {
                return parse(f[2]);
            }
        }
        return -1;
    }

    /** The name of {@code uid} in /etc/passwd, else {@code fallback} (or the number as text). */
    static String userName(long uid, String fallback) {
        for (String[] f : passwd()) {
            if (parse(f[2]) == uid && uid >= 0) {
                return f[0];
            }
        }
        return fallback != null ? fallback : Long.toString(uid);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** /etc/passwd as last read, with the size and time it had: every connection looks its caller up. */
    private record Passwd(FileTime modified, long size, List<String[]> entries) {
    }

    private static volatile Passwd cached;

    /** The entries of /etc/passwd, read again only when its size or modification time changed. */
    private static List<String[]> passwd() {
        try {
            BasicFileAttributes a = Files.readAttributes(PASSWD, BasicFileAttributes.class);
            Passwd c = cached;
            if (c != null && c.modified().equals(a.lastModifiedTime()) && c.size() == a.size()) {
                return c.entries();
            }
            List<String[]> entries = Files.readAllLines(PASSWD, StandardCharsets.UTF_8).stream()
                    .map(l -> l.split(":", -1)).filter(f -> f.length >= 3).toList();
            cached = new Passwd(a.lastModifiedTime(), a.size(), entries);
            return entries;
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** The jdk.net part, in a class of its own: without the package the caller gets a NoClassDefFoundError. */
    private static final class Jdk {
        static String peerUser(SocketChannel channel) throws IOException {
            jdk.net.UnixDomainPrincipal p = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            return p.user().getName();
        }
    }
}
