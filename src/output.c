/* output.c — temporary file + fsync + rename for regular files, direct writes for everything
 * else. Path strings are built on the heap at their real length: a long path can fail with
 * ENAMETOOLONG but is never cut short (a truncated temporary name could be the target itself). */
#include "src/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINKS 40  /* as the kernel's ELOOP limit */
#define TMP_PREFIX 64 /* bytes of the target's name kept in the temporary name */

static Status fail_errno(char *err, size_t errlen, Status st, const char *path, int e)
{
    if (err && errlen > 0)
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(e));
    return st;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* "dir" + "/" + "name", or NULL when out of memory. */
static char *join(const char *dir, size_t dirlen, const char *name)
{
    size_t n = strlen(name);
    char *s = malloc(dirlen + 1 + n + 1);
    if (s) {
        memcpy(s, dir, dirlen);
        s[dirlen] = '/';
        memcpy(s + dirlen + 1, name, n + 1);
    }
    return s;
}

/* Length of the directory part of path ("a/b/c" -> 3, "c" -> 0, "/c" -> 1). */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return 0;
    return slash == path ? 1 : (size_t)(slash - path);
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool is_special_name(const char *path);

/* path with every symbolic link of its last component followed: the file that is written.
 * The result may not exist (a new file, or a dangling link's target). NULL with errno set.
 * Names of open descriptors (is_special_name) stay as they are: their links (/dev/stdout ->
 * /proc/self/fd/1 -> "pipe:[...]") mean something only to the kernel. */
static char *resolve_links(const char *path)
{
    char *cur = dup_n(path, strlen(path));
    if (is_special_name(path))
        return cur;
    for (int hop = 0; cur && hop <= MAX_LINKS; hop++) {
        struct stat st;
        if (lstat(cur, &st) != 0) {
            if (errno == ENOENT)
                return cur;
            free(cur);
            return NULL;
        }
        if (!S_ISLNK(st.st_mode))
            return cur;
        size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : PATH_MAX;
        char *link = malloc(cap);
        ssize_t n = link ? readlink(cur, link, cap) : -1;
        if (n < 0 || (size_t)n >= cap) {
            int e = n < 0 ? errno : ENAMETOOLONG;
            free(link);
            free(cur);
            errno = e;
            return NULL;
        }
        link[n] = '\0';
        char *next;
        if (link[0] == '/' || !strchr(cur, '/'))
            next = dup_n(link, (size_t)n);
        else
            next = join(cur, dir_len(cur), link);
        free(link);
        free(cur);
        cur = next;
    }
    free(cur);
    errno = cur ? ELOOP : ENOMEM;
    return NULL;
}

bool output_is_stdout(const char *path)
{
    return strcmp(path, "-") == 0;
}

/* Names of open descriptors (/dev/stdout -> /proc/self/fd/1, /dev/fd/3) and anything under
 * /proc: written in place even when they lead to a regular file, which belongs to whoever opened
 * it (as a shell redirection would); their links mean something only to the kernel. */
static bool is_special_name(const char *path)
{
    static const char *const names[] = {"/dev/stdout", "/dev/stderr", "/dev/stdin"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(path, names[i]) == 0)
            return true;
    return strncmp(path, "/dev/fd/", 8) == 0 || strncmp(path, "/proc/", 6) == 0;
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

/* Creates "DIR/.NAME.XXXXXX" beside target with O_EXCL (mkstemp); returns the fd. */
static int temp_create(const char *target, char **tmp_out)
{
    size_t dl = dir_len(target);
    const char *base = base_of(target);
    size_t bl = strnlen(base, TMP_PREFIX);
    const char *dir = dl ? target : ".";
    if (!dl)
        dl = 1;
    char *tmp = malloc(dl + 2 + bl + 8 + 1);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(tmp, dir, dl);
    tmp[dl] = '/';
    tmp[dl + 1] = '.';
    memcpy(tmp + dl + 2, base, bl);
    memcpy(tmp + dl + 2 + bl, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    *tmp_out = tmp;
    return fd;
}

static void output_clear(Output *o)
{
    free(o->target);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

Status output_begin(Output *o, const char *path, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->name = path;
    if (!path || !*path) {
        if (err && errlen > 0)
            snprintf(err, errlen, "cannot write an output with an empty file name");
        return ST_INVAL;
    }
    if (output_is_stdout(path)) {
        o->is_stdout = true;
        o->f = stdout;
        return ST_OK;
    }
    o->target = resolve_links(path);
    if (!o->target)
        return fail_errno(err, errlen, ST_IO, path, errno);
    struct stat st;
    bool exists = stat(o->target, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        output_clear(o);
        return fail_errno(err, errlen, ST_IO, path, EISDIR);
    }
    if (is_special_name(path) || (exists && !S_ISREG(st.st_mode))) {
        /* No O_TRUNC surprises: devices and FIFOs ignore it; a regular file behind /dev/fd is
         * its opener's, written from where it is like a shell redirection would. */
        struct stat out;
        if (exists && fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == st.st_dev &&
            out.st_ino == st.st_ino && !S_ISCHR(st.st_mode)) {
            /* /dev/stdout into a file or pipe: share stdout's stream and offset, or the two
             * would overwrite each other. */
            free(o->target);
            o->target = NULL;
            o->is_stdout = true;
            o->f = stdout;
            return ST_OK;
        }
        o->f = fopen(path, "w");
        if (!o->f) {
            int e = errno;
            output_clear(o);
            return fail_errno(err, errlen, ST_IO, path, e);
        }
        return ST_OK;
    }
    int fd = temp_create(o->target, &o->tmp);
    if (fd < 0) {
        int e = errno;
        output_clear(o);
        return fail_errno(err, errlen, ST_IO, path, e);
    }
    if (exists) {
        o->replace_meta = true;
        o->mode = st.st_mode & 07777;
        o->uid = st.st_uid;
        o->gid = st.st_gid;
    } else {
        o->mode = 0666 & ~current_umask(); /* as a plain new file would get */
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        output_clear(o);
        return fail_errno(err, errlen, ST_IO, path, e);
    }
    return ST_OK;
}

Status output_commit(Output *o, char *err, size_t errlen)
{
    if (!o->f) {
        output_clear(o);
        return ST_OK;
    }
    int e = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        e = errno ? errno : EIO;
    if (o->is_stdout) {
        const char *name = o->name;
        output_clear(o);
        return e ? fail_errno(err, errlen, ST_IO, name, e) : ST_OK;
    }
    int fd = fileno(o->f);
    if (!e && o->tmp) {
        /* mkstemp made it 0600: give it the replaced file's mode (or a new file's), and its
         * owner when we may (root replacing another user's file). */
        if (fchmod(fd, o->mode) != 0)
            e = errno;
        if (!e && o->replace_meta && (o->uid != geteuid() || o->gid != getegid()))
            (void)!fchown(fd, o->uid, o->gid); /* EPERM as a user: the file becomes ours */
        if (!e && fsync(fd) != 0)
            e = errno; /* ENOSPC surfaces here with delayed allocation */
    }
    if (fclose(o->f) != 0 && !e)
        e = errno ? errno : EIO;
    o->f = NULL;
    if (!e && o->tmp && rename(o->tmp, o->target) != 0)
        e = errno;
    if (e) {
        const char *name = o->name;
        if (o->tmp)
            unlink(o->tmp);
        output_clear(o);
        return fail_errno(err, errlen, ST_IO, name, e);
    }
    output_clear(o);
    return ST_OK;
}

void output_abort(Output *o)
{
    if (o->f && !o->is_stdout)
        fclose(o->f);
    else if (o->f)
        fflush(o->f);
    if (o->tmp)
        unlink(o->tmp); /* the target keeps its old contents */
    output_clear(o);
}

/* ---- checks before a run ---- */

typedef struct {
    bool exists, is_char; /* is_char: a character device, e.g. /dev/null */
    dev_t dev;
    ino_t ino;
    char *canon; /* owned: the canonical name of a file that does not exist yet, or NULL */
} FileId;

/* Identifies what path would write. ST_IO with a message when it cannot be written. */
static Status output_id(const char *path, FileId *id, char *err, size_t errlen)
{
    memset(id, 0, sizeof *id);
    char *target = resolve_links(path);
    if (!target)
        return fail_errno(err, errlen, ST_IO, path, errno);
    struct stat st;
    Status rc = ST_OK;
    if (stat(target, &st) == 0) {
        id->exists = true;
        id->is_char = S_ISCHR(st.st_mode);
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        if (S_ISDIR(st.st_mode))
            rc = fail_errno(err, errlen, ST_IO, path, EISDIR);
        else if (is_special_name(path) || !S_ISREG(st.st_mode)) {
            if (access(target, W_OK) != 0)
                rc = fail_errno(err, errlen, ST_IO, path, errno);
        }
    } else if (errno != ENOENT) {
        rc = fail_errno(err, errlen, ST_IO, path, errno);
    } else {
        size_t dl = dir_len(target);
        char *dir = dl ? dup_n(target, dl) : dup_n(".", 1);
        char *real = dir ? realpath(dir, NULL) : NULL;
        if (!real) {
            int e = errno;
            if (err && errlen > 0)
                snprintf(err, errlen, "cannot write %s: directory %s: %s", path, dir ? dir : "?",
                         strerror(e));
            rc = ST_IO;
        } else {
            id->canon = join(real, strlen(real), base_of(target));
        }
        free(real);
        free(dir);
    }
    if (rc == ST_OK && !(id->exists && (is_special_name(path) || !S_ISREG(st.st_mode)))) {
        /* The real test of a directory: create and remove a temporary file there (access()
         * says yes to root on a read-only file system). */
        char *tmp = NULL;
        int fd = temp_create(target, &tmp);
        if (fd < 0) {
            rc = fail_errno(err, errlen, ST_IO, path, errno);
        } else {
            close(fd);
            unlink(tmp);
            free(tmp);
        }
    }
    free(target);
    if (rc != ST_OK)
        free(id->canon), id->canon = NULL;
    return rc;
}

static bool same_file(const FileId *a, const FileId *b)
{
    if (a->exists && b->exists)
        return a->dev == b->dev && a->ino == b->ino;
    return a->canon && b->canon && strcmp(a->canon, b->canon) == 0;
}

Status output_check(const OutputPath *outs, int n_outs, const OutputPath *ins, int n_ins, char *err,
                    size_t errlen)
{
    enum { MAX_OUTS = 16 };
    FileId ids[MAX_OUTS];
    int n = 0;
    Status rc = ST_OK;
    for (int i = 0; i < n_outs && i < MAX_OUTS && rc == ST_OK; i++) {
        if (output_is_stdout(outs[i].path)) {
            memset(&ids[n++], 0, sizeof ids[0]); /* stdout: nothing to compare by name */
            continue;
        }
        rc = output_id(outs[i].path, &ids[n], err, errlen);
        if (rc == ST_OK)
            n++;
    }
    for (int i = 0; i < n && rc == ST_OK; i++) {
        for (int j = 0; j < n_ins && rc == ST_OK; j++) {
            struct stat st;
            if (!ids[i].exists || stat(ins[j].path, &st) != 0)
                continue;
            if (st.st_dev == ids[i].dev && st.st_ino == ids[i].ino && !ids[i].is_char) {
                snprintf(err, errlen,
                         "%s %s is the same file as the %s %s: refusing to overwrite "
                         "an input",
                         outs[i].role, outs[i].path, ins[j].role, ins[j].path);
                rc = ST_INVAL;
            }
        }
        for (int j = 0; j < i && rc == ST_OK; j++) {
            bool both_stdout = output_is_stdout(outs[i].path) && output_is_stdout(outs[j].path);
            if (both_stdout || (same_file(&ids[i], &ids[j]) && !ids[i].is_char)) {
                snprintf(err, errlen,
                         "%s %s and %s %s are the same file: give each output its "
                         "own name",
                         outs[j].role, outs[j].path, outs[i].role, outs[i].path);
                rc = ST_INVAL;
            }
        }
    }
    for (int i = 0; i < n; i++)
        free(ids[i].canon);
    return rc;
}
