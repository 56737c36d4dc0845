package org.pkttables.conntrack.impl.match;

/** Remaining lifetime bounds in seconds, inclusive. */
record ExpireRange(long min, long max) {
}
