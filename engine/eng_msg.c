/* eng_msg.c — The language of the messages, and the lookup in the English catalogue generated
 * from po/en.po (po/po2c.awk writes it as a table of French and English pairs). */
#include "eng_msg.h"

#include <errno.h>
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

char eng_msg_decimal_mark(void)
{
    return current == ENG_MSG_FR ? ',' : '.';
}

char *eng_msg_number(char *s)
{
    for (char *c = s; *c; c++)
        if (*c == '.')
            *c = eng_msg_decimal_mark();
    return s;
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

const char *eng_msg_errno(int e)
{
    static const struct {
        int e;
        const char *fr;
    } known[] = {
        { ENOENT, ENG_MSG_N("fichier ou dossier introuvable") },
        { EACCES, ENG_MSG_N("permission refusée") },
        { EPERM, ENG_MSG_N("opération non permise") },
        { EISDIR, ENG_MSG_N("c'est un dossier") },
        { ENOTDIR, ENG_MSG_N("un élément du chemin n'est pas un dossier") },
        { ENOSPC, ENG_MSG_N("plus de place sur le disque") },
        { EDQUOT, ENG_MSG_N("quota de disque dépassé") },
        { EROFS, ENG_MSG_N("système de fichiers en lecture seule") },
        { EEXIST, ENG_MSG_N("le fichier existe déjà") },
        { ENAMETOOLONG, ENG_MSG_N("nom de fichier trop long") },
        { ENOTEMPTY, ENG_MSG_N("le dossier n'est pas vide") },
        { EMFILE, ENG_MSG_N("trop de fichiers ouverts") },
        { ENOMEM, ENG_MSG_N("mémoire insuffisante") },
        { EIO, ENG_MSG_N("erreur d'entrée-sortie du disque") },
        { ELOOP, ENG_MSG_N("trop de liens symboliques dans le chemin") },
        { EBUSY, ENG_MSG_N("ressource occupée") },
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (known[i].e == e)
            return eng_msg_tr(known[i].fr);
    return strerror(e);
}
