package org.pkttables.ext.matches.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.pkttables.api.ext.ParamType;

/**
 * Comment text: at most 255 bytes of UTF-8 (the kernel keeps 256 bytes with the terminating NUL);
 * quoted on save like iptables when it holds anything but letters, digits, '_' and '-'.
 */
final class CommentText extends ParamType<String> {
    static final int MAX_BYTES = 255;
    static final CommentText INSTANCE = new CommentText();

    private CommentText() {
        super("text", 1);
    }

    @Override
    public String parse(List<String> words) {
        String s = words.get(0);
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_BYTES) {
            throw new IllegalArgumentException("comment is " + n + " bytes long, at most " + MAX_BYTES + " allowed");
        }
        return s;
    }

    @Override
    public List<String> format(String value) {
        return List.of(value);
    }

    @Override
    public boolean quoted() {
        return true;
    }
}
