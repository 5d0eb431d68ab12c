/* sweep_args.c — Fuzzing harness of the parsers of sweep's --vary and --target options: the first
 * line of the file named on the command line is parsed as a --vary value, the second as a --target
 * value. Exits 0, or 2 when either is refused, as eaflow would. */
#include <stdio.h>
#include <string.h>

#include "models/ea_sweep.h"

int main(int argc, char **argv)
{
    static char text[65536];
    FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (!f)
        return 2;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *target = strchr(text, '\n');
    if (target)
        *target++ = '\0';
    eng_error err;
    ea_vary vary;
    int status = ea_vary_parse(text, &vary, &err);
    if (status == ENG_OK)
        ea_vary_clear(&vary);
    ea_target t;
    if (target && ea_target_parse(target, 0, &t, &err) != ENG_OK)
        status = ENG_EINPUT;
    return status;
}
