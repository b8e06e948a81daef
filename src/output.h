/* output.h — every file the program writes (CSV, PNG, SVG, summaries) goes through here, so
 * that no output ever destroys what its path points at.
 *
 * - A regular file (or a name that does not exist yet) is written under a fresh temporary name
 *   in the same directory (created O_EXCL, so nothing planted there is followed), flushed to
 *   disk and renamed onto the target on commit; the replaced file's mode (and, when allowed,
 *   owner) is kept. A failed or aborted output leaves the old file untouched and no temporary.
 * - A symbolic link is followed: its target is written, the link stays.
 * - "-" is stdout; a character or block device, a FIFO or a socket (and anything under /dev or
 *   /proc, e.g. /dev/stdout) is written directly, never replaced.
 * Before a run starts, output_check refuses an output that is also an input or another output
 * (same st_dev/st_ino, or the same name once resolved for paths that do not exist yet) and one
 * whose directory cannot be written. Prints nothing, never exits; messages name the path. */
#ifndef LOSSARENA_SRC_OUTPUT_H
#define LOSSARENA_SRC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/status.h"

typedef struct {
    FILE *f;          /* the stream to write; owned while open (stdout: borrowed) */
    const char *name; /* borrowed: the path as given, for messages; valid until commit/abort */
    char *target;     /* owned: the file written, symlinks resolved */
    char *tmp;        /* owned: the temporary name beside target; NULL when written directly */
    bool is_stdout;
    bool replace_meta; /* commit copies mode/owner below onto the new file */
    mode_t mode;
    uid_t uid;
    gid_t gid;
} Output;

/* Opens an output for path. ST_IO (cannot create, a directory, ...) or ST_INVAL (empty name)
 * with one line in err. On success write to o->f, then output_commit or output_abort. */
Status output_begin(Output *o, const char *path, char *err, size_t errlen);
/* Flushes, syncs and closes; a temporary file is renamed into place. Any failed write shows
 * here: ST_IO with a message naming the path and the cause, and nothing left behind. Safe on a
 * zeroed Output (ST_OK). */
Status output_commit(Output *o, char *err, size_t errlen);
/* Closes and removes the temporary file; the target keeps its old contents. Safe on a zeroed
 * or committed Output. */
void output_abort(Output *o);
/* Only for stdout-like direct streams: true when path means the process's stdout. */
bool output_is_stdout(const char *path);

/* One path of the run and what it is, for output_check's messages ("--csv", "dataset"). */
typedef struct {
    const char *path; /* borrowed */
    const char *role; /* borrowed */
} OutputPath;

/* Before anything runs: ST_INVAL when an output is the same file as an input or as another
 * output, ST_IO when an output cannot be written (its directory is missing or not writable, it
 * is a directory, ...). Inputs that do not exist are ignored (their loader reports them). */
Status output_check(const OutputPath *outs, int n_outs, const OutputPath *ins, int n_ins, char *err,
                    size_t errlen);

#endif
