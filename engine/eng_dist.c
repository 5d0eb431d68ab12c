/* eng_dist.c — Duration distributions: parsing, drawing, residual times, moments and canonical text.
 * All durations are in months. */
#include "eng_dist.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "eng_stream.h"
#include "eng_text.h"

#define ENG_DIST_NAMES "exponential, gamma, lognormal, weibull, fixed, empirical, none"

/* What the parser needs to know about one family: its name, the syntax quoted in error messages,
 * and the names of its named parameters (none for fixed, empirical and none, which take values). */
typedef struct dist_family {
    const char *name;
    eng_dist_kind kind;
    const char *syntax;
    int nparam;
    const char *param[2];
} dist_family;

static const dist_family families[] = {
    {"exponential", ENG_DIST_EXPONENTIAL, "exponential(mean=M)", 1, {"mean", NULL}},
    {"gamma", ENG_DIST_GAMMA, "gamma(mean=M, sd=S)", 2, {"mean", "sd"}},
    {"lognormal", ENG_DIST_LOGNORMAL, "lognormal(mean=M, sd=S)", 2, {"mean", "sd"}},
    {"weibull", ENG_DIST_WEIBULL, "weibull(shape=K, scale=L)", 2, {"shape", "scale"}},
    {"fixed", ENG_DIST_FIXED, "fixed(V)", 0, {NULL, NULL}},
    {"empirical", ENG_DIST_EMPIRICAL, "empirical(v1, v2, ...)", 0, {NULL, NULL}},
    {"none", ENG_DIST_NONE, "none", 0, {NULL, NULL}},
};

#define NFAMILIES (sizeof families / sizeof families[0])

static const dist_family *family_of(eng_dist_kind kind)
{
    size_t i = 0;
    while (i + 1 < NFAMILIES && families[i].kind != kind)
        i++;
    return &families[i];
}

/* Shortest round-trip text of x, for the canonical text and for error messages. */
typedef struct num_text {
    char s[32];
} num_text;

static num_text num(double x)
{
    num_text t;
    eng_text_format_double(t.s, sizeof t.s, x);
    return t;
}

static char *skip_blanks(char *p)
{
    while (isspace((unsigned char)*p))
        p++;
    return p;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Fills the derived parameters from p1, p2 and checks the user's constraints. The checks on the
 * derived parameters catch inputs such as gamma(mean=1e200, sd=1e-200), whose shape overflows;
 * exponential and Weibull copy their finite parameters and cannot fail them. */
static int set_named(eng_dist *d, const dist_family *f, eng_error *err)
{
    const char *n1 = f->param[0], *n2 = f->param[1];
    if (!(d->p1 > 0))
        return eng_error_set(err, ENG_EINPUT, "%s : %s doit être > 0, lu %s", f->name, n1,
                            num(d->p1).s);
    if (f->nparam == 2 && !(d->p2 > 0))
        return eng_error_set(err, ENG_EINPUT, "%s : %s doit être > 0, lu %s", f->name, n2,
                            num(d->p2).s);
    switch (d->kind) {
    case ENG_DIST_EXPONENTIAL:
        d->a = d->p1;
        break;
    case ENG_DIST_GAMMA: {
        double cv = d->p2 / d->p1;
        d->a = 1.0 / (cv * cv);       /* shape k = (M/S)^2 */
        d->b = d->p2 * cv;            /* scale theta = S^2/M, in months */
        break;
    }
    case ENG_DIST_LOGNORMAL: {
        double cv = d->p2 / d->p1;
        double s2 = log1p(cv * cv);   /* sigma^2 = ln(1 + S^2/M^2), log1p keeps small cv accurate */
        d->a = log(d->p1) - 0.5 * s2; /* mu of ln D */
        d->b = sqrt(s2);              /* sigma of ln D */
        break;
    }
    default:                          /* weibull: GSL's gsl_ran_weibull(r, scale, shape) order */
        d->a = d->p2;
        d->b = d->p1;
        break;
    }
    if (f->nparam == 2 && (!isfinite(d->a) || !isfinite(d->b)
                           || (d->kind == ENG_DIST_GAMMA && !(d->a > 0 && d->b > 0))))
        return eng_error_set(err, ENG_EINPUT, "%s : %s=%s et %s=%s sont hors du domaine utilisable ; "
                            "rapprochez les deux valeurs",
                            f->name, n1, num(d->p1).s, n2, num(d->p2).s);
    return ENG_OK;
}

/* Parses the comma-separated `name=value` list in args (NUL-terminated, without parentheses). */
static int parse_named(char *args, eng_dist *d, const dist_family *f, eng_error *err)
{
    double *slot[2] = {&d->p1, &d->p2};
    int seen[2] = {0, 0};
    char *item = args;
    for (;;) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        eng_text_trim(item);
        if (!*item)
            return eng_error_set(err, ENG_EINPUT, "%s : paramètre vide (attendu %s)", f->name,
                                f->syntax);
        char *eq = strchr(item, '=');
        if (!eq)
            return eng_error_set(err, ENG_EINPUT, "%s : attendu nom=valeur, lu « %s » (écrivez %s)",
                                f->name, item, f->syntax);
        *eq = '\0';
        char *key = eng_text_trim(item), *val = eng_text_trim(eq + 1);
        int k = -1;
        for (int i = 0; i < f->nparam; i++)
            if (eng_text_casecmp(key, f->param[i]) == 0)
                k = i;
        if (k < 0) {
            if (f->nparam == 1)
                return eng_error_set(err, ENG_EINPUT, "%s : paramètre inconnu « %s » (attendu %s)",
                                    f->name, key, f->param[0]);
            return eng_error_set(err, ENG_EINPUT, "%s : paramètre inconnu « %s » (attendu %s et %s)",
                                f->name, key, f->param[0], f->param[1]);
        }
        if (seen[k])
            return eng_error_set(err, ENG_EINPUT, "%s : paramètre %s donné deux fois ; gardez-en un", f->name,
                                f->param[k]);
        if (eng_text_parse_double(val, slot[k]) != 0)
            return eng_error_set(err, ENG_EINPUT, "%s : %s doit être un nombre, lu « %s »", f->name,
                                f->param[k], val);
        seen[k] = 1;
        if (!comma)
            break;
        item = comma + 1;
    }
    for (int i = 0; i < f->nparam; i++)
        if (!seen[i])
            return eng_error_set(err, ENG_EINPUT, "%s : paramètre %s manquant (écrivez %s)", f->name,
                                f->param[i], f->syntax);
    return set_named(d, f, err);
}

static int parse_fixed(char *args, eng_dist *d, const dist_family *f, eng_error *err)
{
    eng_text_trim(args);
    if (!*args || strchr(args, ','))
        return eng_error_set(err, ENG_EINPUT, "fixed : attendu une seule valeur, comme dans %s", f->syntax);
    if (eng_text_parse_double(args, &d->p1) != 0)
        return eng_error_set(err, ENG_EINPUT, "fixed : la valeur doit être un nombre, lu « %s »", args);
    if (!(d->p1 >= 0))
        return eng_error_set(err, ENG_EINPUT, "fixed : la valeur doit être >= 0, lu %s", num(d->p1).s);
    d->a = d->p1;
    return ENG_OK;
}

/* Fills values (sorted ascending) and cum; on failure frees them and leaves d->values NULL. */
static int parse_empirical(char *args, eng_dist *d, const dist_family *f, eng_error *err)
{
    if (!*skip_blanks(args))
        return eng_error_set(err, ENG_EINPUT, "empirical : attendu au moins une valeur, comme dans %s",
                            f->syntax);
    size_t n = 1;
    for (const char *p = args; *p; p++)
        n += *p == ',';
    double *values = malloc(n * sizeof *values);
    double *cum = malloc(n * sizeof *cum);
    int status = ENG_OK;
    if (!values || !cum) {
        status = eng_error_set(err, ENG_EFAIL, "empirical : mémoire insuffisante pour %zu valeurs", n);
        goto fail;
    }
    char *item = args;
    for (size_t i = 0; i < n; i++) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        eng_text_trim(item);
        if (!*item) {
            status = eng_error_set(err, ENG_EINPUT, "empirical : la valeur %zu est vide ; retirez la virgule en trop", i + 1);
            goto fail;
        }
        if (eng_text_parse_double(item, &values[i]) != 0) {
            status = eng_error_set(err, ENG_EINPUT,
                                  "empirical : la valeur %zu doit être un nombre, lu « %s »", i + 1, item);
            goto fail;
        }
        if (!(values[i] >= 0)) {
            status = eng_error_set(err, ENG_EINPUT, "empirical : les valeurs doivent être >= 0, lu %s",
                                  num(values[i]).s);
            goto fail;
        }
        if (comma)
            item = comma + 1;
    }
    qsort(values, n, sizeof *values, cmp_double);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += values[i];
        cum[i] = sum;
    }
    if (!(sum > 0)) {
        status = eng_error_set(err, ENG_EINPUT, "empirical : les valeurs ne peuvent pas être toutes nulles");
        goto fail;
    }
    if (!isfinite(sum)) {
        status = eng_error_set(err, ENG_EINPUT, "empirical : valeurs trop grandes pour être additionnées");
        goto fail;
    }
    d->values = values;
    d->cum = cum;
    d->n = n;
    return ENG_OK;
fail:
    free(values);
    free(cum);
    return status;
}

/* Works on a private copy of text so that tokens can be cut in place with NUL bytes. */
static int parse_copy(char *s, eng_dist *d, eng_error *err)
{
    char *p = skip_blanks(s);
    char *name = p;
    while (isalnum((unsigned char)*p) || *p == '_')
        p++;
    if (p == name) {
        if (!*p)
            return eng_error_set(err, ENG_EINPUT, "distribution vide ; attendu l'une de : %s",
                                 ENG_DIST_NAMES);
        return eng_error_set(err, ENG_EINPUT,
                             "attendu un nom de distribution (%s), lu « %s »",
                             ENG_DIST_NAMES, eng_text_trim(p));
    }
    char stop = *p;
    *p = '\0';
    const dist_family *f = NULL;
    for (size_t i = 0; i < NFAMILIES; i++)
        if (eng_text_casecmp(name, families[i].name) == 0)
            f = &families[i];
    if (!f)
        return eng_error_set(err, ENG_EINPUT,
                            "distribution inconnue « %s » ; attendu l'une de : %s", name,
                            ENG_DIST_NAMES);
    *p = stop;
    char *after = skip_blanks(p);
    if (f->kind == ENG_DIST_NONE) {
        if (*after)
            return eng_error_set(err, ENG_EINPUT, "none : ne prend pas de paramètre, lu « %s » après ; "
                                 "retirez-le",
                                 eng_text_trim(after));
        return ENG_OK;
    }
    if (*after != '(')
        return eng_error_set(err, ENG_EINPUT, "%s : attendu « ( » après le nom, comme dans %s", f->name,
                            f->syntax);
    char *args = after + 1;
    char *close = args + strcspn(args, "()");
    if (*close == '(')
        return eng_error_set(err, ENG_EINPUT,
                            "%s : « ( » inattendue entre les parenthèses (écrivez %s)", f->name,
                            f->syntax);
    if (!*close)
        return eng_error_set(err, ENG_EINPUT, "%s : « ) » manquante (écrivez %s)", f->name, f->syntax);
    *close = '\0';
    char *tail = skip_blanks(close + 1);
    if (*tail)
        return eng_error_set(err, ENG_EINPUT, "%s : texte inattendu « %s » après « ) » ; retirez-le", f->name,
                             eng_text_trim(tail));
    d->kind = f->kind;
    if (f->kind == ENG_DIST_FIXED)
        return parse_fixed(args, d, f, err);
    if (f->kind == ENG_DIST_EMPIRICAL)
        return parse_empirical(args, d, f, err);
    return parse_named(args, d, f, err);
}

int eng_dist_parse(const char *text, eng_dist *d, eng_error *err)
{
    *d = (eng_dist){.kind = ENG_DIST_NONE};
    if (!text)
        return eng_error_set(err, ENG_EINPUT, "distribution vide ; attendu l'une de : %s",
                                 ENG_DIST_NAMES);
    char *copy = strdup(text);
    if (!copy)
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour lire une distribution");
    eng_dist tmp = {.kind = ENG_DIST_NONE};
    int status = parse_copy(copy, &tmp, err);
    free(copy);
    /* parse_empirical owns its arrays only on success, so a failed tmp holds nothing to free. */
    if (status == ENG_OK)
        *d = tmp;
    return status;
}

/* Ziggurat tables for the exponential (Marsaglia and Tsang 2000, 256 layers): zig_k[i] bounds the
 * 24-bit draws that fall inside layer i's inner rectangle, zig_w[i] scales a draw to x, zig_f[i]
 * is exp(-x[i]). They and the normal's are computed once, by whichever thread needs them first. */
#define ZIG_R 7.697117470131487      /* start of the tail */
#define ZIG_V 3.949659822581572e-3   /* area of each layer */
#define ZIG_M 16777216.0             /* 2^24: draws of 24 bits */
static uint32_t zig_k[256];
static double zig_w[256], zig_f[256];
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;
static atomic_int zig_ready;   /* set once the tables are built: a load instead of pthread_once
                                  on every draw */

static void nzig_init(void);   /* the normal's tables, built with these (below) */

static void zig_init(void)
{
    double de = ZIG_R, te = de, q = ZIG_V / exp(-de);
    zig_k[0] = (uint32_t)((de / q) * ZIG_M);
    zig_k[1] = 0;
    zig_w[0] = q / ZIG_M;
    zig_w[255] = de / ZIG_M;
    zig_f[0] = 1.0;
    zig_f[255] = exp(-de);
    for (int i = 254; i >= 1; i--) {
        de = -log(ZIG_V / de + exp(-de));
        zig_k[i + 1] = (uint32_t)((de / te) * ZIG_M);
        te = de;
        zig_f[i] = exp(-de);
        zig_w[i] = de / ZIG_M;
    }
    nzig_init();
    atomic_store_explicit(&zig_ready, 1, memory_order_release);
}

/* The rest of an exponential draw whose first try, u, fell outside its layer's rectangle (about
 * 1 % of draws), out of line like normal_slow. */
static double exponential_slow(gsl_rng *r, uint32_t u)
{
    for (;;) {
        uint32_t iz = u >> 24, jz = u & 0xffffffu;
        if (jz < zig_k[iz])
            return jz * zig_w[iz];
        if (iz == 0)   /* the tail beyond R is R plus an exponential (memoryless) */
            return ZIG_R - log1p(-gsl_rng_uniform(r));
        double x = jz * zig_w[iz];
        if (zig_f[iz] + gsl_rng_uniform(r) * (zig_f[iz - 1] - zig_f[iz]) < exp(-x))
            return x;
        u = (uint32_t)gsl_rng_get(r);
    }
}

/* The usual path: a person's substream gives its 32 bits inline (the upper half of its 64, what
 * gsl_rng_get returns for it), another generator through GSL. */
static inline double exponential(gsl_rng *r)
{
    if (!atomic_load_explicit(&zig_ready, memory_order_acquire))
        pthread_once(&zig_once, zig_init);
    uint32_t u = r->type == eng_stream_type ? (uint32_t)(eng_stream_next(r) >> 32)
                                            : (uint32_t)gsl_rng_get(r);
    uint32_t iz = u >> 24, jz = u & 0xffffffu;
    if (jz < zig_k[iz])
        return jz * zig_w[iz];
    return exponential_slow(r, u);
}

double eng_dist_exponential(gsl_rng *r)
{
    return exponential(r);
}

/* 64 random bits: one SplitMix64 step, inlined, when r is a person's substream (every duration
 * and patience of the model), else two 32-bit outputs of r (MT19937), or for a generator of
 * another range two uniforms cut to 32 bits. */
static inline uint64_t bits64(gsl_rng *r)
{
    if (r->type == eng_stream_type)
        return eng_stream_next(r);
    if (r->type->min == 0 && r->type->max == 0xffffffffUL) {
        uint64_t hi = gsl_rng_get(r);
        return hi << 32 | gsl_rng_get(r);
    }
    uint64_t hi = (uint64_t)(gsl_rng_uniform(r) * 4294967296.0);
    return hi << 32 | (uint64_t)(gsl_rng_uniform(r) * 4294967296.0);
}

/* A uniform in (0, 1): 52 random bits and a half, never 0 (a logarithm follows) nor 1. */
static inline double uniform_pos(gsl_rng *r)
{
    return ((double)(bits64(r) >> 12) + 0.5) * 0x1.0p-52;
}

/* Ziggurat tables for the standard normal (Marsaglia and Tsang 2000, 128 layers over the half
 * line): a 32-bit signed draw h in layer i is accepted at once when |h| < nzig_k[i] (about 98.8 %
 * of draws), the value being h * nzig_w[i]; nzig_f[i] is exp(-x^2/2) at the layer's edge. They
 * are built with the exponential's, by zig_init. */
#define NZIG_R 3.442619855899        /* start of the tail */
#define NZIG_V 9.91256303526217e-3   /* area of each layer */
#define NZIG_M 2147483648.0          /* 2^31: signed draws of 32 bits */
static uint32_t nzig_k[128];
static double nzig_w[128], nzig_f[128];

static void nzig_init(void)
{
    double dn = NZIG_R, tn = dn, q = NZIG_V / exp(-0.5 * dn * dn);
    nzig_k[0] = (uint32_t)((dn / q) * NZIG_M);
    nzig_k[1] = 0;
    nzig_w[0] = q / NZIG_M;
    nzig_w[127] = dn / NZIG_M;
    nzig_f[0] = 1.0;
    nzig_f[127] = exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; i--) {
        dn = sqrt(-2.0 * log(NZIG_V / dn + exp(-0.5 * dn * dn)));
        nzig_k[i + 1] = (uint32_t)((dn / tn) * NZIG_M);
        tn = dn;
        nzig_f[i] = exp(-0.5 * dn * dn);
        nzig_w[i] = dn / NZIG_M;
    }
}

/* The rest of a normal draw whose first try, u, fell outside its layer's inner rectangle (about
 * 1.2 % of draws): the tail beyond R by Marsaglia's (1964) method, or the wedge's test, then new
 * tries. Kept out of line so that the usual path below inlines into its callers. */
static double normal_slow(gsl_rng *r, uint64_t u)
{
    for (;;) {
        unsigned iz = (unsigned)(u & 127);
        int32_t h = (int32_t)(uint32_t)(u >> 32);
        uint32_t ah = h < 0 ? 0u - (uint32_t)h : (uint32_t)h;
        double x = h * nzig_w[iz];
        if (ah < nzig_k[iz])
            return x;
        if (iz == 0) {
            double tx, ty;
            do {
                tx = -log(uniform_pos(r)) / NZIG_R;
                ty = -log(uniform_pos(r));
            } while (ty + ty < tx * tx);
            return h > 0 ? NZIG_R + tx : -NZIG_R - tx;
        }
        if (nzig_f[iz] + uniform_pos(r) * (nzig_f[iz - 1] - nzig_f[iz]) < exp(-0.5 * x * x))
            return x;
        u = bits64(r);
    }
}

/* A standard normal variate. The layer comes from the draw's low 7 bits and the value from its
 * high 32, disjoint bits, so that they are independent (the original algorithm took both from the
 * same 32 bits, a flaw Doornik (2005) pointed out). */
static inline double normal(gsl_rng *r)
{
    if (!atomic_load_explicit(&zig_ready, memory_order_acquire))
        pthread_once(&zig_once, zig_init);
    uint64_t u = bits64(r);
    unsigned iz = (unsigned)(u & 127);
    int32_t h = (int32_t)(uint32_t)(u >> 32);
    uint32_t ah = h < 0 ? 0u - (uint32_t)h : (uint32_t)h;
    if (ah < nzig_k[iz])
        return h * nzig_w[iz];
    return normal_slow(r, u);
}

/* exp(zeta + sigma Z), Z standard normal by the ziggurat: about one draw of 64 bits and no
 * logarithm for most draws. */
static double lognormal(gsl_rng *r, double zeta, double sigma)
{
    return exp(zeta + sigma * normal(r));
}

/* A gamma variate of shape a and scale b by Marsaglia and Tsang (2000): a normal, a cube and a
 * uniform, accepted by the squeeze 1 - 0.0331 x^4 in about 98 % of tries; for a shape below 1,
 * Gamma(a + 1) times U^(1/a). The same method as gsl_ran_gamma, on the normals above. */
static double gamma_draw(gsl_rng *r, double a, double b)
{
    if (a < 1) {
        double u = uniform_pos(r);
        return gamma_draw(r, 1.0 + a, b) * pow(u, 1.0 / a);
    }
    double d = a - 1.0 / 3.0, c = (1.0 / 3.0) / sqrt(d);
    for (;;) {
        double x, v;
        do {
            x = normal(r);
            v = 1.0 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = uniform_pos(r), x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v)))
            return b * d * v;
    }
}

double eng_dist_sample(const eng_dist *d, gsl_rng *r)
{
    switch (d->kind) {
    case ENG_DIST_EXPONENTIAL:
        return d->a * exponential(r);
    case ENG_DIST_GAMMA:
        return gamma_draw(r, d->a, d->b);
    case ENG_DIST_LOGNORMAL:
        return lognormal(r, d->a, d->b);
    case ENG_DIST_WEIBULL:
        return gsl_ran_weibull(r, d->a, d->b);
    case ENG_DIST_FIXED:
        return d->a;
    case ENG_DIST_EMPIRICAL:
        return d->values[gsl_rng_uniform_int(r, d->n)];
    default:
        return HUGE_VAL;
    }
}

/* Index of the empirical value drawn with probability proportional to the value: the first i with
 * cum[i] > t for t uniform in [0, total). Zero values add nothing to cum and are never chosen. If
 * rounding makes t reach the total, the search ends on the last value, which is positive. */
static size_t pick_biased(const eng_dist *d, gsl_rng *r)
{
    double t = gsl_rng_uniform(r) * d->cum[d->n - 1];
    size_t lo = 0, hi = d->n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->cum[mid] > t)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* The forward recurrence time R has density S(x)/E[D]. Equivalently R = U L, with U uniform on
 * [0, 1) and L the length-biased duration of density x f(x)/E[D]: a random instant falls in a
 * duration with probability proportional to its length, then uniformly inside it. */
double eng_dist_sample_residual(const eng_dist *d, gsl_rng *r)
{
    double len;
    switch (d->kind) {
    case ENG_DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, d->a);   /* memoryless: the residual has the same law */
    case ENG_DIST_GAMMA:
        len = gamma_draw(r, d->a + 1.0, d->b);
        break;
    case ENG_DIST_LOGNORMAL:
        len = lognormal(r, d->a + d->b * d->b, d->b);
        break;
    case ENG_DIST_WEIBULL:
        /* If Y ~ Gamma(1 + 1/k, 1) then scale * Y^(1/k) has density x f(x)/E[D]. */
        len = d->a * pow(gamma_draw(r, 1.0 + 1.0 / d->b, 1.0), 1.0 / d->b);
        break;
    case ENG_DIST_FIXED:
        len = d->a;
        break;
    case ENG_DIST_EMPIRICAL:
        len = d->values[pick_biased(d, r)];
        break;
    default:
        return HUGE_VAL;
    }
    return gsl_rng_uniform(r) * len;
}

/* Gamma function for the Weibull moments; beyond GSL_SF_GAMMA_XMAX gsl_sf_gamma would overflow
 * and call the GSL error handler, so the value is returned as +infinity instead. */
static double gamma_fn(double x)
{
    return x > GSL_SF_GAMMA_XMAX ? HUGE_VAL : gsl_sf_gamma(x);
}

double eng_dist_mean(const eng_dist *d)
{
    switch (d->kind) {
    case ENG_DIST_EXPONENTIAL:
    case ENG_DIST_GAMMA:
    case ENG_DIST_LOGNORMAL:
        return d->p1;
    case ENG_DIST_WEIBULL:
        return d->a * gamma_fn(1.0 + 1.0 / d->b);
    case ENG_DIST_FIXED:
        return d->a;
    case ENG_DIST_EMPIRICAL:
        return d->cum[d->n - 1] / (double)d->n;
    default:
        return HUGE_VAL;
    }
}

double eng_dist_sd(const eng_dist *d)
{
    switch (d->kind) {
    case ENG_DIST_EXPONENTIAL:
        return d->p1;
    case ENG_DIST_GAMMA:
    case ENG_DIST_LOGNORMAL:
        return d->p2;
    case ENG_DIST_WEIBULL: {
        double g1 = gamma_fn(1.0 + 1.0 / d->b), g2 = gamma_fn(1.0 + 2.0 / d->b);
        /* For very large shapes g2 - g1^2 is a tiny difference that rounding could make
         * negative. */
        return isfinite(g2) ? d->a * sqrt(fmax(g2 - g1 * g1, 0.0)) : HUGE_VAL;
    }
    case ENG_DIST_FIXED:
        return 0.0;
    case ENG_DIST_EMPIRICAL: {
        /* Population sd (divisor n): each listed value is one equally likely outcome. */
        double m = eng_dist_mean(d), ss = 0;
        for (size_t i = 0; i < d->n; i++)
            ss += (d->values[i] - m) * (d->values[i] - m);
        return sqrt(ss / (double)d->n);
    }
    default:
        return HUGE_VAL;
    }
}

/* snprintf-like accumulator: writes what fits, always NUL-terminated, and counts the full
 * length. */
typedef struct text_out {
    char *buf;
    size_t size, len;
} text_out;

static void put(text_out *o, const char *s)
{
    size_t k = strlen(s);
    if (o->len + 1 < o->size) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, k < room ? k : room);
    }
    o->len += k;
    if (o->size > 0)
        o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
}

static void put_num(text_out *o, double x)
{
    put(o, num(x).s);
}

int eng_dist_format(const eng_dist *d, char *buf, size_t size)
{
    text_out o = {buf, size, 0};
    if (size > 0)
        buf[0] = '\0';
    switch (d->kind) {
    case ENG_DIST_EXPONENTIAL:
    case ENG_DIST_GAMMA:
    case ENG_DIST_LOGNORMAL:
    case ENG_DIST_WEIBULL: {
        const dist_family *f = family_of(d->kind);
        put(&o, f->name);
        put(&o, "(");
        put(&o, f->param[0]);
        put(&o, "=");
        put_num(&o, d->p1);
        if (f->nparam == 2) {
            put(&o, ", ");
            put(&o, f->param[1]);
            put(&o, "=");
            put_num(&o, d->p2);
        }
        put(&o, ")");
        break;
    }
    case ENG_DIST_FIXED:
        put(&o, "fixed(");
        put_num(&o, d->p1);
        put(&o, ")");
        break;
    case ENG_DIST_EMPIRICAL:
        put(&o, "empirical(");
        for (size_t i = 0; i < d->n; i++) {
            if (i > 0)
                put(&o, ", ");
            put_num(&o, d->values[i]);
        }
        put(&o, ")");
        break;
    default:
        put(&o, "none");
        break;
    }
    return (int)o.len;
}

int eng_dist_copy(eng_dist *dst, const eng_dist *src, eng_error *err)
{
    *dst = *src;
    if (src->kind != ENG_DIST_EMPIRICAL)
        return ENG_OK;
    dst->values = malloc(src->n * sizeof *dst->values);
    dst->cum = malloc(src->n * sizeof *dst->cum);
    if (!dst->values || !dst->cum) {
        free(dst->values);
        free(dst->cum);
        *dst = (eng_dist){.kind = ENG_DIST_NONE};
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour copier une distribution empirique "
                            "de %zu valeurs", src->n);
    }
    memcpy(dst->values, src->values, src->n * sizeof *dst->values);
    memcpy(dst->cum, src->cum, src->n * sizeof *dst->cum);
    return ENG_OK;
}

void eng_dist_clear(eng_dist *d)
{
    if (!d)
        return;
    free(d->values);
    free(d->cum);
    *d = (eng_dist){.kind = ENG_DIST_NONE};
}
