/* eng_msg.h — The language of the messages eaflow shows people, and their one catalogue.
 * Messages are written in French in the code (the default); po/en.po, in gettext's format, gives
 * their English. */
#ifndef ENG_MSG_H
#define ENG_MSG_H

typedef enum eng_msg_lang { ENG_MSG_FR = 0, ENG_MSG_EN } eng_msg_lang;

/* Reads a language: "fr" or "en" in any case, or a locale name that starts with one of them
 * ("en_GB.UTF-8", "fr_FR@euro"). Returns 0, or -1 for anything else ("C", "de", ""). */
int eng_msg_lang_parse(const char *text, eng_msg_lang *out);

/* Sets the language of every later message. Called by main once, before any thread starts: the
 * first switch to English sorts the catalogue. */
void eng_msg_set_lang(eng_msg_lang lang);

/* The current language (French until eng_msg_set_lang says otherwise). */
eng_msg_lang eng_msg_get_lang(void);

/* The decimal mark of the current language: ',' in French, '.' in English. */
char eng_msg_decimal_mark(void);

/* Rewrites in place the decimal points of a number written by printf ("2.5", "%.4g") with the
 * current language's mark ("2,5" in French), for people; returns s. */
char *eng_msg_number(char *s);

/* The message `fr` in the current language: fr itself in French, its English from the catalogue
 * otherwise, or fr again when the catalogue lacks it (a test checks that it lacks none). A format
 * string keeps its conversions in the same order in both languages (msgfmt --check). */
const char *eng_msg_tr(const char *fr) __attribute__((format_arg(1)));

/* The system's error `e` (an errno value) in the current language, for the messages that report a
 * failed open, read or write: strerror speaks the C locale's English, which a French message would
 * then mix in. The usual ones are translated here; any other is strerror's text. */
const char *eng_msg_errno(int e);

/* Marks a French string for the catalogue where it is stored rather than shown (a table's
 * initialiser); the code that shows it passes it through eng_msg_tr. gettext calls this N_. */
#define ENG_MSG_N(fr) (fr)

#endif
