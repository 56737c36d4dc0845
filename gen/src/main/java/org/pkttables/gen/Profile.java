package org.pkttables.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one kind of flow looks like, from a line of the profile language:
 *
 * <pre>
 * http: tcp dport 80, 500 bytes client-&gt;server, 10 KB back, close fin
 * dns: udp dport 53, 40 bytes client-&gt;server, 120 bytes back
 * ping: icmp, 56 bytes client-&gt;server, 56 bytes back, repeat 4
 * </pre>
 *
 * Words (commas only separate, for reading): {@code tcp|udp|icmp}; {@code dport N}; {@code sport N} (a
 * fixed client port); {@code SIZE [bytes|B|KB|MB] DIRECTION} with DIRECTION {@code client->server}
 * ({@code up}) or {@code server->client} ({@code back}, {@code down}), one exchange in the order given
 * (KB = 1024 bytes); {@code repeat N} (the exchanges N times); TCP only: {@code close fin|rst},
 * {@code mss N}, {@code wscale N|off}, {@code sack|nosack}, {@code ack-every N} (the receiver acknowledges
 * every N data segments and the last one). ICMP: each client->server exchange is one echo request of
 * SIZE payload bytes, each server->client one echo reply.
 */
public final class Profile {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;

    /** Exchange direction: client to server. */
    public static final int UP = 0;
    /** Exchange direction: server to client. */
    public static final int DOWN = 1;

    private static final Map<String, String> BUILTIN = new LinkedHashMap<>();

    static {
        BUILTIN.put("http", "tcp dport 80, 500 bytes client->server, 10 KB back, close fin");
        BUILTIN.put("https", "tcp dport 443, 700 bytes client->server, 5 KB back, 300 bytes client->server, 30 KB back, close fin");
        BUILTIN.put("dns", "udp dport 53, 40 bytes client->server, 120 bytes back");
        BUILTIN.put("ping", "icmp, 56 bytes client->server, 56 bytes back, repeat 4");
        BUILTIN.put("ssh-like", "tcp dport 22, 40 bytes back, 40 bytes client->server, 1 KB client->server, 1 KB back, "
                + "48 bytes client->server, 48 bytes back, repeat 3, close rst");
    }

    private final String name;
    private final String text;
    private final int protocol;
    private final int dport;
    private final int sport;
    private final int[] dirs;
    private final int[] sizes;
    private final int repeat;
    private final boolean closeRst;
    private final int mss;
    private final int wscale;
    private final boolean sack;
    private final int ackEvery;

    private Profile(String name, String text, int protocol, int dport, int sport, int[] dirs, int[] sizes, int repeat,
            boolean closeRst, int mss, int wscale, boolean sack, int ackEvery) {
        this.name = name;
        this.text = text;
        this.protocol = protocol;
        this.dport = dport;
        this.sport = sport;
        this.dirs = dirs;
        this.sizes = sizes;
        this.repeat = repeat;
        this.closeRst = closeRst;
        this.mss = mss;
        this.wscale = wscale;
        this.sack = sack;
        this.ackEvery = ackEvery;
    }

    /** The built-in profiles by name, as profile lines ({@code name: words}). */
    public static Map<String, String> builtins() {
        Map<String, String> m = new LinkedHashMap<>();
        BUILTIN.forEach((k, v) -> m.put(k, k + ": " + v));
        return m;
    }

    /** A built-in profile; unknown names are an error listing the known ones. */
    public static Profile builtin(String name) {
        String body = BUILTIN.get(name);
        if (body == null) {
            throw new IllegalArgumentException("no built-in profile `" + name + "' (" + String.join(", ", BUILTIN.keySet()) + ")");
        }
        return parseLine(name + ": " + body, "built-in profile", 1);
    }

    /** Every profile of a text (one per line; blank lines and {@code #} comments skipped). */
    public static Map<String, Profile> parseAll(String text, String source) {
        Map<String, Profile> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Profile p = parseLine(l, source, i + 1);
            if (out.putIfAbsent(p.name, p) != null) {
                throw new ProfileException(source, i + 1, p.name, "profile defined twice");
            }
        }
        return out;
    }

    /** One profile line {@code NAME: words}. */
    public static Profile parseLine(String line, String source, int lineNo) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new ProfileException(source, lineNo, null, "expected `NAME: tcp|udp|icmp ...'");
        }
        String name = line.substring(0, colon).strip();
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new ProfileException(source, lineNo, name, "a profile name is letters, digits, `.', `_' or `-'");
        }
        List<String> w = new ArrayList<>();
        for (String s : line.substring(colon + 1).split("[,\\s]+")) {
            if (!s.isEmpty()) {
                w.add(s);
            }
        }
        int protocol = -1;
        int dport = -1;
        int sport = -1;
        List<int[]> ex = new ArrayList<>();
        int repeat = 1;
        boolean rst = false;
        boolean closeSet = false;
        int mss = 0;
        int wscale = 7;
        boolean sack = true;
        int ackEvery = 2;
        boolean tcpOnly = false;
        String tcpWord = null;
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            String lw = word.toLowerCase(Locale.ROOT);
            switch (lw) {
                case "tcp": case "udp": case "icmp":
                    if (protocol != -1) {
                        throw new ProfileException(source, lineNo, word, "the protocol is given twice");
                    }
                    protocol = lw.equals("tcp") ? TCP : lw.equals("udp") ? UDP : ICMP;
                    break;
                case "dport":
                    dport = number(w, ++i, source, lineNo, 1, 65535, "dport needs a port 1-65535");
                    break;
                case "sport":
                    sport = number(w, ++i, source, lineNo, 1, 65535, "sport needs a port 1-65535");
                    break;
                case "repeat":
                    repeat = number(w, ++i, source, lineNo, 1, 1_000_000, "repeat needs a count 1-1000000");
                    break;
                case "close": {
                    String v = word(w, ++i, source, lineNo, "close needs fin or rst");
                    if (!v.equalsIgnoreCase("fin") && !v.equalsIgnoreCase("rst")) {
                        throw new ProfileException(source, lineNo, v, "close is fin or rst");
                    }
                    rst = v.equalsIgnoreCase("rst");
                    closeSet = true;
                    tcpOnly = true;
                    tcpWord = word;
                    break;
                }
                case "mss":
                    mss = number(w, ++i, source, lineNo, 64, 9000, "mss needs a size 64-9000");
                    tcpOnly = true;
                    tcpWord = word;
                    break;
                case "wscale": {
                    String v = word(w, i + 1, source, lineNo, "wscale needs 0-14 or off");
                    if (v.equalsIgnoreCase("off")) {
                        wscale = -1;
                        i++;
                    } else {
                        wscale = number(w, ++i, source, lineNo, 0, 14, "wscale needs 0-14 or off");
                    }
                    tcpOnly = true;
                    tcpWord = word;
                    break;
                }
                case "sack": case "nosack":
                    sack = lw.equals("sack");
                    tcpOnly = true;
                    tcpWord = word;
                    break;
                case "ack-every":
                    ackEvery = number(w, ++i, source, lineNo, 1, 64, "ack-every needs a count 1-64");
                    tcpOnly = true;
                    tcpWord = word;
                    break;
                default: {
                    long size = parseSize(word);
                    if (size < 0) {
                        throw new ProfileException(source, lineNo, word, "unknown word (expected tcp, udp, icmp, dport, "
                                + "sport, SIZE [bytes|KB|MB] client->server|server->client|back, repeat, close, mss, wscale, "
                                + "sack, nosack, ack-every)");
                    }
                    int j = i + 1;
                    String unit = j < w.size() ? w.get(j).toLowerCase(Locale.ROOT) : "";
                    long mult = switch (unit) {
                        case "b", "byte", "bytes" -> 1;
                        case "kb", "kib", "k" -> 1024;
                        case "mb", "mib", "m" -> 1024 * 1024;
                        default -> 0;
                    };
                    if (mult != 0) {
                        j++;
                    } else {
                        mult = 1;
                    }
                    String dirWord = word(w, j, source, lineNo, "a size needs a direction: client->server or server->client");
                    int dir = switch (dirWord.toLowerCase(Locale.ROOT)) {
                        case "client->server", "c->s", "up" -> UP;
                        case "server->client", "s->c", "back", "down" -> DOWN;
                        default -> throw new ProfileException(source, lineNo, dirWord,
                                "expected a direction: client->server (up) or server->client (back)");
                    };
                    long bytes = size * mult;
                    if (bytes < 1 || bytes > Integer.MAX_VALUE) {
                        throw new ProfileException(source, lineNo, word, "a size is 1 byte to 2 GB");
                    }
                    ex.add(new int[] { dir, (int) bytes });
                    i = j;
                }
            }
        }
        if (protocol == -1) {
            throw new ProfileException(source, lineNo, null, "no protocol (tcp, udp or icmp)");
        }
        if (protocol != TCP && tcpOnly) {
            throw new ProfileException(source, lineNo, tcpWord, "only for tcp profiles");
        }
        if (protocol == ICMP && (dport != -1 || sport != -1)) {
            throw new ProfileException(source, lineNo, dport != -1 ? "dport" : "sport", "icmp has no ports");
        }
        if (protocol != ICMP && dport == -1) {
            throw new ProfileException(source, lineNo, null, "a " + (protocol == TCP ? "tcp" : "udp") + " profile needs `dport N'");
        }
        if (protocol == ICMP && (ex.isEmpty() || ex.get(0)[0] != UP)) {
            throw new ProfileException(source, lineNo, null, "an icmp profile starts with an echo request (SIZE client->server)");
        }
        if (protocol != TCP && ex.isEmpty()) {
            throw new ProfileException(source, lineNo, null, "no exchange (SIZE client->server ...)");
        }
        int[] dirs = new int[ex.size()];
        int[] sizes = new int[ex.size()];
        for (int k = 0; k < dirs.length; k++) {
            dirs[k] = ex.get(k)[0];
            sizes[k] = ex.get(k)[1];
        }
        if (protocol == ICMP) {
            for (int k = 0; k < sizes.length; k++) {
                if (sizes[k] > 1472 - 8 + 8) {
                    throw new ProfileException(source, lineNo, Integer.toString(sizes[k]), "an echo payload is at most 1472 bytes");
                }
            }
        }
        String text = name + ": " + line.substring(colon + 1).strip();
        return new Profile(name, text, protocol, protocol == ICMP ? 0 : dport, Math.max(sport, 0), dirs, sizes, repeat,
                closeSet && rst, mss, wscale, sack, ackEvery);
    }

    private static long parseSize(String word) {
        if (!word.matches("[0-9]{1,10}")) {
            return -1;
        }
        return Long.parseLong(word);
    }

    private static String word(List<String> w, int i, String source, int line, String problem) {
        if (i >= w.size()) {
            throw new ProfileException(source, line, null, problem);
        }
        return w.get(i);
    }

    private static int number(List<String> w, int i, String source, int line, int min, int max, String problem) {
        String s = word(w, i, source, line, problem);
        if (!s.matches("[0-9]{1,10}")) {
            throw new ProfileException(source, line, s, problem);
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new ProfileException(source, line, s, problem);
        }
        return (int) v;
    }

    public String name() {
        return name;
    }

    /** The profile line this was parsed from. */
    public String text() {
        return text;
    }

    public int protocol() {
        return protocol;
    }

    public int dport() {
        return dport;
    }

    /** The fixed client port, or 0 when the run's source port distribution decides. */
    public int sport() {
        return sport;
    }

    public int exchanges() {
        return dirs.length;
    }

    public int direction(int exchange) {
        return dirs[exchange];
    }

    public int size(int exchange) {
        return sizes[exchange];
    }

    public int repeat() {
        return repeat;
    }

    public boolean closeRst() {
        return closeRst;
    }

    /** The MSS both ends announce; 0 = the family's default (1460 IPv4, 1440 IPv6). */
    public int mss() {
        return mss;
    }

    /** The window scale both ends announce; -1 = no option. */
    public int wscale() {
        return wscale;
    }

    public boolean sack() {
        return sack;
    }

    public int ackEvery() {
        return ackEvery;
    }

    /** A copy with another destination port (the run's {@code --dport}). */
    public Profile withDport(int port) {
        if (protocol == ICMP) {
            throw new IllegalArgumentException("profile " + name + " is icmp: it has no ports");
        }
        return new Profile(name, text, protocol, port, sport, dirs, sizes, repeat, closeRst, mss, wscale, sack, ackEvery);
    }

    @Override
    public String toString() {
        return text;
    }
}
