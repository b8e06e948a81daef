/* keys.h — the dashboard's key table. Each binding carries what it does: a trainer command with
 * its argument, or a view action. One table dispatches key presses and generates the `?` help
 * overlay, so the help can never drift from the real bindings. Pure data: no curses calls here
 * (key codes are plain ints; curses KEY_* values are passed in by the caller). */
#ifndef LOSSARENA_SRC_KEYS_H
#define LOSSARENA_SRC_KEYS_H

#include <stdbool.h>

#include "src/trainer.h"

typedef enum {
    ACTION_NONE,
    ACTION_TRAIN, /* send the binding's command to the trainer */
    ACTION_FOCUS_NEXT,
    ACTION_FOCUS_PREV,
    ACTION_FOCUS_DIGIT, /* the digit itself picks the model: 1..9, 0 = 10 */
    ACTION_HIDE,
    ACTION_LOG_Y,
    ACTION_NORMALISE,
    ACTION_BOUNDARY,
    ACTION_LOSS_CARD,
    ACTION_VIEW_NEXT,    /* `v`: the next view of the figure kinds table (ui/figure_kinds.h) */
    ACTION_SNAPSHOT,     /* `p`: a PNG of what is on screen */
    ACTION_SNAPSHOT_SVG, /* `P`: an SVG beside it */
    ACTION_PACE_SLOWER,  /* `<` `,`: one step down the pace ladder */
    ACTION_PACE_FASTER,  /* `>` `.`: one step up */
    ACTION_TIME_AXIS,    /* `t`: step axis whole history → log → last N steps */
    ACTION_WINDOW_LESS,  /* `{`: a window of fewer steps */
    ACTION_WINDOW_MORE,  /* `}`: a window of more steps */
    ACTION_SMOOTH,       /* `e`: curves as their debiased EMA, raw ones faint */
    ACTION_GROUP_NEXT,   /* `g`: show the next loss group only (others keep training) */
    ACTION_HELP,
    ACTION_REDRAW,
    ACTION_QUIT,
} Action;

typedef struct {
    int codes[4];     /* key codes that trigger it; 0 ends the list */
    const char *keys; /* how the help shows them, e.g. "+ / -" */
    const char *help;
    Action action;
    Command cmd; /* ACTION_TRAIN: the command and its argument */
} KeyBinding;

/* Codes of the special keys, supplied by the curses side so this module stays pure. */
typedef struct {
    int btab, up, down, left, right;
} KeyCodes;

/* The table, in help order; *n receives its length. Static storage. Rows with an empty
 * `keys` continue the row above in the help (same action, more codes). */
const KeyBinding *keys_table(int *n);
/* The binding of code, or NULL when the key is unbound. */
const KeyBinding *keys_lookup(const KeyCodes *codes, int code);
/* Its action, ACTION_NONE when unbound. */
Action keys_action(const KeyCodes *codes, int code);

/* The pace ladder 1, 3, 10, 30, 100, 300, 1000, max (0): the pace dir (+1 faster, -1 slower)
 * steps from pace, which need not be on the ladder (--pace 50 goes to 100 or 30). Stays at the
 * ends. */
int keys_pace_step(int pace, int dir);
/* "30/s" or "max" into buf. */
void keys_pace_text(int pace, char *buf, int n);

#endif
