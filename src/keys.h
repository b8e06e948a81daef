/* keys.h — the dashboard's key table. One table both dispatches key presses and generates the
 * `?` help overlay, so the help can never drift from the real bindings. Pure data: no curses
 * calls here (key codes are plain ints; curses KEY_* values are passed in by the caller). */
#ifndef LOSSARENA_SRC_KEYS_H
#define LOSSARENA_SRC_KEYS_H

#include <stdbool.h>

typedef enum {
    ACTION_NONE,
    ACTION_RUN_TOGGLE,
    ACTION_STEP,
    ACTION_RESET,
    ACTION_RESEED,
    ACTION_LR_UP,
    ACTION_LR_DOWN,
    ACTION_BATCH_DOWN,
    ACTION_BATCH_UP,
    ACTION_OPTIMIZER,
    ACTION_ACTIVATION,
    ACTION_LABEL_NOISE,
    ACTION_INPUT_NOISE,
    ACTION_DATASET,
    ACTION_FOCUS_NEXT,
    ACTION_FOCUS_PREV,
    ACTION_FOCUS_DIGIT, /* the digit itself picks the model: 1..9, 0 = 10 */
    ACTION_HIDE,
    ACTION_LOG_Y,
    ACTION_NORMALISE,
    ACTION_BOUNDARY,
    ACTION_LOSS_CARD,
    ACTION_SNAPSHOT,
    ACTION_HELP,
    ACTION_REDRAW,
    ACTION_QUIT,
} Action;

typedef struct {
    int codes[4];     /* key codes that trigger it; 0 ends the list */
    const char *keys; /* how the help shows them, e.g. "+ / -" */
    const char *help;
    Action action;
} KeyBinding;

/* Codes of the special keys, supplied by the curses side so this module stays pure. */
typedef struct {
    int btab, up, down, left, right;
} KeyCodes;

/* The table, in help order; *n receives its length. Static storage. Rows with an empty
 * `keys` continue the row above in the help (same action, more codes). */
const KeyBinding *keys_table(int *n);
/* The action bound to code, or ACTION_NONE. */
Action keys_lookup(const KeyCodes *codes, int code);

#endif
