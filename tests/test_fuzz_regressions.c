/* test_fuzz_regressions.c — Replays every input the fuzzers ever found a fault with (kept under
 * tests/fuzz/regressions/TARGET/) through the target's command (tests/fuzz/TARGET/cmd): the program
 * must end within a time limit with status 0, 1 or 2, print no sanitizer report, and leave no
 * temporary file in its output directory. An input whose name starts with `ok-` is one the program
 * once refused wrongly: it must succeed (status 0). */
#include "test_util.h"

#include <dirent.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_proc.h"

#define FUZZ "tests/fuzz"
#define TIME_LIMIT 60   /* seconds for one input, under the sanitizers on a loaded machine */
#define MAX_ARGS 32

/* The program a command's first word names: eaflow is $EAFLOW_BIN, a harness NAME is the program
 * fuzz/NAME beside it (both built by `make unit`). */
static void program(const char *word, char *buf, size_t size)
{
    if (strcmp(word, "eaflow") == 0) {
        snprintf(buf, size, "%s", test_eaflow_bin());
        return;
    }
    char bin[512];
    snprintf(bin, sizeof bin, "%s", test_eaflow_bin());
    /* ./eaflow is a copy of build/eaflow: its harnesses are in build/fuzz. */
    snprintf(buf, size, "%s/fuzz/%s", strcmp(bin, "./eaflow") == 0 ? "build" : dirname(bin), word);
}

/* Reads the command of a target (its first line that is not a comment) into line. */
static void read_command(const char *target, char *line, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, FUZZ "/%s/cmd", target);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("%s: cannot open the command of fuzzing target %s", path, target);
    line[0] = '\0';
    while (fgets(line, (int)size, f) && (line[0] == '#' || line[0] == '\n'))
        line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    if (!line[0])
        fail_msg("%s: no command", path);
}

/* Whether a sanitizer (or the C library) reported a fault in the text. */
static const char *fault_in(const char *text)
{
    static const char *const marks[] = { "Sanitizer", "runtime error:", "stack smashing",
                                         "double free", "corrupted", "Segmentation fault" };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strstr(text, marks[i]))
            return marks[i];
    return NULL;
}

/* Fails when dir holds a hidden (temporary) file; then removes dir and what it holds. */
static void check_and_remove_output(const char *dir, const char *input)
{
    DIR *d = opendir(dir);
    const struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            fail_msg("%s: left %s/%s behind", input, dir, e->d_name);
    if (d)
        closedir(d);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Runs one regression input through the target's command and checks how the program ended. */
static void replay(const char *target, const char *command, const char *name)
{
    char input[1024], out[64] = "/tmp/eaflow-fuzz-XXXXXX", err_path[128], prog[512];
    snprintf(input, sizeof input, FUZZ "/regressions/%s/%s", target, name);
    assert_non_null(mkdtemp(out));
    snprintf(err_path, sizeof err_path, "%s.stderr", out);
    char words[512];
    snprintf(words, sizeof words, "%s", command);
    const char *argv[MAX_ARGS + 1];
    int n = 0;
    for (char *w = strtok(words, " "); w && n < MAX_ARGS; w = strtok(NULL, " ")) {
        if (n == 0) {
            program(w, prog, sizeof prog);
            argv[n++] = prog;
        } else {
            argv[n++] = strcmp(w, "@@") == 0 ? input : strcmp(w, "@OUT@") == 0 ? out : w;
        }
    }
    argv[n] = NULL;
    int status = test_run(argv, NULL, err_path, TIME_LIMIT);
    char *text = test_slurp(err_path, NULL);
    remove(err_path);
    const char *fault = text ? fault_in(text) : NULL;
    if (status < 0)
        fail_msg("%s: still running after %d s", input, TIME_LIMIT);
    if (fault || status > 2)
        fail_msg("%s: exit status %d%s%s:\n%s", input, status, fault ? ", reported: " : "",
                 fault ? fault : "", text ? text : "");
    if (strncmp(name, "ok-", 3) == 0 && status != 0)
        fail_msg("%s: exit status %d, expected 0:\n%s", input, status, text ? text : "");
    free(text);
    check_and_remove_output(out, input);
}

static void test_regressions(void **state)
{
    (void)state;
    DIR *targets = opendir(FUZZ "/regressions");
    assert_non_null(targets);
    int inputs = 0, dirs = 0;
    const struct dirent *t;
    while ((t = readdir(targets)) != NULL) {
        if (t->d_name[0] == '.')
            continue;
        char command[512], path[512];
        read_command(t->d_name, command, sizeof command);
        snprintf(path, sizeof path, FUZZ "/regressions/%s", t->d_name);
        DIR *d = opendir(path);
        assert_non_null(d);
        dirs++;
        const struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            replay(t->d_name, command, e->d_name);
            inputs++;
        }
        closedir(d);
    }
    closedir(targets);
    print_message("%d regression inputs replayed over %d fuzzing targets\n", inputs, dirs);
    /* Every target has its directory, and the faults fixed so far are all there. */
    assert_int_equal(dirs, 5);
    assert_true(inputs >= 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
