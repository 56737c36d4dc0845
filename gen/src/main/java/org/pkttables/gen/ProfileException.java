package org.pkttables.gen;

/** A profile that does not parse: the message names the source, the line and the bad word. */
public final class ProfileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String word;

    public ProfileException(String source, int line, String word, String problem) {
        super(source + " line " + line + ": " + (word == null ? problem : "`" + word + "': " + problem));
        this.line = line;
        this.word = word;
    }

    /** 1-based line of the profile text. */
    public int line() {
        return line;
    }

    /** The offending word, or null when the line is incomplete. */
    public String word() {
        return word;
    }
}
