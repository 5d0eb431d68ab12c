/* eng_msg_catalogue.h — The English catalogue that the build generates from po/en.po: pairs of a
 * French message and its English, in the file's order until eng_msg_set_lang sorts them. */
#ifndef ENG_MSG_CATALOGUE_H
#define ENG_MSG_CATALOGUE_H

#include <stddef.h>

typedef struct eng_msg_catalogue_pair {
    const char *fr;
    const char *en;
} eng_msg_catalogue_pair;

extern eng_msg_catalogue_pair eng_msg_catalogue_en[];
extern const size_t eng_msg_catalogue_en_size;

#endif
