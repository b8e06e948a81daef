#include "src/presets.h"

#include <ctype.h>
#include <string.h>

/* Generated from assets/presets by assets/embed.cmake. */
extern const unsigned char la_asset_preset_speed[];
extern const unsigned char la_asset_preset_spiral_speed[];
extern const unsigned char la_asset_preset_label_noise[];
extern const unsigned char la_asset_preset_input_noise[];
extern const unsigned char la_asset_preset_combined_noise[];
extern const unsigned char la_asset_preset_noisy_spiral[];
extern const unsigned char la_asset_preset_lecture[];

static const Preset presets[] = {
    {"speed", (const char *)la_asset_preset_speed},
    {"spiral-speed", (const char *)la_asset_preset_spiral_speed},
    {"label-noise", (const char *)la_asset_preset_label_noise},
    {"input-noise", (const char *)la_asset_preset_input_noise},
    {"combined-noise", (const char *)la_asset_preset_combined_noise},
    {"noisy-spiral", (const char *)la_asset_preset_noisy_spiral},
    {"lecture", (const char *)la_asset_preset_lecture},
};

const Preset *preset_find(const char *name)
{
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
        if (strcmp(presets[i].name, name) == 0)
            return &presets[i];
    return NULL;
}

void preset_list(FILE *out)
{
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++) {
        const char *t = presets[i].text;
        const char *desc = t[0] == '#' ? t + 1 : "";
        while (*desc == ' ')
            desc++;
        int len = (int)strcspn(desc, "\n");
        fprintf(out, "%-14s %.*s\n", presets[i].name, len, desc);
    }
}

int preset_tokens(const char *text, char *buf, size_t buflen, char **tokens, int max)
{
    size_t used = 0;
    int n = 0;
    const char *p = text;
    while (*p) {
        if (*p == '#') { /* a comment runs to the end of the line */
            p += strcspn(p, "\n");
            continue;
        }
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        size_t len = strcspn(p, " \t\r\n");
        if (n == max || used + len + 1 > buflen)
            return -1;
        memcpy(buf + used, p, len);
        buf[used + len] = '\0';
        tokens[n++] = buf + used;
        used += len + 1;
        p += len;
    }
    return n;
}
