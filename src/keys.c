#include "src/keys.h"

#include <stddef.h>

/* Special keys are filled in from KeyCodes at lookup time; in the table they are placeholders
 * (negative numbers) that name which special key is meant. */
enum { K_BTAB = -2, K_UP = -3, K_DOWN = -4, K_LEFT = -5, K_RIGHT = -6 };

/* Help texts stay within 23 columns so the two-column help fits an 80-column terminal. */
static const KeyBinding table[] = {
    {{' '}, "space", "run / pause training", ACTION_RUN_TOGGLE},
    {{'s'}, "s", "one step, then evaluate", ACTION_STEP},
    {{'r'}, "r", "reset to step 0", ACTION_RESET},
    {{'R'}, "R", "new seed, data, weights", ACTION_RESEED},
    {{'+', '='}, "+", "learning rate x2", ACTION_LR_UP},
    {{'-', '_'}, "-", "learning rate /2", ACTION_LR_DOWN},
    {{'['}, "[", "batch size /2", ACTION_BATCH_DOWN},
    {{']'}, "]", "batch size x2", ACTION_BATCH_UP},
    {{'o'}, "o", "next optimizer", ACTION_OPTIMIZER},
    {{'a'}, "a", "next activation, resets", ACTION_ACTIVATION},
    {{'n'}, "n", "label noise 0/10/30/50%", ACTION_LABEL_NOISE},
    {{'i'}, "i", "input noise 0/.1/.2/.4", ACTION_INPUT_NOISE},
    {{'d'}, "d", "next dataset, resets", ACTION_DATASET},
    {{'\t', K_DOWN, K_RIGHT}, "Tab/Dn/Rt", "focus next model", ACTION_FOCUS_NEXT},
    {{K_BTAB, K_UP, K_LEFT}, "S-Tab/Up/Lt", "focus previous model", ACTION_FOCUS_PREV},
    {{'1', '2', '3', '4'}, "1-9, 0", "focus model 1-9, 10", ACTION_FOCUS_DIGIT},
    {{'5', '6', '7', '8'}, "", "", ACTION_FOCUS_DIGIT},
    {{'9', '0'}, "", "", ACTION_FOCUS_DIGIT},
    {{'h'}, "h", "hide/show focused model", ACTION_HIDE},
    {{'y'}, "y", "log-scale loss axis", ACTION_LOG_Y},
    {{'N'}, "N", "loss / first value", ACTION_NORMALISE},
    {{'b'}, "b", "boundary panel on/off", ACTION_BOUNDARY},
    {{'l'}, "l", "loss card: shape, grad", ACTION_LOSS_CARD},
    {{'p'}, "p", "write a PNG snapshot", ACTION_SNAPSHOT},
    {{'?'}, "?", "this help", ACTION_HELP},
    {{12}, "Ctrl-L", "redraw the screen", ACTION_REDRAW},
    {{'q', 'Q'}, "q", "quit", ACTION_QUIT},
};

const KeyBinding *keys_table(int *n)
{
    *n = (int)(sizeof table / sizeof table[0]);
    return table;
}

static int resolve(const KeyCodes *c, int code)
{
    switch (code) {
    case K_BTAB:
        return c->btab;
    case K_UP:
        return c->up;
    case K_DOWN:
        return c->down;
    case K_LEFT:
        return c->left;
    case K_RIGHT:
        return c->right;
    default:
        return code;
    }
}

Action keys_lookup(const KeyCodes *codes, int code)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        for (int j = 0; j < 4 && table[i].codes[j] != 0; j++)
            if (resolve(codes, table[i].codes[j]) == code)
                return table[i].action;
    return ACTION_NONE;
}
