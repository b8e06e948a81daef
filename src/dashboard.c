/* dashboard.c — the interactive UI loop. The main thread owns curses: it reads keys, turns them
 * into trainer commands or view changes through the key table, copies the trainer's latest
 * snapshot when it changed, and draws at most ~30 frames a second (erase, draw every panel,
 * one doupdate). The terminal is restored on `q`, on SIGINT/SIGTERM/SIGHUP and on errors. */
#include "src/dashboard.h"

#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/clock.h"
#include "src/export.h"
#include "src/keys.h"
#include "src/report.h"
#include "src/term_check.h"
#include "src/trainer.h"
#include "ui/chart_build.h"
#include "ui/layout.h"
#include "ui/loss_shape.h"
#include "ui/term_draw.h"

#define FRAME_SECONDS (1.0 / 30.0)
#define MESSAGE_SECONDS 6.0

/* The one piece of global state: a signal handler can only talk to the loop through a flag. */
static volatile sig_atomic_t pending_signal;

static void on_signal(int sig)
{
    pending_signal = sig;
}

typedef struct {
    const AppConfig *cfg;
    Trainer trainer;
    Snapshot *snap; /* owned: the UI's copy of the latest published snapshot */
    uint64_t snap_seq, msg_seq, marks_seq;
    char message[256];
    double message_time;
    ChartView view;
    bool help;
    bool loss_card;
    bool boundary; /* show the decision-boundary panel when the data is 2-D */
    TermDraw *td;  /* owned */
    Figure fig;    /* the figure model the panels draw; rebuilt every frame */
    BoundaryMap boundary_map;
    LineChart card_value, card_grad; /* the loss card's charts */
    LossShapes shapes; /* for the loss card; recomputed when the class count changes */
    Layout layout;
    KeyCodes codes;
    int pace; /* steps per second asked of the trainer, 0 = max */
    /* the loss group shown (core/loss.h), -1 = every loss */
    int group;
} Dashboard;

static void set_message(Dashboard *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
    d->message_time = clock_now();
}

/* ---- drawing ---- */

/* Terminal columns of a UTF-8 string (every character here is one column wide). */
static int text_cols(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void draw_title(Dashboard *d, LayoutRect r)
{
    const Snapshot *s = d->snap;
    WINDOW *w = stdscr;
    const bool fresh = d->message[0] && clock_now() - d->message_time < MESSAGE_SECONDS;
    char left[256], pace[16];
    keys_pace_text(d->pace, pace, sizeof pace);
    char view[80] = "";
    if (d->view.screen != FIGURE_DASHBOARD)
        snprintf(view, sizeof view, "%s · ", figure_kind_info(d->view.screen)->name);
    if (d->group >= 0) /* the loss group shown (`g`) */
        snprintf(view + strlen(view), sizeof view - strlen(view), "%s · ",
                 loss_group(d->group)->name);
    snprintf(left, sizeof left,
             " lossarena  %s%s · %d losses · step %ld · epoch %.1f · %.0f steps/s · pace %s ", view,
             s->dataset, s->n_models, s->step, s->epoch, s->steps_per_sec, pace);
    /* Narrow, or a message to show: keep what changes, drop what the legend shows anyway. */
    if (fresh || text_cols(left) + 22 > r.w)
        snprintf(left, sizeof left, " %s%s · step %ld · ep %.1f · %.0f/s · pace %s ", view,
                 s->dataset, s->step, s->epoch, s->steps_per_sec, pace);
    term_draw_style(d->td, w, TERM_UI_TITLE);
    int used = term_draw_text(d->td, w, r.y, r.x, r.w, left);
    term_draw_style(d->td, w, s->running ? TERM_UI_GOOD : TERM_UI_WARN);
    used += term_draw_text(d->td, w, r.y, r.x + used, r.w - used,
                           s->running ? "running " : "paused (space: run) ");
    term_draw_style(d->td, w, fresh ? TERM_UI_WARN : TERM_UI_MUTED);
    const char *right = fresh ? d->message : "? help  q quit";
    int room = r.w - used - 1;
    if (room > 8) {
        int len = text_cols(right);
        int x = len < room ? r.x + r.w - len - 1 : r.x + used + 1;
        term_draw_text(d->td, w, r.y, x, room, right);
    }
    wattrset(w, A_NORMAL);
}

static void draw_status(Dashboard *d, LayoutRect r)
{
    const Snapshot *s = d->snap;
    const ArenaConfig *c = &s->cfg;
    char arch[96];
    chart_arch_text(arch, sizeof arch, s->dim, c, s->k);
    char line[512];
    snprintf(line, sizeof line,
             " %s %dcl | %s | %s lr %g | batch %d | label noise %.0f%% | input noise %g | "
             "seed %llu | step %ld ep %.1f | %.0f/s | %s",
             s->dataset, s->k, arch, optim_name(c->opt.kind), c->opt.lr, c->batch,
             100.0 * c->label_noise, c->input_noise, (unsigned long long)c->seed, s->step, s->epoch,
             s->steps_per_sec, s->running ? "running" : "paused");
    if (text_cols(line) > r.w)
        snprintf(line, sizeof line,
                 " %s | %s | %s lr %g | b%d | noise L%.0f%% I%g | seed %llu | %s", s->dataset, arch,
                 optim_name(c->opt.kind), c->opt.lr, c->batch, 100.0 * c->label_noise,
                 c->input_noise, (unsigned long long)c->seed, s->running ? "running" : "paused");
    wattrset(stdscr, A_REVERSE);
    mvwhline(stdscr, r.y, r.x, ' ', r.w);
    term_draw_text(d->td, stdscr, r.y, r.x, r.w, line);
    wattrset(stdscr, A_NORMAL);
}

/* A framed, cleared box. Frames are plain text (box-drawing characters, or + - | in ASCII
 * mode) rather than ACS line graphics, which some terminal/TERM pairs render as letters. */
static void draw_box(Dashboard *d, LayoutRect box, const char *title)
{
    const int x0 = box.x, y0 = box.y, bw = box.w, bh = box.h;
    const bool ascii = d->td->ascii;
    term_draw_clear(d->td, stdscr, box);
    term_draw_style(d->td, stdscr, TERM_UI_AXIS);
    for (int x = x0 + 1; x < x0 + bw - 1; x++) {
        mvwaddstr(stdscr, y0, x, ascii ? "-" : "\u2500");
        mvwaddstr(stdscr, y0 + bh - 1, x, ascii ? "-" : "\u2500");
    }
    for (int y = y0 + 1; y < y0 + bh - 1; y++) {
        mvwaddstr(stdscr, y, x0, ascii ? "|" : "\u2502");
        mvwaddstr(stdscr, y, x0 + bw - 1, ascii ? "|" : "\u2502");
    }
    mvwaddstr(stdscr, y0, x0, ascii ? "+" : "\u250c");
    mvwaddstr(stdscr, y0, x0 + bw - 1, ascii ? "+" : "\u2510");
    mvwaddstr(stdscr, y0 + bh - 1, x0, ascii ? "+" : "\u2514");
    mvwaddstr(stdscr, y0 + bh - 1, x0 + bw - 1, ascii ? "+" : "\u2518");
    term_draw_style(d->td, stdscr, TERM_UI_TITLE);
    term_draw_text(d->td, stdscr, y0, x0 + 2, bw - 4, title);
    wattrset(stdscr, A_NORMAL);
}

static void draw_help(Dashboard *d, int W, int H)
{
    int n;
    const KeyBinding *t = keys_table(&n);
    int rows = 0;
    for (int i = 0; i < n; i++)
        rows += t[i].keys[0] != '\0';
    int cols = rows + 4 <= H - 2 ? 1 : 2;
    int per_col = (rows + cols - 1) / cols;
    int bw = cols * 40 + 2, bh = per_col + 4;
    if (bw > W)
        bw = W;
    if (bh > H)
        bh = H;
    const int col_w = (bw - 2) / cols;
    int x0 = (W - bw) / 2, y0 = (H - bh) / 2;
    draw_box(d, (LayoutRect){x0, y0, bw, bh}, " keys — any key closes this help ");
    int row = 0;
    for (int i = 0; i < n; i++) {
        if (t[i].keys[0] == '\0')
            continue;
        int c = row / per_col, y = y0 + 2 + row % per_col, x = x0 + 2 + c * col_w;
        row++;
        if (y >= y0 + bh - 1)
            continue;
        term_draw_style(d->td, stdscr, TERM_UI_TITLE);
        term_draw_text(d->td, stdscr, y, x, 12, t[i].keys);
        term_draw_style(d->td, stdscr, TERM_UI_TEXT);
        term_draw_text(d->td, stdscr, y, x + 13, col_w - 15, t[i].help);
    }
    wattrset(stdscr, A_NORMAL);
}

/* The focused loss explained: its formula and gradient as text, and its shape and gradient
 * against the margin, computed by the same code that trains. */
static void draw_loss_card(Dashboard *d, int W, int H)
{
    const Snapshot *s = d->snap;
    int m = d->view.focused >= 0 ? d->view.focused : 0;
    if (d->shapes.k != s->k)
        loss_shapes_compute(&d->shapes, s->k);
    const LossDef *def = loss_def(s->models[m].loss);
    LayoutRect box = {2, 1, W - 4, H - 2};
    if (box.w > 120) {
        box.x = (W - 120) / 2;
        box.w = 120;
    }
    draw_box(d, box, " loss card — Tab / 1-9 choose the loss, any other key closes ");
    char line[512];
    int x = box.x + 2, y = box.y + 1, w = box.w - 4;
    const LossStyle *style = loss_style(def->id);
    term_draw_color_style(d->td, stdscr, style->color, true);
    snprintf(line, sizeof line, "%c  %s — %s (%s)", style->letter, def->symbol, def->name,
             def->key);
    term_draw_text(d->td, stdscr, y++, x, w, line);
    term_draw_style(d->td, stdscr, TERM_UI_TEXT);
    snprintf(line, sizeof line, "ℓ = %s", def->formula);
    term_draw_text(d->td, stdscr, y++, x, w, line);
    snprintf(line, sizeof line, "dℓ/do_i = %s", def->gradient);
    term_draw_text(d->td, stdscr, y++, x, w, line);
    term_draw_style(d->td, stdscr, TERM_UI_MUTED);
    snprintf(line, sizeof line, "acts on %s · %s · p = softmax(o), c = true class, ŷ = 2y − 1",
             def->on_softmax ? "the softmax p" : "the raw outputs o",
             def->bounded ? "bounded" : "unbounded");
    term_draw_text(d->td, stdscr, y++, x, w, line);
    LayoutRect left = {x, y + 1, w / 2 - 1, box.y + box.h - 1 - (y + 1)};
    LayoutRect right = {x + w / 2 + 1, y + 1, w - w / 2 - 1, left.h};
    if (left.h < 6 || left.w < 24)
        return;
    int tx, ty;
    term_draw_chart_ticks(left, &tx, &ty);
    chart_build_loss_shape(&d->card_value, &d->shapes, s, m, false, tx, ty);
    term_draw_line_chart(d->td, stdscr, left, &d->card_value);
    chart_build_loss_shape(&d->card_grad, &d->shapes, s, m, true, tx, ty);
    term_draw_line_chart(d->td, stdscr, right, &d->card_grad);
}

/* The dashboard view: loss and accuracy charts, legend, margins, the focused boundary. */
static void draw_dashboard(Dashboard *d, const Layout *l)
{
    term_draw_line_chart(d->td, stdscr, l->panel[LAYOUT_LOSS], &d->fig.loss);
    term_draw_line_chart(d->td, stdscr, l->panel[LAYOUT_ACCURACY], &d->fig.accuracy);
    term_draw_legend(d->td, stdscr, l->panel[LAYOUT_LEGEND], &d->fig.legend);
    if (!layout_rect_empty(l->panel[LAYOUT_MARGINS]))
        term_draw_hist_chart(d->td, stdscr, l->panel[LAYOUT_MARGINS], &d->fig.margins,
                             l->margins_beside_legend);
    if (!layout_rect_empty(l->panel[LAYOUT_BOUNDARY])) {
        chart_build_boundary(&d->boundary_map, d->snap, d->view.focused >= 0 ? d->view.focused : 0);
        term_draw_boundary(d->td, stdscr, l->panel[LAYOUT_BOUNDARY], &d->boundary_map);
    }
}

/* Any other view: its figure's panels share the view area, stacked in panel order, beside (or
 * over) the legend. */
static void draw_view(Dashboard *d, const Layout *l)
{
    static const unsigned order[] = {PANEL_LOSS, PANEL_ACCURACY, PANEL_MARGINS, PANEL_BOUNDARIES};
    const int n_order = (int)(sizeof order / sizeof order[0]);
    LayoutRect area = l->panel[LAYOUT_VIEW];
    int n = 0;
    for (int i = 0; i < n_order; i++)
        n += (d->fig.panels & order[i]) != 0;
    for (int i = 0, k = 0; i < n_order && n > 0; i++) {
        if (!(d->fig.panels & order[i]))
            continue;
        int y0 = area.y + area.h * k / n, y1 = area.y + area.h * (k + 1) / n;
        LayoutRect r = {area.x, y0, area.w, y1 - y0};
        k++;
        switch (order[i]) {
        case PANEL_LOSS:
            term_draw_line_chart(d->td, stdscr, r, &d->fig.loss);
            break;
        case PANEL_ACCURACY:
            term_draw_line_chart(d->td, stdscr, r, &d->fig.accuracy);
            break;
        case PANEL_MARGINS:
            term_draw_hist_chart(d->td, stdscr, r, &d->fig.margins, false);
            break;
        case PANEL_BOUNDARIES:
            term_draw_boundaries(d->td, stdscr, r, &d->fig.boundaries);
            break;
        }
    }
    term_draw_legend(d->td, stdscr, l->panel[LAYOUT_LEGEND], &d->fig.legend);
}

static void draw_frame(Dashboard *d)
{
    int H, W;
    getmaxyx(stdscr, H, W);
    werase(stdscr);
    Layout *l = &d->layout;
    const bool dashboard = d->view.screen == FIGURE_DASHBOARD;
    if (dashboard)
        layout_compute(l, W, H, d->snap->n_models, d->boundary && d->snap->has_grid);
    else
        layout_compute_view(l, W, H, d->snap->n_models);
    if (l->too_small) {
        term_draw_too_small(d->td, stdscr, W, H, l->need_w, l->need_h);
    } else {
        /* the same model the PNG and SVG exports draw (src/export.c builds it the same way) */
        figure_build(&d->fig, d->snap, &d->view, d->view.screen);
        draw_title(d, l->panel[LAYOUT_TITLE]);
        if (dashboard)
            draw_dashboard(d, l);
        else
            draw_view(d, l);
        draw_status(d, l->panel[LAYOUT_STATUS]);
        if (d->loss_card)
            draw_loss_card(d, W, H);
        if (d->help)
            draw_help(d, W, H);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- input ---- */

/* `p` writes a PNG (or what --export names), `P` an SVG of the same name beside it. */
static void take_snapshot(Dashboard *d, bool svg)
{
    char png[4096], path[4096], err[512];
    if (d->cfg->export_path)
        export_numbered_path(d->cfg->export_path, d->snap->step, png, sizeof png);
    else
        snprintf(png, sizeof png, "lossarena-step%06ld.png", d->snap->step);
    if (svg)
        export_svg_path(png, path, sizeof path);
    else
        snprintf(path, sizeof path, "%s", png);
    if (export_figure(d->cfg, d->snap, &d->view, path, err, sizeof err) == ST_OK)
        set_message(d, "snapshot written: %s", path);
    else
        set_message(d, "snapshot failed: %s", err);
}

static void send(Dashboard *d, CommandKind kind, double arg)
{
    if (!trainer_send(&d->trainer, (Command){kind, arg}))
        set_message(d, "busy: key ignored, try again");
}

static void focus(Dashboard *d, int m)
{
    int n = d->snap->n_models;
    if (n == 0)
        return;
    d->view.focused = ((m % n) + n) % n;
    set_message(d, "focus: %s", loss_def(d->snap->models[d->view.focused].loss)->key);
}

static void click(Dashboard *d)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return;
    LayoutRect r = d->layout.panel[LAYOUT_LEGEND];
    int row = ev.y - r.y - 1;
    if (ev.x >= r.x && ev.x < r.x + r.w && row >= 0 && row < d->snap->n_models)
        focus(d, row);
}

static void time_axis_message(Dashboard *d)
{
    char num[16];
    time_steps_text(num, sizeof num, d->view.time_window);
    if (d->view.time_axis == TIME_AXIS_LOG)
        set_message(d, "step axis: log, from step 1");
    else if (d->view.time_axis == TIME_AXIS_WINDOW)
        set_message(d, "step axis: last %s steps ({ } fewer / more)", num);
    else
        set_message(d, "step axis: the whole history");
}

/* `g`: the next loss group that has a model in this run, after the last one every loss
 * again; the others keep training, hidden (ChartView.hidden). */
static void next_group(Dashboard *d)
{
    const Snapshot *s = d->snap;
    int g = d->group + 1;
    for (; g < LOSS_GROUP_COUNT; g++) {
        const LossGroup *lg = loss_group(g);
        int present = 0;
        for (int m = 0; m < s->n_models; m++)
            for (int i = 0; i < lg->n; i++)
                present += s->models[m].loss == lg->ids[i];
        if (present > 0)
            break;
    }
    d->group = g < LOSS_GROUP_COUNT ? g : -1;
    int shown = 0;
    char names[160] = "";
    size_t pos = 0;
    for (int m = 0; m < s->n_models && m < ARENA_MAX_MODELS; m++) {
        bool in = d->group < 0;
        for (int i = 0; !in && i < loss_group(d->group)->n; i++)
            in = s->models[m].loss == loss_group(d->group)->ids[i];
        d->view.hidden[m] = !in;
        if (in && pos < sizeof names) {
            int w = snprintf(names + pos, sizeof names - pos, "%s%s", shown ? ", " : "",
                             loss_def(s->models[m].loss)->key);
            pos += w > 0 ? (size_t)w : 0;
        }
        shown += in;
    }
    if (d->group < 0)
        set_message(d, "group: all %d losses shown", shown);
    else
        set_message(d, "group %s: %s (%d others train on, hidden)", loss_group(d->group)->name,
                    names, s->n_models - shown);
}

/* Returns false when the user asked to quit. */
static bool handle_key(Dashboard *d, int ch)
{
    if (d->help) { /* any key closes the help */
        d->help = false;
        return true;
    }
    if (d->loss_card) { /* focus keys pick the loss shown; any other key closes the card */
        Action a = keys_action(&d->codes, ch);
        if (a != ACTION_FOCUS_NEXT && a != ACTION_FOCUS_PREV && a != ACTION_FOCUS_DIGIT) {
            d->loss_card = false;
            return true;
        }
    }
    if (ch == KEY_MOUSE) {
        click(d);
        return true;
    }
    int f = d->view.focused;
    const KeyBinding *b = keys_lookup(&d->codes, ch);
    switch (b ? b->action : ACTION_NONE) {
    case ACTION_NONE:
        set_message(d, "unbound key (press ? for help)");
        break;
    case ACTION_TRAIN:
        send(d, b->cmd.kind, b->cmd.arg);
        break;
    case ACTION_FOCUS_NEXT:
        focus(d, f + 1);
        break;
    case ACTION_FOCUS_PREV:
        focus(d, f < 0 ? -1 : f - 1);
        break;
    case ACTION_FOCUS_DIGIT: {
        int m = ch == '0' ? 9 : ch - '1';
        if (m < d->snap->n_models)
            focus(d, m);
        else
            set_message(d, "no model %d", m + 1);
        break;
    }
    case ACTION_HIDE:
        if (f < 0) {
            set_message(d, "focus a model first (Tab or 1-9)");
        } else {
            d->view.hidden[f] = !d->view.hidden[f];
            set_message(d, "%s %s", loss_def(d->snap->models[f].loss)->key,
                        d->view.hidden[f] ? "hidden" : "shown");
        }
        break;
    case ACTION_LOG_Y:
        d->view.log_y = !d->view.log_y;
        set_message(d, "loss axis: %s", d->view.log_y ? "log" : "linear");
        break;
    case ACTION_NORMALISE:
        d->view.normalise = !d->view.normalise;
        set_message(d, "loss curves %s",
                    d->view.normalise ? "divided by their first value" : "as measured");
        break;
    case ACTION_BOUNDARY:
        d->boundary = !d->boundary;
        set_message(d,
                    d->snap->has_grid ? "decision boundary %s"
                                      : "decision boundary: only for 2-D data (%s)",
                    d->boundary ? "on" : "off");
        break;
    case ACTION_LOSS_CARD:
        d->loss_card = true;
        break;
    case ACTION_VIEW_NEXT: {
        d->view.screen = figure_kind_next_view(d->view.screen, +1);
        const FigureKindInfo *k = figure_kind_info(d->view.screen);
        set_message(d, "view: %s — %s", k->name, k->shows);
        break;
    }
    case ACTION_SNAPSHOT:
    case ACTION_SNAPSHOT_SVG:
        take_snapshot(d, b->action == ACTION_SNAPSHOT_SVG);
        break;
    case ACTION_PACE_SLOWER:
    case ACTION_PACE_FASTER: {
        d->pace = keys_pace_step(d->pace, b->action == ACTION_PACE_FASTER ? 1 : -1);
        char pace[16];
        keys_pace_text(d->pace, pace, sizeof pace);
        send(d, CMD_PACE, d->pace);
        set_message(d, "pace %s", d->pace > 0 ? pace : "max (as fast as it goes)");
        break;
    }
    case ACTION_TIME_AXIS:
        d->view.time_axis = (TimeAxis)((d->view.time_axis + 1) % TIME_AXIS_COUNT);
        time_axis_message(d);
        break;
    case ACTION_WINDOW_LESS:
    case ACTION_WINDOW_MORE:
        if (d->view.time_axis == TIME_AXIS_WINDOW) /* the first press only switches to it */
            d->view.time_window =
                time_window_step(d->view.time_window, b->action == ACTION_WINDOW_MORE ? 1 : -1);
        d->view.time_axis = TIME_AXIS_WINDOW;
        time_axis_message(d);
        break;
    case ACTION_SMOOTH:
        d->view.smooth = !d->view.smooth;
        if (d->view.smooth)
            set_message(d, "curves smoothed: EMA %.1f, debiased; raw curves faint, legend raw",
                        (double)CHART_EMA_BETA);
        else
            set_message(d, "curves as measured (not smoothed)");
        break;
    case ACTION_GROUP_NEXT:
        next_group(d);
        break;
    case ACTION_HELP:
        d->help = true;
        break;
    case ACTION_REDRAW:
        clearok(curscr, TRUE);
        break;
    case ACTION_QUIT:
        return false;
    }
    return true;
}

/* ---- lifetime ---- */

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void caps_for(const AppConfig *cfg, TermCaps *caps)
{
    TermCapsInput in;
    term_caps_from_env(&in);
    static const TermGlyph glyphs[] = {TERM_GLYPH_AUTO, TERM_GLYPH_UTF8, TERM_GLYPH_ASCII};
    static const TermColor colors[] = {TERM_COLOR_AUTO, TERM_COLOR_TRUE, TERM_COLOR_256,
                                       TERM_COLOR_8, TERM_COLOR_MONO};
    in.force_glyph = glyphs[cfg->glyphs];
    in.force_color = colors[cfg->colors];
    in.colors = -1; /* COLORS is known only after start_color(): term_draw_init caps the mode */
    term_caps_decide(caps, &in);
}

/* The terminal, checked before any thread starts (src/term_check.h), then opened with newterm,
 * which returns NULL instead of exiting as initscr would. NULL after one line on stderr. */
static SCREEN *open_terminal(void)
{
    char msg[256];
    if (!term_check(msg, sizeof msg)) {
        fprintf(stderr, "lossarena: %s\n", msg);
        return NULL;
    }
    setlocale(LC_ALL, "");
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr)
        fprintf(stderr, "lossarena: cannot open the terminal '%s'\n", getenv("TERM"));
    return scr;
}

int dashboard_run(const AppConfig *cfg)
{
    char err[512];
    SCREEN *scr = open_terminal();
    if (!scr)
        return 2;
    Dashboard *d = calloc(1, sizeof *d);
    if (!d || !(d->snap = calloc(1, sizeof *d->snap)) || !(d->td = calloc(1, sizeof *d->td))) {
        endwin();
        delscreen(scr);
        fprintf(stderr, "lossarena: out of memory\n");
        if (d)
            free(d->snap);
        free(d);
        return 1;
    }
    d->cfg = cfg;
    d->view.focused = -1;
    d->view.target_acc = cfg->target_acc;
    d->view.time_axis = (TimeAxis)cfg->time_axis;
    d->view.time_window = cfg->time_window > 0 ? cfg->time_window : TIME_WINDOW_DEFAULT;
    d->group = -1;
    d->boundary = true;
    int rc = trainer_start(&d->trainer, cfg, err, sizeof err);
    if (rc != 0) {
        endwin();
        fprintf(stderr, "lossarena: %s\n", err);
        goto out;
    }
    trainer_poll(&d->trainer, d->snap, &d->snap_seq, d->message, sizeof d->message, &d->msg_seq);
    d->pace = d->trainer.pace; /* resolved for the data; only CMD_PACE changes it later */
    /* Lower this (UI) thread's priority only: on two cores the training threads then keep
     * their cores and a frame waits a little instead; Linux applies it per thread, and the
     * trainer threads were started above with the old value. */
    if (setpriority(PRIO_PROCESS, 0, 10) != 0)
        set_message(d, "note: could not lower the UI thread's priority");

    install_signals();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
    mouseinterval(0);
    TermCaps caps;
    caps_for(cfg, &caps);
    term_draw_init(d->td, &caps);
    d->codes = (KeyCodes){
        .btab = KEY_BTAB, .up = KEY_UP, .down = KEY_DOWN, .left = KEY_LEFT, .right = KEY_RIGHT};
    set_message(d, "space runs, ? shows every key");

    bool dirty = true;
    double last_frame = 0.0;
    while (!pending_signal) {
        /* Sleep in getch until the next frame is due, or a whole frame when there is nothing
         * to draw yet: never a zero timeout, which would spin and steal a training core. */
        double wait = FRAME_SECONDS - (clock_now() - last_frame);
        if (!dirty || wait <= 0.0)
            wait = dirty ? 0.001 : FRAME_SECONDS;
        wtimeout(stdscr, (int)(wait * 1000) + 1);
        int ch = wgetch(stdscr);
        if (ch == KEY_RESIZE) {
            dirty = true;
        } else if (ch != ERR) {
            if (!handle_key(d, ch))
                break;
            dirty = true;
        }
        uint64_t msg_seq = d->msg_seq;
        dirty |= trainer_poll(&d->trainer, d->snap, &d->snap_seq, d->message, sizeof d->message,
                              &d->msg_seq);
        if (d->msg_seq != msg_seq)
            d->message_time = clock_now();
        dirty |= trainer_poll_marks(&d->trainer, &d->view, &d->marks_seq);
        double now = clock_now();
        if (dirty && now - last_frame >= FRAME_SECONDS) {
            draw_frame(d);
            last_frame = now;
            dirty = false;
        }
    }
    endwin(); /* the terminal restored before anything is printed */
    rc = pending_signal ? 128 + pending_signal : 0;
out:
    /* after endwin: a CSV that could not be written is reported on the restored terminal */
    if (trainer_stop(&d->trainer, err, sizeof err) != 0 && rc == 0) {
        fprintf(stderr, "lossarena: %s\n", err);
        rc = 1;
    }
    delscreen(scr); /* after endwin: frees what curses holds for the screen */
    free(d->td);
    free(d->snap);
    free(d);
    return rc;
}
