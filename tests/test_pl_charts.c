/* test_pl_charts.c — Tests of plots/: every chart of a real run of the Occitanie scenario
 * (simulate, compare and costs by ./eaflow, or $EAFLOW_BIN, plus fixtures for km.csv, fit.csv,
 * scenarios.csv and sweep.csv) in PNG, SVG and PDF; titles, labels and readings; the fitted
 * survival curves against closed forms; hostile names that must be drawn and escaped and never run;
 * a missing gnuplot; the annual report; and the errors a user can meet. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "test_proc.h"
#include "plots/pl_charts.h"
#include "plots/pl_report.h"

#define DATA "tests/data/"

static char tmpdir[64];
static char occ[128];   /* the Occitanie run with every table */

/* Runs eaflow with the arguments (no shell), its output thrown away; returns the exit status. */
#define eaflow(...) test_eaflow(NULL, NULL, __VA_ARGS__)

static int copy_file(const char *from, const char *to)
{
    size_t n;
    char *s = test_slurp(from, &n);
    FILE *f = s ? fopen(to, "wb") : NULL;
    int ok = f && fwrite(s, 1, n, f) == n;
    if (f && fclose(f) != 0)
        ok = 0;
    free(s);
    return ok ? 0 : -1;
}

/* Copies every regular file of a directory (not its subdirectories) into a new directory. */
static int copy_dir(const char *from, const char *to)
{
    if (mkdir(to, 0755) != 0)
        return -1;
    DIR *d = opendir(from);
    if (!d)
        return -1;
    int status = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && status == 0;) {
        char a[512], b[512];
        struct stat st;
        snprintf(a, sizeof a, "%s/%s", from, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        if (stat(a, &st) == 0 && S_ISREG(st.st_mode))
            status = copy_file(a, b);
    }
    closedir(d);
    return status;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_pl_charts_XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(occ, sizeof occ, "%s/occ", tmpdir);
    if (eaflow("simulate", "scenarios/occitanie-2022.ini", "-n", "20", "-o", occ, "-q", NULL) != 0
        || eaflow("compare", "scenarios/occitanie-2022.ini", "--observed",
                  "scenarios/data/observed-occitanie.csv", "-n", "20", "-o", occ, "-q", NULL) != 0
        || eaflow("costs", "scenarios/data/funding-occitanie.csv", "-o", occ, "-q", NULL) != 0)
        return -1;
    static const char *const fixtures[][2] = {{"pl_km.csv", "km.csv"},
                                              {"pl_fit.csv", "fit.csv"},
                                              {"pl_scenarios.csv", "scenarios.csv"},
                                              {"pl_sweep.csv", "sweep.csv"}};
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char from[256], to[256];
        snprintf(from, sizeof from, DATA "%s", fixtures[i][0]);
        snprintf(to, sizeof to, "%s/%s", occ, fixtures[i][1]);
        if (copy_file(from, to) != 0)
            return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- Checks on files --------------------------------------------------------------------------
 */

/* Whether an '&' at s starts an entity (&name; or &#...;). */
static int entity(const char *s)
{
    size_t i = 1;
    if (s[i] == '#')
        i++;
    size_t start = i;
    while (s[i] && (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
                    || (s[i] >= '0' && s[i] <= '9')))
        i++;
    return i > start && s[i] == ';';
}

/* A minimal well-formedness check of XML (or of HTML with void elements when html is 1): every tag
 * is closed in order, attribute values are quoted, and '&' in text starts an entity. Returns NULL,
 * or what is wrong. */
static const char *well_formed(const char *s, int html)
{
    static char why[256];
    static const char *const voids[] = { "meta", "br", "hr", "img", "link", "input" };
    char stack[256][32];
    int depth = 0, seen_root = 0;
    for (const char *p = s; *p;) {
        if (*p == '&') {
            if (!entity(p))
                return "an '&' that is not an entity";
            p++;
            continue;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        if (strncmp(p, "<?", 2) == 0 || strncmp(p, "<!DOCTYPE", 9) == 0
            || strncmp(p, "<!doctype", 9) == 0) {
            p = strchr(p, '>');
            if (!p)
                return "unterminated declaration";
            p++;
            continue;
        }
        if (strncmp(p, "<!--", 4) == 0) {
            p = strstr(p, "-->");
            if (!p)
                return "unterminated comment";
            p += 3;
            continue;
        }
        int closing = p[1] == '/';
        const char *name = p + 1 + closing;
        size_t n = strcspn(name, " \t\r\n/>");
        if (n == 0 || n >= 32)
            return "a tag without a name";
        const char *q = name + n;
        int self = 0;
        while (*q && *q != '>') {
            if (*q == '"' || *q == '\'') {
                const char *end = strchr(q + 1, *q);
                if (!end)
                    return "an unterminated attribute value";
                q = end + 1;
                continue;
            }
            if (*q == '<')
                return "a '<' inside a tag";
            self = *q == '/';
            q++;
        }
        if (!*q)
            return "an unterminated tag";
        int is_void = 0;
        for (size_t i = 0; html && i < sizeof voids / sizeof voids[0]; i++)
            is_void |= strlen(voids[i]) == n && strncmp(name, voids[i], n) == 0;
        if (closing) {
            if (depth == 0 || strlen(stack[depth - 1]) != n ||
                strncmp(stack[depth - 1], name, n) != 0) {
                snprintf(why, sizeof why, "</%.*s> closes <%s>", (int)n, name,
                         depth ? stack[depth - 1] : "nothing");
                return why;
            }
            depth--;
        } else if (!self && !is_void) {
            if (depth == 256)
                return "too deep";
            snprintf(stack[depth++], 32, "%.*s", (int)n, name);
            seen_root = 1;
            if (html && n == 5 && strncmp(name, "style", 5) == 0) {
                /* CSS is raw text: skip to its end tag. */
                q = strstr(q, "</style>");
                if (!q)
                    return "unterminated style";
                q--;
            }
        }
        p = q + 1;
    }
    if (depth != 0) {
        snprintf(why, sizeof why, "<%s> is never closed", stack[depth - 1]);
        return why;
    }
    return seen_root ? NULL : "no element";
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

static void check_png(const char *path)
{
    size_t n;
    char *s = test_slurp(path, &n);
    if (!s)
        fail_msg("%s: missing", path);
    if (n < 8 || memcmp(s, "\x89PNG\r\n\x1a\n", 8) != 0)
        fail_msg("%s: not a PNG", path);
    /* A blank 1280 x 720 image compresses to about a kilobyte; a chart takes tens. */
    if (n < 8000)
        fail_msg("%s: %zu bytes, a blank image?", path, n);
    free(s);
}

static void check_pdf(const char *path)
{
    size_t n;
    char *s = test_slurp(path, &n);
    if (!s)
        fail_msg("%s: missing", path);
    if (n < 1000 || memcmp(s, "%PDF-", 5) != 0)
        fail_msg("%s: not a PDF", path);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        n--;
    if (n < 5 || memcmp(s + n - 5, "%%EOF", 5) != 0)
        fail_msg("%s: no %%%%EOF at the end", path);
    free(s);
}

/* Reads an SVG, checks it is well-formed and not blank, and returns its text. */
static char *check_svg(const char *path)
{
    char *s = test_slurp(path, NULL);
    if (!s)
        fail_msg("%s: missing", path);
    const char *why = well_formed(s, 0);
    if (why)
        fail_msg("%s: not well-formed: %s", path, why);
    if (!strstr(s, "<svg") || count(s, "<path") < 5)
        fail_msg("%s: no drawing", path);
    return s;
}

static void assert_contains(const char *text, const char *what, const char *where)
{
    if (!strstr(text, what))
        fail_msg("%s does not contain \"%s\"", where, what);
}

static void chart_path(char *buf, size_t size, const char *dir, const char *name, const char *ext)
{
    snprintf(buf, size, "%s/plots/%s.%s", dir, name, ext);
}

/* The chart list of a directory, for the names. */
static void charts_of(const char *dir, pl_lang lang, pl_data **d, pl_charts **c)
{
    eng_error err = { { 0 } };
    if (pl_data_read(dir, d, &err) != ENG_OK || pl_charts_alloc(*d, lang, c, &err) != ENG_OK)
        fail_msg("%s", err.msg);
}

/* No temporary file is left in dir (names starting with a dot). */
static void assert_no_leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            fail_msg("%s/%s left behind", dir, e->d_name);
    closedir(d);
}

/* Draws the charts of dir into dir/plots as `eaflow plot` does: the tables read and listed first,
 * then the set of outputs begun, drawn into and committed. */
static int plot(const char *dir, pl_format format, pl_lang lang, int *n, eng_error *err)
{
    char plots[512];
    snprintf(plots, sizeof plots, "%s/plots", dir);
    pl_charts *c = NULL;
    *n = 0;
    int status = pl_charts_read(dir, lang, &c, err);
    eng_out *out = status == ENG_OK ? eng_out_begin(plots, err) : NULL;
    if (status == ENG_OK)
        status = eng_out_finish(out, out ? pl_charts_draw(c, out, format, err) : ENG_EFAIL, err);
    if (status == ENG_OK)
        *n = pl_charts_count(c);
    pl_charts_free(c);
    return status;
}

/* Writes the report of dir into dir, in a set of outputs begun and committed here. */
static int report(const char *dir, const pl_report_input *in, eng_error *err)
{
    eng_out *out = eng_out_begin(dir, err);
    return eng_out_finish(out, out ? pl_report_write(out, dir, in, err) : ENG_EFAIL, err);
}

/* ---- The Occitanie run ------------------------------------------------------------------------
 */

static const char *const expected[] = {
    "file_active_region", "modules_region", "flows_region", "budget_region", "cost_per_place_2021",
    "cost_per_place_2022", "occupancy", "km_evaluation", "km_projet", "km_recherche", "km_maintien",
    "scenarios_file_active", "scenarios_cost_per_person_eur", "sweep_file_active", "sweep_waiting",
    "file_active_31", "modules_31", "flows_31", "budget_31", "file_active_48", "budget_82",
};

static void test_png(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    int n = 0;
    if (plot(occ, PL_PNG, PL_FR, &n, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    /* 14 scopes x 4 charts, 2 years of costs, occupancy, 4 modules, 2 scenarios, 2 sweep charts. */
    assert_int_equal(n, 14 * 4 + 2 + 1 + 4 + 2 + 2);
    pl_data *d;
    pl_charts *c;
    charts_of(occ, PL_FR, &d, &c);
    assert_int_equal(pl_charts_count(c), n);
    char path[512];
    for (int i = 0; i < n; i++) {
        chart_path(path, sizeof path, occ, pl_charts_name(c, i), "png");
        check_png(path);
    }
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        chart_path(path, sizeof path, occ, expected[i], "png");
        check_png(path);
    }
    snprintf(path, sizeof path, "%s/plots", occ);
    assert_no_leftovers(path);
    pl_charts_free(c);
    pl_data_free(d);
}

static void test_svg(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    int n = 0;
    if (plot(occ, PL_SVG, PL_FR, &n, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    pl_data *d;
    pl_charts *c;
    charts_of(occ, PL_FR, &d, &c);
    char path[512];
    for (int i = 0; i < n; i++) {
        chart_path(path, sizeof path, occ, pl_charts_name(c, i), "svg");
        char *svg = check_svg(path);
        char title[600];
        snprintf(title, sizeof title, "<text>%s</text>", pl_charts_title(c, i));
        assert_contains(svg, title, path);
        free(svg);
    }
    static const struct {
        const char *chart, *text;
    } labels[] = {
        { "file_active_region", "File active (personnes accompagnées) — Région" },
        { "file_active_region", "places financées" },
        { "file_active_region", "file active observée" },
        { "file_active_region", "intervalle 90 % des réplications" },
        { "file_active_region", "début de la simulation" },
        { "file_active_region", "<text>2020</text>" },      /* observations back to end 2019 */
        { "file_active_region", "<text>600</text>" },
        { "file_active_31", "Haute-Garonne (31)" },
        { "modules_region", "maintien dans l'emploi" },
        { "modules_region", "liste d'attente" },
        { "flows_region", "entrées (prescriptions)" },
        { "flows_region", "emploi durable" },
        { "budget_region", "<text>2 500 000 €</text>" },
        { "budget_region", "dépense en personnel" },
        { "budget_region", "coût par personne accompagnée (axe de droite)" },
        { "cost_per_place_2021", "<text>Haute-Garonne</text>" },
        { "cost_per_place_2021", "<text>5 900 €</text>" },
        { "cost_per_place_2021", "référence 4 300 €" },
        { "cost_per_place_2021", "hors tolérance" },
        { "occupancy", "région : 85,0 %" },
        { "occupancy", "<text>Lozère</text>" },
        { "km_recherche", "loi retenue : gamma(mean=6.1, sd=3.2)" },
        { "km_recherche", "Kaplan–Meier" },
        { "km_projet", "<text>100 %</text>" },
        { "scenarios_file_active", "<text>bas</text>" },
        { "scenarios_file_active", "<text>haut</text>" },
        { "scenarios_cost_per_person_eur", "<text>3 000 €</text>" },
        { "sweep_file_active", "defaults.fte" },
        { "sweep_file_active", "<text>0,6</text>" },
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        chart_path(path, sizeof path, occ, labels[i].chart, "svg");
        char *svg = test_slurp(path, NULL);
        assert_non_null(svg);
        assert_contains(svg, labels[i].text, path);
        free(svg);
    }
    pl_charts_free(c);
    pl_data_free(d);
}

static void test_pdf(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    int n = 0;
    if (plot(occ, PL_PDF, PL_FR, &n, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char path[512];
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        chart_path(path, sizeof path, occ, expected[i], "pdf");
        check_pdf(path);
    }
}

static void test_english(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/en", tmpdir);
    assert_int_equal(copy_dir(occ, dir), 0);
    eng_error err = { { 0 } };
    int n = 0;
    if (plot(dir, PL_SVG, PL_EN, &n, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    static const struct {
        const char *chart, *text;
    } labels[] = {
        { "file_active_region", "Caseload (persons in support) — Region" },
        { "file_active_region", "funded places" },
        { "budget_region", "<text>€2,500,000</text>" },
        { "cost_per_place_2021", "reference €4,300" },
        { "occupancy", "region: 85.0%" },
        { "km_maintien", "chosen law: weibull(shape=1.5, scale=12)" },
        { "sweep_file_active", "<text>0.6</text>" },
    };
    char path[512];
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        chart_path(path, sizeof path, dir, labels[i].chart, "svg");
        char *svg = check_svg(path);
        assert_contains(svg, labels[i].text, path);
        free(svg);
    }
}

static int find_chart(const pl_charts *c, const char *name)
{
    for (int i = 0; i < pl_charts_count(c); i++)
        if (strcmp(pl_charts_name(c, i), name) == 0)
            return i;
    fail_msg("no chart %s", name);
    return -1;
}

static void test_readings(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c, *en;
    charts_of(occ, PL_FR, &d, &c);
    eng_error err = { { 0 } };
    assert_int_equal(pl_charts_alloc(d, PL_EN, &en, &err), ENG_OK);
    static const struct {
        const char *chart, *text;
        int english;
    } readings[] = {
        {"file_active_region", "La file active régionale passe de 439 à ", 0},
        {"file_active_region", " personnes entre fin 2021 et fin 2026 (", 0},
        {"file_active_region", " des 645 places).", 0},
        {"file_active_31", "La file active de Haute-Garonne (31) passe de 104 à ", 0},
        {"cost_per_place_2021",
         "En 2021, le coût à la place va de 3 700 € (Haute-Garonne) à 5 900 € "
         "(Lozère), pour une référence de 4 300 € ; 7 départements sur 13 "
         "sont hors de la tolérance.",
         0},
        {"cost_per_place_2022", "le coût à la place est partout de 4 300 €", 0},
        {"occupancy", "Au 31/12/2022, le taux d'occupation va de ", 0},
        {"occupancy", " ; 85,0 % pour la région.", 0},
        {"budget_region", "En 2024, le financement est de 2 773 500 €", 0},
        {"km_recherche", "la loi retenue est gamma(mean=6.1, sd=3.2).", 0},
        {"km_evaluation", "en moins de 3,0 mois", 0},
        {"km_projet", "exponential" /* not chosen: absent */, 0},
        {"scenarios_file_active",
         "En 2024, l'indicateur « file active » va de 560 (scénario « bas ») "
         "à 640 (scénario « haut »).",
         0},
        {"sweep_file_active",
         "En 2023, sur les 3 points du balayage, la moyenne de l'indicateur « "
         "file active » va de 470 à 570.",
         0},
        {"file_active_region", "The caseload of the region goes from 439 to ", 1},
        {"budget_region", "In 2024, funding is €2,773,500", 1},
    };
    for (size_t i = 0; i < sizeof readings / sizeof readings[0]; i++) {
        const pl_charts *cs = readings[i].english ? en : c;
        char buf[1024];
        pl_charts_reading(cs, find_chart(cs, readings[i].chart), 2024, buf, sizeof buf);
        int negated = strcmp(readings[i].text, "exponential") == 0;
        if (!negated != !!strstr(buf, readings[i].text))
            fail_msg("reading of %s: \"%s\" %s \"%s\"", readings[i].chart, buf,
                     negated ? "should not contain" : "does not contain", readings[i].text);
    }
    pl_charts_free(en);
    pl_charts_free(c);
    pl_data_free(d);
}

/* The fitted law's survival curve, read back from the commands of a Kaplan–Meier chart. */
static void test_fit_curves(void **state)
{
    (void)state;
    pl_data *d;
    pl_charts *c;
    charts_of(occ, PL_FR, &d, &c);
    static const char *const modules[] = { "evaluation", "projet", "recherche", "maintien" };
    double sigma2 = log1p(9.0 / 25.0), mu = log(5.0) - sigma2 / 2;
    static const double gamma_t[3] = { 3, 6.1, 12 };
    static const double gamma_s[3] = {0.8474746097678567, 0.4302002009461168, 0.05280024982679887};
    int gamma_points = 0;
    for (int m = 0; m < 4; m++) {
        char name[64];
        snprintf(name, sizeof name, "km_%s", modules[m]);
        char *script = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&script, &len);
        pl_charts_emit(c, find_chart(c, name), f);
        fclose(f);
        char *block = strstr(script, "$pf << EOD\n");
        assert_non_null(block);
        block += strlen("$pf << EOD\n");
        int points = 0;
        for (char *line = block; strncmp(line, "EOD", 3) != 0; line = strchr(line, '\n') + 1) {
            double t, s;
            assert_int_equal(sscanf(line, "%lf %lf", &t, &s), 2);
            double want;
            switch (m) {
            case 0:
                want = exp(-t / 4);
                break;
            case 1:
                want = t > 0 ? 0.5 * erfc((log(t) - mu) / (sqrt(sigma2) * sqrt(2.0))) : 1;
                break;
            case 2:
                /* gamma(mean=6.1, sd=3.2): shape (6.1/3.2)^2, scale 3.2^2/6.1. The grid of the
                 * 20-month fixture steps by 0.1 month; three of its points are checked against
                 * values computed independently (series of the regularised incomplete gamma). */
                want = s;
                for (int k = 0; k < 3; k++)
                    if (fabs(t - gamma_t[k]) < 1e-9) {
                        want = gamma_s[k];
                        gamma_points++;
                    }
                break;
            default:
                want = exp(-pow(t / 12, 1.5));
                break;
            }
            assert_abs(s, want, 1e-8);
            points++;
        }
        assert_int_equal(points, 201);
        free(script);
    }
    assert_int_equal(gamma_points, 3);
    pl_charts_free(c);
    pl_data_free(d);
}

/* ---- Hostile names ----------------------------------------------------------------------------
 */

static void test_injection(void **state)
{
    (void)state;
    char dir[128], path[512];
    snprintf(dir, sizeof dir, "%s/inj", tmpdir);
    assert_int_equal(copy_dir(DATA "pl_inject", dir), 0);
    remove("/tmp/pwned");
    remove("/tmp/pwned2");
    eng_error err = { { 0 } };
    int n = 0;
    for (int format = PL_PNG; format <= PL_PDF; format++)
        if (plot(dir, (pl_format)format, PL_FR, &n, &err) != ENG_OK)
            fail_msg("%s", err.msg);
    assert_int_equal(access("/tmp/pwned", F_OK), -1);
    assert_int_equal(access("/tmp/pwned2", F_OK), -1);
    /* Names reduced to safe characters, all inside plots/. */
    snprintf(path, sizeof path, "%s/plots", dir);
    DIR *dp = opendir(path);
    assert_non_null(dp);
    int files = 0;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        files++;
        for (const char *p = e->d_name; *p; p++)
            if (!(strchr("-_.", *p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                  || (*p >= '0' && *p <= '9')))
                fail_msg("unsafe file name %s", e->d_name);
    }
    closedir(dp);
    assert_int_equal(files, 3 * n);

    static const struct {
        const char *chart, *text;
    } texts[] = {
        {"file_active_x____system__touch__tmp_pwned______",
         "— x\" ; system(\"touch /tmp/pwned\") ; \"</text>"},
        {"file_active____system__touch__tmp_pwned2_____",
         "— '; system('touch /tmp/pwned2'); '</text>"},
        {"file_active_line1_line2", "— line1 line2</text>"},
        {"file_active____evil", "— ../evil</text>"},
        {"cost_per_place_2022", "<text>x\" ; system(\"touch /tmp/pwned\") ; \"</text>"},
        {"cost_per_place_2022", "<text>\u200b'; system('touch /tmp/pwned2'); '</text>"},
        {"cost_per_place_2022", "<text>line1 line2</text>"},
        {"cost_per_place_2022", "<text>Tarn 100 % {x}_^@&amp;&lt;b></text>"},
        {"modules_region", "<text>evil'\"mod</text>"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        chart_path(path, sizeof path, dir, texts[i].chart, "svg");
        char *svg = check_svg(path);
        assert_contains(svg, texts[i].text, path);
        free(svg);
    }

    assert_int_equal(report(dir, NULL, &err), ENG_OK);
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *page = test_slurp(path, NULL);
    assert_non_null(page);
    const char *why = well_formed(page, 1);
    if (why)
        fail_msg("index.html: %s", why);
    assert_contains(page, "&lt;b&gt;Test &amp; &quot;co&quot;&lt;/b&gt; &lt;script&gt;", path);
    assert_null(strstr(page, "<b>Test"));
    assert_null(strstr(page, "<script"));
    assert_contains(page, "(x&quot; ; system(&quot;touch /tmp/pwned&quot;) ; &quot;)", path);
    free(page);
    assert_int_equal(access("/tmp/pwned", F_OK), -1);
    assert_int_equal(access("/tmp/pwned2", F_OK), -1);
}

/* ---- A missing gnuplot ------------------------------------------------------------------------
 */

static void test_missing_gnuplot(void **state)
{
    (void)state;
    char dir[128], empty[128], path[512];
    snprintf(dir, sizeof dir, "%s/nognuplot", tmpdir);
    snprintf(empty, sizeof empty, "%s/empty-bin", tmpdir);
    assert_int_equal(copy_dir(DATA "pl_inject", dir), 0);
    assert_int_equal(mkdir(empty, 0755), 0);
    char *saved = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    setenv("PATH", empty, 1);
    eng_error err = { { 0 } }, rerr = { { 0 } };
    int n = -1;
    int status = plot(dir, PL_PNG, PL_FR, &n, &err);
    int rstatus = report(dir, NULL, &rerr);
    setenv("PATH", saved, 1);
    free(saved);
    assert_int_equal(status, ENG_EFAIL);
    assert_int_equal(n, 0);
    assert_contains(err.msg,
                    "gnuplot is not installed: apt-get install gnuplot-nox (or run make deps)",
                    "the error");
    assert_int_equal(rstatus, ENG_EFAIL);
    assert_contains(rerr.msg, "gnuplot-nox", "the report's error");
    /* Nothing half-written: no chart, no page, no scratch directory; the tables are still there. */
    snprintf(path, sizeof path, "%s/plots", dir);
    assert_no_leftovers(path);
    assert_no_leftovers(dir);
    snprintf(path, sizeof path, "%s/plots/file_active_region.png", dir);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/index.html", dir);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/monthly.csv", dir);
    assert_int_equal(access(path, F_OK), 0);
}

/* ---- The report -------------------------------------------------------------------------------
 */

static void test_report(void **state)
{
    (void)state;
    eng_error err = { { 0 } };
    if (report(occ, NULL, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    char path[512];
    snprintf(path, sizeof path, "%s/index.html", occ);
    char *page = test_slurp(path, NULL);
    assert_non_null(page);
    const char *why = well_formed(page, 1);
    if (why)
        fail_msg("index.html: %s", why);
    static const char *const wanted[] = {
        "<title>Emploi accompagné — Occitanie 2022-2026 — rapport 2026</title>",
        "<h2>Chiffres clés 2026</h2>",
        "<td class=\"n\">645</td>",
        "<td class=\"n\">2 773 500 €</td>",
        "<td class=\"n\">4 300 €</td>",
        "Écart à la cible (places − file active)",
        "dont emploi durable",
        "<svg",
        "<section class=\"chart\" id=\"file_active_region\">",
        "<section class=\"chart\" id=\"km_recherche\">",
        "La file active régionale passe de 439 à ",
        "@media print",
        "break-before:page",
        "Hypothèses du scénario (run.ini)",
        "name = Occitanie 2022-2026",
        "Capacité observée au 31/12/2022",
        "<td>Haute-Garonne</td>",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        assert_contains(page, wanted[i], path);
    assert_null(strstr(page, "src=\"http"));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<?xml"));
    assert_true(count(page, "<svg") >= 10);
    free(page);
    snprintf(path, sizeof path, "%s/report.pdf", occ);
    check_pdf(path);
    assert_no_leftovers(occ);

    pl_report_input in = { 2024, PL_EN };
    assert_int_equal(report(occ, &in, &err), ENG_OK);
    snprintf(path, sizeof path, "%s/index.html", occ);
    page = test_slurp(path, NULL);
    assert_contains(page, "<title>Supported employment — Occitanie 2022-2026 — report 2024</title>",
                    path);
    assert_contains(page, "<td class=\"n\">€2,773,500</td>", path);
    free(page);

    in.year = 1990;
    assert_int_equal(report(occ, &in, &err), ENG_EINPUT);
    assert_contains(err.msg, "no year 1990", "the error");
}

/* ---- Errors ------------------------------------------------------------------------------------
 */

static void test_errors(void **state)
{
    (void)state;
    char dir[128], path[512];
    eng_error err = { { 0 } };
    int n;
    snprintf(dir, sizeof dir, "%s/absent", tmpdir);
    assert_int_equal(plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    assert_contains(err.msg, "cannot read the directory", "the error");
    snprintf(dir, sizeof dir, "%s/empty", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    assert_contains(err.msg, "no table to draw", "the error");
    assert_int_equal(report(dir, NULL, &err), ENG_EINPUT);
    assert_contains(err.msg, "no annual.csv", "the error");

    snprintf(path, sizeof path, "%s/monthly.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("scope,month,indicator,mean\nregion,2022-01,file_active,12\nregion,2022-02,file_active,"
          "1x\n",
          f);
    fclose(f);
    assert_int_equal(plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    assert_contains(err.msg, "monthly.csv:3:", "the error");

    f = fopen(path, "w");
    fputs("scope;month;indicator;mean\nregion;2022-01;file_active;12,5\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/km.csv", dir);
    f = fopen(path, "w");
    fputs("module,time_months,survival\nprojet,2,0.5\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/fit.csv", dir);
    f = fopen(path, "w");
    fputs("module,family,parameters,chosen\nprojet,gama,gama(mean=3),1\n", f);
    fclose(f);
    assert_int_equal(plot(dir, PL_PNG, PL_FR, &n, &err), ENG_EINPUT);
    assert_contains(err.msg, "fit.csv: module projet", "the error");
    assert_contains(err.msg, "gama", "the error");

    /* Tables in the French style (semicolons, decimal comma) read as the standard ones. */
    f = fopen(path, "w");
    fputs("module;family;parameters;chosen\nprojet;exponential;exponential(mean=3);1\n", f);
    fclose(f);
    if (plot(dir, PL_SVG, PL_FR, &n, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(n, 2);   /* file_active_region and km_projet */
}

static void test_french_csv(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/fr", tmpdir);
    assert_int_equal(eaflow("simulate", "scenarios/occitanie-2022.ini", "-n", "5", "-o", dir,
                            "--csv", "fr", "-q", NULL),
                     0);
    eng_error err = { { 0 } };
    int n = 0;
    if (plot(dir, PL_SVG, PL_FR, &n, &err) != ENG_OK)
        fail_msg("%s", err.msg);
    /* 14 scopes x 4 charts, and occupancy from annual.csv since there is no capacity.csv. */
    assert_int_equal(n, 14 * 4 + 1);
    char path[512];
    chart_path(path, sizeof path, dir, "occupancy", "svg");
    char *occupancy = check_svg(path);
    assert_contains(occupancy, "fin 2026 (simulé)", path);
    free(occupancy);
    chart_path(path, sizeof path, dir, "budget_region", "svg");
    char *svg = check_svg(path);
    assert_contains(svg, "<text>2 500 000 €</text>", path);
    free(svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_svg),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_readings),
        cmocka_unit_test(test_fit_curves),
        cmocka_unit_test(test_injection),
        cmocka_unit_test(test_missing_gnuplot),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_french_csv),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
