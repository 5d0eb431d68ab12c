/* eng_msg.c — The language of the messages, and the lookup in the English catalogue generated
 * from po/en.po (po/po2c.awk writes it as a table of French and English pairs). */
#include "eng_msg.h"

#include <stdlib.h>
#include <string.h>

#include "eng_msg_catalogue.h"

static eng_msg_lang current = ENG_MSG_FR;
static int sorted;

int eng_msg_lang_parse(const char *text, eng_msg_lang *out)
{
    if (!text)
        return -1;
    static const struct { const char *code; eng_msg_lang lang; } codes[] = {
        { "fr", ENG_MSG_FR }, { "en", ENG_MSG_EN },
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *c = codes[i].code;
        int match = (text[0] | 0x20) == c[0] && (text[1] | 0x20) == c[1];
        /* "fr" alone, or followed by what a locale name puts after the language. */
        if (match && (text[2] == '\0' || strchr("_.@-", text[2]))) {
            *out = codes[i].lang;
            return 0;
        }
    }
    return -1;
}

static int pair_cmp(const void *a, const void *b)
{
    return strcmp(((const eng_msg_catalogue_pair *)a)->fr, ((const eng_msg_catalogue_pair *)b)->fr);
}

void eng_msg_set_lang(eng_msg_lang lang)
{
    if (lang == ENG_MSG_EN && !sorted) {
        qsort(eng_msg_catalogue_en, eng_msg_catalogue_en_size, sizeof eng_msg_catalogue_en[0],
              pair_cmp);
        sorted = 1;
    }
    current = lang;
}

eng_msg_lang eng_msg_get_lang(void)
{
    return current;
}

const char *eng_msg_tr(const char *fr)
{
    if (current == ENG_MSG_FR || !fr)
        return fr;
    eng_msg_catalogue_pair key = { fr, NULL };
    const eng_msg_catalogue_pair *hit = bsearch(&key, eng_msg_catalogue_en, eng_msg_catalogue_en_size,
                                      sizeof eng_msg_catalogue_en[0], pair_cmp);
    return hit ? hit->en : fr;
}
