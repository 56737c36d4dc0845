package org.pkttables.helper.ftp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Literal address text from an FTP command to bytes, never a name lookup (the payload is untrusted). */
final class Addresses {
    private Addresses() {
    }

    static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            a[i] = (byte) v;
        }
        return a;
    }

    static byte[] ipv6(String s) {
        // only hex digits, ':' and '.': InetAddress.getByName then never consults DNS
        if (s.isEmpty() || s.indexOf(':') < 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return a instanceof Inet6Address ? a.getAddress() : null;
        } catch (UnknownHostException e) {
            return null; // malformed literal: not a command the helper acts on
        }
    }
}
