/* canvas.c — what both picture surfaces share: splitting text at its subscripts and measuring
 * it with the bitmap font's metrics. No drawing, no allocation. */
#include "ui/canvas.h"

#include <string.h>

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int canvas_text_runs(const char *s, CanvasRun *runs, int max)
{
    int k = 0;
    const char *start = s;
    while (*s && k < max) {
        bool brace = s[0] == '_' && s[1] == '{';
        bool word = s[0] == '_' && word_char(s[1]);
        if (!brace && !word) {
            s++;
            continue;
        }
        if (s > start && k < max)
            runs[k++] = (CanvasRun){start, (size_t)(s - start), false};
        const char *b = s + (brace ? 2 : 1), *e = b;
        if (brace) {
            while (*e && *e != '}')
                e++;
        } else {
            while (word_char(*e))
                e++;
        }
        if (k < max)
            runs[k++] = (CanvasRun){b, (size_t)(e - b), true};
        s = (brace && *e == '}') ? e + 1 : e;
        start = s;
    }
    if (s > start && k < max)
        runs[k++] = (CanvasRun){start, (size_t)(s - start), false};
    return k;
}

double canvas_text_width(const Canvas *cv, FontFace face, double size, const char *s)
{
    CanvasRun runs[CANVAS_MAX_RUNS];
    int n = canvas_text_runs(s, runs, CANVAS_MAX_RUNS);
    double w = 0;
    char buf[256];
    for (int i = 0; i < n; i++) {
        size_t k = runs[i].n < sizeof buf - 1 ? runs[i].n : sizeof buf - 1;
        memcpy(buf, runs[i].p, k);
        buf[k] = '\0';
        w += font_text_width(cv->font, face, runs[i].sub ? size * CANVAS_SUB_SCALE : size, buf);
    }
    return w;
}
