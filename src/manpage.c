#include "src/manpage.h"

#include <string.h>

#include "src/cli.h"
#include "src/keys.h"

/* Text for roff: backslashes escaped, hyphens as \- (so they copy-paste as ASCII), and a line
 * never starting with a control character. */
static void roff_text(FILE *out, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", out);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else
            fputc(*s, out);
    }
}

static void options_section(FILE *out)
{
    fputs(".SH OPTIONS\n", out);
    const char *name, *metavar;
    char help[512];
    for (int i = 0; cli_option_at(i, &name, &metavar, help, sizeof help); i++) {
        fputs(".TP\n.B \\-\\-", out);
        roff_text(out, name);
        if (metavar) {
            fputs(" \\fI", out);
            roff_text(out, metavar);
            fputs("\\fR", out);
        }
        fputc('\n', out);
        roff_text(out, help);
        fputc('\n', out);
    }
}

static void keys_section(FILE *out)
{
    fputs(".SH KEYS\nIn the dashboard (also shown by \\fB?\\fR):\n", out);
    int n;
    const KeyBinding *t = keys_table(&n);
    for (int i = 0; i < n; i++) {
        if (!t[i].keys[0])
            continue; /* more codes of the row above */
        fputs(".TP\n.B ", out);
        roff_text(out, t[i].keys);
        fputc('\n', out);
        roff_text(out, t[i].help);
        fputc('\n', out);
    }
}

void manpage_write(FILE *out)
{
    fprintf(out, ".TH LOSSARENA 1 \"\" \"lossarena %s\" \"User Commands\"\n", LOSSARENA_VERSION);
    fputs(".SH NAME\nlossarena \\- twelve loss functions, one network, side by side\n"
          ".SH SYNOPSIS\n.B lossarena\n[\\fIOPTIONS\\fR]\n.br\n.B lossarena \\-\\-headless\n"
          "[\\fIOPTIONS\\fR]\n"
          ".SH DESCRIPTION\n"
          "\\fBlossarena\\fR trains several small neural-network classifiers side by side that "
          "differ only in their loss function (the twelve of Janocha & Czarnecki, 2017) and shows "
          "in the terminal, live, how each one learns. With \\fB\\-\\-headless\\fR it runs without "
          "a user interface: progress on standard error, a summary on standard output, metrics "
          "to \\fB\\-\\-csv\\fR and figures to \\fB\\-\\-export\\fR.\n",
          out);
    options_section(out);
    char losses[256];
    cli_loss_list(losses, sizeof losses);
    fputs(".SH LOSSES\nThe ids \\fB\\-\\-losses\\fR takes:\n", out);
    for (char *id = losses, *comma; id; id = comma ? comma + 1 : NULL) {
        comma = strchr(id, ',');
        if (comma)
            *comma = '\0';
        roff_text(out, id);
        fputs(comma ? ", " : "", out); /* room to break the line */
    }
    fputc('\n', out);
    keys_section(out);
    fputs(
        ".SH OUTPUTS\n"
        "A regular output file is written under a temporary name in its directory and renamed "
        "into place when complete; it keeps the mode of the file it replaces. A symbolic link "
        "is followed. \\fB\\-\\fR is standard output; devices and FIFOs are written directly. "
        "An output that is also an input, or another output, is refused before the run starts, "
        "as is one whose directory cannot be written.\n"
        ".SH MEMORY\n"
        "Before allocating, a run computes the memory its models and data need and refuses "
        "(exit status 2) beyond \\fB\\-\\-max\\-memory\\fR, by default three quarters of the "
        "memory the system reports available.\n"
        ".SH EXIT STATUS\n"
        ".TP\n.B 0\nsuccess\n"
        ".TP\n.B 1\nanother failure, e.g. an output that could not be written\n"
        ".TP\n.B 2\nbad usage or input, including a missing or unreadable input file; one line "
        "on standard error names the problem\n"
        ".TP\n.B 128+N\nstopped by signal N (SIGINT, SIGTERM, SIGHUP, SIGPIPE) after keeping what "
        "was done: in headless mode the CSV rows so far and a summary marked interrupted\n"
        ".SH ENVIRONMENT\n"
        ".TP\n.B TERM\nthe terminal type of the dashboard; unset or unknown is an error\n"
        ".TP\n.B NO_COLOR\nwhen set, the dashboard draws without colour\n",
        out);
}
