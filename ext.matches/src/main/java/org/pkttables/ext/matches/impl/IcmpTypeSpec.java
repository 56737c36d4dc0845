package org.pkttables.ext.matches.impl;

/** An ICMP or ICMPv6 type with the inclusive range of codes it stands for (0..255 = any code). */
record IcmpTypeSpec(int type, int codeMin, int codeMax) {
    /** All codes of {@code type}. */
    static IcmpTypeSpec anyCode(int type) {
        return new IcmpTypeSpec(type, 0, 0xff);
    }

    boolean allCodes() {
        return codeMin == 0 && codeMax == 0xff;
    }
}
