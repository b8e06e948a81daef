/* keys.c — the key table and its lookup. Static data only. */
#include "src/keys.h"

#include <stddef.h>
#include <stdio.h>

/* Special keys are filled in from KeyCodes at lookup time; in the table they are placeholders
 * (negative numbers, K_BTAB - i) that index the special keys of KeyCodes in field order. */
enum { K_BTAB = -2, K_UP = -3, K_DOWN = -4, K_LEFT = -5, K_RIGHT = -6 };

#define TRAIN(kind, arg)                                                                           \
    ACTION_TRAIN,                                                                                  \
    {                                                                                              \
        kind, arg                                                                                  \
    }
#define VIEW(action)                                                                               \
    action,                                                                                        \
    {                                                                                              \
        0, 0                                                                                       \
    }

/* Help texts stay within 23 columns so the two-column help fits an 80-column terminal. */
static const KeyBinding table[] = {
    {{' '}, "space", "run / pause training", TRAIN(CMD_RUN_TOGGLE, 0)},
    {{'s'}, "s", "one step, then evaluate", TRAIN(CMD_STEP, 0)},
    {{'r'}, "r", "reset to step 0", TRAIN(CMD_RESET, 0)},
    {{'R'}, "R", "new seed, data, weights", TRAIN(CMD_RESEED, 0)},
    {{'+', '='}, "+", "learning rate x2", TRAIN(CMD_LR_SCALE, 2.0)},
    {{'-', '_'}, "-", "learning rate /2", TRAIN(CMD_LR_SCALE, 0.5)},
    {{'['}, "[", "batch size /2", TRAIN(CMD_BATCH_SCALE, 0.5)},
    {{']'}, "]", "batch size x2", TRAIN(CMD_BATCH_SCALE, 2.0)},
    {{'o'}, "o", "next optimizer", TRAIN(CMD_OPTIMIZER_NEXT, 0)},
    {{'a'}, "a", "next activation, resets", TRAIN(CMD_ACTIVATION_NEXT, 0)},
    {{'n'}, "n", "label noise 0/10/30/50%", TRAIN(CMD_LABEL_NOISE_NEXT, 0)},
    {{'i'}, "i", "input noise 0/.1/.2/.4", TRAIN(CMD_INPUT_NOISE_NEXT, 0)},
    {{'d'}, "d", "next dataset, resets", TRAIN(CMD_DATASET_NEXT, 0)},
    {{'\t', K_DOWN, K_RIGHT}, "Tab/Dn/Rt", "focus next model", VIEW(ACTION_FOCUS_NEXT)},
    {{K_BTAB, K_UP, K_LEFT}, "S-Tab/Up/Lt", "focus previous model", VIEW(ACTION_FOCUS_PREV)},
    {{'1', '2', '3', '4'}, "1-9, 0", "focus model 1-9, 10", VIEW(ACTION_FOCUS_DIGIT)},
    {{'5', '6', '7', '8'}, "", "", VIEW(ACTION_FOCUS_DIGIT)},
    {{'9', '0'}, "", "", VIEW(ACTION_FOCUS_DIGIT)},
    {{'h'}, "h", "hide/show focused model", VIEW(ACTION_HIDE)},
    {{'y'}, "y", "log-scale loss axis", VIEW(ACTION_LOG_Y)},
    {{'N'}, "N", "loss / first value", VIEW(ACTION_NORMALISE)},
    {{'b'}, "b", "boundary panel on/off", VIEW(ACTION_BOUNDARY)},
    {{'l'}, "l", "loss card: shape, grad", VIEW(ACTION_LOSS_CARD)},
    {{'v'}, "v", "next view (title names it)", VIEW(ACTION_VIEW_NEXT)},
    {{'p'}, "p", "write a PNG snapshot", VIEW(ACTION_SNAPSHOT)},
    {{'P'}, "P", "write an SVG snapshot", VIEW(ACTION_SNAPSHOT_SVG)},
    {{'<', ','}, "< ,", "slower pace (steps/s)", VIEW(ACTION_PACE_SLOWER)},
    {{'>', '.'}, "> .", "faster pace, up to max", VIEW(ACTION_PACE_FASTER)},
    {{'t'}, "t", "steps: all, log, last N", VIEW(ACTION_TIME_AXIS)},
    {{'{'}, "{", "last N steps: fewer", VIEW(ACTION_WINDOW_LESS)},
    {{'}'}, "}", "last N steps: more", VIEW(ACTION_WINDOW_MORE)},
    {{'e'}, "e", "smooth curves (EMA)", VIEW(ACTION_SMOOTH)},
    {{'g'}, "g", "show next loss group", VIEW(ACTION_GROUP_NEXT)},
    {{'?'}, "?", "this help", VIEW(ACTION_HELP)},
    {{12}, "Ctrl-L", "redraw the screen", VIEW(ACTION_REDRAW)},
    {{'q', 'Q'}, "q", "quit", VIEW(ACTION_QUIT)},
};

const KeyBinding *keys_table(int *n)
{
    *n = (int)(sizeof table / sizeof table[0]);
    return table;
}

static int resolve(const KeyCodes *c, int code)
{
    const int special[] = {c->btab, c->up, c->down, c->left, c->right};
    int i = K_BTAB - code;
    return i >= 0 && i < (int)(sizeof special / sizeof special[0]) ? special[i] : code;
}

const KeyBinding *keys_lookup(const KeyCodes *codes, int code)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        for (int j = 0; j < 4 && table[i].codes[j] != 0; j++)
            if (resolve(codes, table[i].codes[j]) == code)
                return &table[i];
    return NULL;
}

Action keys_action(const KeyCodes *codes, int code)
{
    const KeyBinding *b = keys_lookup(codes, code);
    return b ? b->action : ACTION_NONE;
}

static const int pace_ladder[] = {1, 3, 10, 30, 100, 300, 1000};
#define PACE_RUNGS ((int)(sizeof pace_ladder / sizeof pace_ladder[0]))

int keys_pace_step(int pace, int dir)
{
    if (pace <= 0) /* max: the top of the ladder */
        return dir < 0 ? pace_ladder[PACE_RUNGS - 1] : 0;
    if (dir > 0) {
        for (int i = 0; i < PACE_RUNGS; i++)
            if (pace_ladder[i] > pace)
                return pace_ladder[i];
        return 0;
    }
    for (int i = PACE_RUNGS - 1; i >= 0; i--)
        if (pace_ladder[i] < pace)
            return pace_ladder[i];
    return pace_ladder[0];
}

void keys_pace_text(int pace, char *buf, int n)
{
    if (pace <= 0)
        snprintf(buf, (size_t)n, "max");
    else
        snprintf(buf, (size_t)n, "%d/s", pace);
}
