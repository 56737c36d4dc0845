package org.pkttables.control.client;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The client's side of a command's files (see {@link Wire}): opens, reads and writes the files the
 * appliance asks for with this process's own permissions, relative names against {@code base}, and
 * answers each request of the server. At most {@link #MAX_OPEN} files are open at once.
 */
final class CallerFileServer implements Closeable {
    static final int MAX_OPEN = 16;

    private final Path base;
    private final Map<Integer, InputStream> reading = new HashMap<>();
    private final Map<Integer, Writing> writing = new HashMap<>();
    private final byte[] chunk = new byte[Wire.CHUNK];

    /** A file being written, with the first write failure (reported when the server closes it). */
    private static final class Writing {
        final String name;
        final OutputStream out;
        IOException failed;

        Writing(String name, OutputStream out) {
            this.name = name;
            this.out = out;
        }
    }

    CallerFileServer(Path base) {
        this.base = base;
    }

    /** Answers one request of the server, whose frame {@code frames} has just read. */
    void serve(byte tag, FrameChannel frames) throws IOException {
        int handle = frames.intAt(0);
        ByteBuffer rest = frames.payload().position(4);
        switch (tag) {
            case Wire.OPEN_READ, Wire.OPEN_WRITE -> open(tag, handle, StandardCharsets.UTF_8.decode(rest).toString(), frames);
            case Wire.READ_NEXT -> next(handle, frames);
            case Wire.WRITE_DATA -> data(handle, rest);
            case Wire.CLOSE -> close(handle, frames);
            default -> throw new ProtocolException("not a file request: " + Wire.tagName(tag));
        }
        frames.flush();
    }

    private void open(byte tag, int handle, String name, FrameChannel frames) throws IOException {
        if (reading.containsKey(handle) || writing.containsKey(handle)) {
            throw new ProtocolException("file handle " + handle + " is already open");
        }
        if (reading.size() + writing.size() >= MAX_OPEN) {
            frames.writeHandle(Wire.FAILED, handle, name + ": too many open files (at most " + MAX_OPEN + ")");
            return;
        }
        try {
            Path p = base.resolve(name);
            if (tag == Wire.OPEN_READ) {
                if (Files.isDirectory(p)) {
                    throw new FileSystemException(name, null, "Is a directory");
                }
                reading.put(handle, Files.newInputStream(p));
            } else {
                writing.put(handle, new Writing(name, new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)));
            }
            frames.writeHandle(Wire.OPENED, handle, "");
        } catch (IOException | RuntimeException e) {
            frames.writeHandle(Wire.FAILED, handle, reason(name, e));
        }
    }

    private void next(int handle, FrameChannel frames) throws IOException {
        InputStream in = reading.get(handle);
        if (in == null) {
            throw new ProtocolException("read from file handle " + handle + ", which is not open for reading");
        }
        try {
            int n = in.readNBytes(chunk, 0, chunk.length);
            if (n == 0) {
                frames.writeHandle(Wire.END, handle, "");
            } else {
                frames.write(Wire.DATA, ByteBuffer.allocate(4).putInt(0, handle), ByteBuffer.wrap(chunk, 0, n));
            }
        } catch (IOException e) {
            frames.writeHandle(Wire.FAILED, handle, e.getMessage());
        }
    }

    private void data(int handle, ByteBuffer bytes) throws IOException {
        Writing w = writing.get(handle);
        if (w == null) {
            throw new ProtocolException("data for file handle " + handle + ", which is not open for writing");
        }
        if (w.failed != null) {
            return;
        }
        try {
            while (bytes.hasRemaining()) {
                int n = Math.min(bytes.remaining(), chunk.length);
                bytes.get(chunk, 0, n);
                w.out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            w.failed = e;
        }
    }

    private void close(int handle, FrameChannel frames) throws IOException {
        InputStream in = reading.remove(handle);
        Writing w = writing.remove(handle);
        if (in == null && w == null) {
            throw new ProtocolException("close of file handle " + handle + ", which is not open");
        }
        IOException failed = null;
        try {
            if (in != null) {
                in.close();
            } else {
                failed = w.failed;
                w.out.close();
            }
        } catch (IOException e) {
            failed = failed == null ? e : failed;
        }
        if (failed == null) {
            frames.writeHandle(Wire.CLOSED, handle, "");
        } else {
            frames.writeHandle(Wire.FAILED, handle, reason(w == null ? "file" : w.name, failed));
        }
    }

    /** "NAME: reason" as the C library would put it. */
    private static String reason(String name, Exception e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            why = "Permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "File exists";
        } else if (e instanceof NotDirectoryException) {
            why = "Not a directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason();
        } else {
            why = String.valueOf(e.getMessage());
        }
        return name + ": " + why;
    }

    @Override
    public void close() {
        for (InputStream in : reading.values()) {
            try {
                in.close();
            } catch (IOException e) {
                // only read from: nothing lost
            }
        }
        for (Writing w : writing.values()) {
            try {
                w.out.close(); // the command ended without closing it: keep what was written
            } catch (IOException e) {
                System.err.println("pkttables ctl: " + reason(w.name, e));
            }
        }
        reading.clear();
        writing.clear();
    }
}
