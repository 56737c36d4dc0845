package org.pkttables.tables.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.pkttables.api.CallerFiles;

/**
 * A caller's files in memory, for tests of commands that open files through {@link CallerFiles}:
 * names in {@link #denied} fail as a file without permission does, every name opened is recorded.
 */
public final class MemoryFiles implements CallerFiles {
    public final Map<String, byte[]> files = new ConcurrentHashMap<>();
    public final Set<String> denied = ConcurrentHashMap.newKeySet();
    public final List<String> opened = new ArrayList<>();

    public MemoryFiles put(String name, String text) {
        files.put(name, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public String text(String name) {
        byte[] b = files.get(name);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized InputStream read(String name) throws IOException {
        opened.add(name);
        check(name);
        byte[] b = files.get(name);
        if (b == null) {
            throw new IOException(name + ": No such file or directory");
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public synchronized OutputStream write(String name) throws IOException {
        opened.add(name);
        check(name);
        return new ByteArrayOutputStream() {
            @Override
            public void close() {
                files.put(name, toByteArray());
            }
        };
    }

    private void check(String name) throws IOException {
        if (denied.contains(name)) {
            throw new IOException(name + ": Permission denied");
        }
    }
}
