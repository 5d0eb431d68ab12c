/* test_report_browser.c — The annual report as a reader gets it: `eaflow report` on the default
 * scenario with the example data, then the page opened in headless Chromium (when installed: make
 * deps BROWSER=1), with a screenshot and the rendered page's text. */
#include "test_util.h"
#include "test_proc.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/eaflow-report-XXXXXX");
    assert_non_null(mkdtemp(dir));
    const char *argv[] = { test_eaflow_bin(), "report", "scenarios/occitanie-2022.ini", "-o", dir, "-n", "30",
                     "--observed", "scenarios/data/observed-occitanie.csv", "--funding",
                     "scenarios/data/funding-occitanie.csv", "--records",
                     "scenarios/data/records-occitanie.csv", "-q", NULL };
    assert_int_equal(test_run(argv, NULL, NULL, 300), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *argv[] = { "rm", "-rf", dir, NULL };
    test_run(argv, NULL, NULL, 60);
    return 0;
}

/* The page stands alone: key figures first, charts inline, nothing fetched from elsewhere. */
static void test_page(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *html = test_slurp(path, NULL);
    assert_non_null(html);
    char *key = strstr(html, "Chiffres clés");
    char *svg = strstr(html, "<svg");
    assert_non_null(key);
    assert_non_null(svg);
    assert_true(key < svg);
    assert_non_null(strstr(html, "645"));
    assert_non_null(strstr(html, "2 773 500"));
    assert_null(strstr(html, "src=\"http"));
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "<script"));
    free(html);
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    size_t size = 0;
    char *pdf = test_slurp(path, &size);
    assert_non_null(pdf);
    assert_true(size > 10000 && memcmp(pdf, "%PDF-", 5) == 0);
    free(pdf);
}

static const char *chromium(void)
{
    static const char *const candidates[] = { "/usr/bin/chromium", "/usr/bin/chromium-browser", NULL };
    for (int i = 0; candidates[i]; i++)
        if (access(candidates[i], X_OK) == 0)
            return candidates[i];
    return NULL;
}

/* In Chromium: a screenshot that is not blank, and a rendered page showing the key figures, with
 * its charts and no broken image. */
static void test_in_chromium(void **state)
{
    (void)state;
    const char *browser = chromium();
    if (!browser) {
        print_message("Chromium is not installed (make deps BROWSER=1): browser test skipped\n");
        skip();
    }
    char profile[128], shot[128], url[160], dom[128], size_arg[] = "--window-size=1280,2000";
    snprintf(profile, sizeof profile, "--user-data-dir=%s/profile", dir);
    snprintf(shot, sizeof shot, "--screenshot=%s/shot.png", dir);
    snprintf(url, sizeof url, "file://%s/index.html", dir);
    snprintf(dom, sizeof dom, "%s/dom.html", dir);
    char *flags[] = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync" };
    const char *argv[16];
    int n = 0;
    argv[n++] = browser;
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        argv[n++] = flags[i];
    argv[n++] = profile;
    argv[n++] = size_arg;
    argv[n++] = shot;
    argv[n++] = url;
    argv[n] = NULL;
    assert_int_equal(test_run(argv, NULL, NULL, 120), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/shot.png", dir);
    size_t size = 0;
    char *png = test_slurp(path, &size);
    assert_non_null(png);
    assert_true(memcmp(png, "\x89PNG", 4) == 0);
    /* A blank 1280 x 2000 page compresses to a few kilobytes; figures and charts take far more. */
    assert_true(size > 60000);
    free(png);

    argv[n - 2] = "--dump-dom";
    assert_int_equal(test_run(argv, dom, NULL, 120), 0);
    char *html = test_slurp(dom, NULL);
    assert_non_null(html);
    assert_non_null(strstr(html, "Chiffres clés"));
    assert_non_null(strstr(html, "2 773 500"));
    int svgs = 0;
    for (char *p = html; (p = strstr(p, "<svg")); p++)
        svgs++;
    assert_true(svgs >= 5);
    /* No broken image: every image is inline SVG; an <img> would have to carry its data. */
    for (char *p = html; (p = strstr(p, "<img")); p++) {
        char *end = strchr(p, '>'), *src = strstr(p, "src=\"data:");
        assert_true(end && src && src < end);
    }
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_in_chromium),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
