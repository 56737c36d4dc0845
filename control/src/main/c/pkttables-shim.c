/*
 * pkttables-shim: the native front of the command shims (shims/iptables, ip6tables, arptables, ... are
 * links to it). A shim call is a process start; perl's own start and compile cost some 2 ms per call, more
 * than the appliance's work for an `iptables -A`, so the calls scripts make in loops are answered here,
 * in C, and everything else is handed, unchanged, to the perl client next to this file (pkttables-ctl,
 * which knows the whole protocol: restore input, the caller's files, -w/--wait, -V, the default socket's
 * corner cases, every failure's words).
 *
 * Answered here (the rest goes to perl before anything is sent):
 *   iptables, ip6tables and arptables (also as -nft/-legacy names) with no -V/-W/--version word (iptables' and
 *   ip6tables' -w, --wait, -w N, --wait=N, -wN are taken here; other -w forms and arptables' go to perl),
 *   at most MAX_ARGS words of at most MAX_FRAME bytes, the socket from $PKTTABLES_SOCKET or found as
 *   perl's default_socket finds it. These commands never read standard input or ask for the caller's files.
 * Handed to perl after the answer began: nothing. Before it: a socket that does not answer (perl says why,
 * as it always did), and the appliance's busy answer (nothing ran: perl asks again and waits or fails as
 * iptables does without -w).
 *
 * The protocol is control/src/main/java/org/pkttables/control/client/Wire.java (its one description):
 * frames of `byte tag, int length (big-endian, at most 64 KiB), payload`; request P(magic) A(word)... G;
 * answer O/E(text) K(keep-alive) ... X(exit code).
 *
 * Built by control's build (src/main/c/build-shim) when a C compiler is there; without one the shims are
 * the perl client itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAGIC 0x504B5432u
#define MAX_FRAME (64u << 10)
#define MAX_ARGS 4096
#define EXIT_BUSY 75
#define BUSY_PREFIX "pkttables: busy: "

static char tool[64];
static const char *socket_path;
static char socket_buf[PATH_MAX + 32];
static char **original_argv;

/* The directory of this file's real path (bin/ in a clone, /usr/lib/pkttables installed) into dir; 0 if unknown. */
static int self_dir(char *dir, size_t size) {
    ssize_t n = readlink("/proc/self/exe", dir, size - 1);
    if (n <= 0) {
        return 0;
    }
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash) {
        return 0;
    }
    *slash = '\0';
    return 1;
}

/* Runs the perl client as this shim (nothing has been sent, or the appliance ran nothing). */
static void hand_to_perl(void) {
    static char self[PATH_MAX], perl_client[PATH_MAX + 16];
    if (!self_dir(self, sizeof self)) {
        fprintf(stderr, "%s: cannot find the pkttables client next to this shim: /proc/self/exe: %s\n", tool,
                strerror(errno));
        exit(4);
    }
    snprintf(perl_client, sizeof perl_client, "%s/pkttables-ctl", self);
    /* perl names the tool after $0, which is the script's path here: tell it the shim's name */
    if (strcmp(tool, "pkttables-shim")) {
        setenv("PKTTABLES_SHIM", original_argv[0], 1);
    }
    int argc = 0;
    while (original_argv[argc]) {
        argc++;
    }
    char **argv = calloc((size_t)argc + 3, sizeof *argv);
    if (!argv) {
        fprintf(stderr, "%s: out of memory\n", tool);
        exit(4);
    }
    argv[0] = "perl";
    argv[1] = perl_client;
    for (int i = 1; i < argc; i++) {
        argv[i + 1] = original_argv[i];
    }
    execv("/usr/bin/perl", argv);
    execvp("perl", argv);
    fprintf(stderr, "%s: cannot run the pkttables client %s with perl: %s\n", tool, perl_client, strerror(errno));
    exit(4);
}

/* The default socket as perl's default_socket finds it (from this file's real directory); 0: let perl. */
static int default_socket(void) {
    char self[PATH_MAX];
    if (!self_dir(self, sizeof self)) {
        return 0;
    }
    char probe[PATH_MAX + 64];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/../../share/pkttables/appliance.jar", self);
    if (stat(probe, &st) == 0 && S_ISREG(st.st_mode)) {
        socket_path = "/run/pkttables/pkttables.sock";
        return 1;
    }
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    if (xdg && *xdg && stat(xdg, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (strlen(xdg) > PATH_MAX) {
            return 0;
        }
        snprintf(socket_buf, sizeof socket_buf, "%s/pkttables.sock", xdg);
        socket_path = socket_buf;
        return 1;
    }
    const char *home = getenv("PKTTABLES_HOME");
    if (home && *home) {
        /* perl spells a relative or unnormalized home in its own way: leave those to it */
        if (home[0] != '/' || strstr(home, "/.") || strstr(home, "//") || strlen(home) > PATH_MAX) {
            return 0;
        }
        size_t l = strlen(home);
        snprintf(socket_buf, sizeof socket_buf, "%.*s/pkttables.sock", (int)(l > 1 && home[l - 1] == '/' ? l - 1 : l),
                 home);
    } else {
        char *slash = strrchr(self, '/');
        if (!slash) {
            return 0;
        }
        *slash = '\0';
        snprintf(socket_buf, sizeof socket_buf, "%s/run/pkttables.sock", *self ? self : "");
    }
    socket_path = socket_buf;
    return 1;
}

/* The answer cannot be read to its end: as perl's `broken`, exit 76. */
static void broken(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void broken(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: %s: ", tool, socket_path);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(76);
}

static void put_all(int fd, const unsigned char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return; /* our reader left (SIGPIPE ends us first where it is not ignored) */
        }
        p += w;
        n -= (size_t)w;
    }
}

static unsigned char *request;
static size_t request_len, request_cap;

static void frame(char tag, const void *payload, size_t n) {
    if (request_len + 5 + n > request_cap) {
        size_t cap = (request_cap ? request_cap * 2 : 4096) + 5 + n;
        unsigned char *r = realloc(request, cap);
        if (!r) {
            fprintf(stderr, "%s: out of memory\n", tool);
            exit(4);
        }
        request = r;
        request_cap = cap;
    }
    unsigned char *p = request + request_len;
    p[0] = (unsigned char)tag;
    p[1] = (unsigned char)(n >> 24);
    p[2] = (unsigned char)(n >> 16);
    p[3] = (unsigned char)(n >> 8);
    p[4] = (unsigned char)n;
    memcpy(p + 5, payload, n);
    request_len += 5 + n;
}

/* One or more ASCII digits. */
static int digits(const char *s) {
    if (!*s) {
        return 0;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return 0;
        }
    }
    return 1;
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const char *tag_name(unsigned char t) {
    static char b[8];
    if (t >= 0x21 && t < 0x7f) {
        snprintf(b, sizeof b, "'%c'", t);
    } else {
        snprintf(b, sizeof b, "0x%x", t);
    }
    return b;
}

int main(int argc, char **argv) {
    original_argv = argv;
    const char *name = strrchr(argv[0], '/');
    name = name ? name + 1 : argv[0];
    snprintf(tool, sizeof tool, "%s", name);
    /* iptables-nft -> iptables, as perl's $self */
    char *suffix = strstr(tool, "-nft");
    if (!suffix) {
        suffix = strstr(tool, "-legacy");
    }
    if (suffix) {
        size_t cut = suffix[1] == 'n' ? 4 : 7;
        if (suffix[cut] == '\0' || suffix[cut] == '-') {
            memmove(suffix, suffix + cut, strlen(suffix + cut) + 1);
        }
    }
    if (strcmp(tool, "iptables") && strcmp(tool, "ip6tables") && strcmp(tool, "arptables")) {
        hand_to_perl();
    }
    if (argc > MAX_ARGS) {
        hand_to_perl();
    }
    /* iptables' and ip6tables' -w/--wait [SECONDS] are the shims' own (there is no lock to take): left out of
     * the words; the seconds matter only when the appliance is busy, and then perl (which waits) has the call */
    static char skip[MAX_ARGS + 1];
    int waits = !strcmp(tool, "iptables") || !strcmp(tool, "ip6tables");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strlen(a) > MAX_FRAME) {
            hand_to_perl();
        }
        if (a[0] != '-') {
            continue;
        }
        if (waits && (!strcmp(a, "-w") || !strcmp(a, "--wait"))) {
            skip[i] = 1;
            if (i + 1 < argc && argv[i + 1][0] != '-' && argv[i + 1][0] != '!') {
                if (!digits(argv[i + 1])) {
                    hand_to_perl(); /* perl reads it as iptables does (sscanf %i) or says it is not numeric */
                }
                skip[++i] = 1;
            }
            continue;
        }
        if (waits && ((!strncmp(a, "--wait=", 7) && digits(a + 7)) || (a[1] == 'w' && digits(a + 2)))) {
            skip[i] = 1;
            continue;
        }
        if (a[1] == 'V' || a[1] == 'w' || a[1] == 'W' || !strncmp(a, "--wait", 6) || !strncmp(a, "--version", 9)) {
            hand_to_perl(); /* -V, -W/--wait-interval, a -w perl reads its own way */
        }
    }
    const char *env = getenv("PKTTABLES_SOCKET");
    if (env && *env) {
        socket_path = env;
    } else if (!default_socket()) {
        hand_to_perl();
    }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path) {
        hand_to_perl();
    }
    strcpy(addr.sun_path, socket_path);

    unsigned char magic[4] = {MAGIC >> 24, (MAGIC >> 16) & 0xff, (MAGIC >> 8) & 0xff, MAGIC & 0xff};
    frame('P', magic, 4);
    frame('A', tool, strlen(tool));
    for (int i = 1; i < argc; i++) {
        if (!skip[i]) {
            frame('A', argv[i], strlen(argv[i]));
        }
    }
    frame('G', "", 0);

    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        hand_to_perl(); /* it tries again and says why it cannot talk to the appliance */
    }
    const char *send_failed = NULL;
    char send_error[128];
    for (size_t sent = 0; sent < request_len;) {
        ssize_t n = send(fd, request + sent, request_len - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            /* the appliance may have answered and closed already (busy): read it */
            snprintf(send_error, sizeof send_error, "%s", strerror(errno));
            send_failed = send_error;
            break;
        }
        sent += (size_t)n;
    }

    static unsigned char in[(64u << 10) * 2 + 16];
    size_t have = 0;
    int busy = 0, ran = 0;
    for (;;) {
        while (have < 5 || have < 5 + (size_t)be32(in + 1)) {
            if (have >= 5 && be32(in + 1) > MAX_FRAME) {
                broken("the appliance broke the protocol: frame %s claims %lu bytes; frames are at most %u",
                       tag_name(in[0]), (unsigned long)be32(in + 1), MAX_FRAME);
            }
            ssize_t r = read(fd, in + have, sizeof in - have);
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0) {
                char why[256];
                if (r < 0) {
                    snprintf(why, sizeof why, "%s", strerror(errno));
                } else if (have == 0) {
                    snprintf(why, sizeof why, "end of stream");
                } else {
                    snprintf(why, sizeof why, "connection closed in the middle of a frame (%zu of %zu bytes)", have,
                             have < 5 ? (size_t)5 : 5 + (size_t)be32(in + 1));
                }
                broken("the appliance closed the connection before the command's exit code (%s%s%s)", why,
                       send_failed ? "; sending the request failed: " : "", send_failed ? send_failed : "");
            }
            have += (size_t)r;
        }
        unsigned char tag = in[0];
        size_t n = be32(in + 1);
        const unsigned char *payload = in + 5;
        if (tag == 'O') {
            put_all(1, payload, n);
            ran = 1;
        } else if (tag == 'E') {
            if (!ran && n >= strlen(BUSY_PREFIX) && !memcmp(payload, BUSY_PREFIX, strlen(BUSY_PREFIX))) {
                busy = 1; /* not printed: the shims' tools treat it as the xtables lock held */
            } else {
                put_all(2, payload, n);
                ran = 1;
            }
        } else if (tag == 'X') {
            if (n < 4) {
                broken("the appliance broke the protocol: frame of %zu bytes is too short for its number", n);
            }
            int exit_code = (int)(be32(payload) & 0xff);
            close(fd);
            if (busy && exit_code == EXIT_BUSY) {
                hand_to_perl(); /* nothing ran: perl asks again, and fails or waits as iptables does */
            }
            return exit_code;
        } else if (tag != 'K') { /* K: the appliance checks we are still here */
            if (tag && strchr("rwndc", tag)) {
                broken("the appliance asked for one of the caller's files (frame %s), which %s never opens",
                       tag_name(tag), tool);
            }
            broken("the appliance broke the protocol: unknown answer frame %s", tag_name(tag));
        }
        memmove(in, in + 5 + n, have - 5 - n);
        have -= 5 + n;
    }
}
