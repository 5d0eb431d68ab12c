# po2c.awk — Writes the English catalogue of eaflow (po/en.po, gettext's PO format) as a C table
# of French and English pairs (engine/eng_msg_catalogue.h). PO strings use C's escapes, so each
# quoted line is copied as it is and C joins adjacent strings. Entries without a translation, the
# header (empty msgid), fuzzy entries and obsolete ones (#~) are left out: those messages stay in
# French, as gettext does.
BEGIN {
    print "/* Generated from po/en.po by po/po2c.awk: edit po/en.po, not this file. */"
    print "#include \"engine/eng_msg_catalogue.h\""
    print "eng_msg_catalogue_pair eng_msg_catalogue_en[] = {"
}
function flush() {
    if (id != "" && id != "\"\"" && str != "" && str != "\"\"" && !fuzzy)
        printf "    { %s,\n      %s },\n", id, str
    id = ""; str = ""; fuzzy = 0; part = ""
}
/^#,.*fuzzy/ { fuzzy = 1; next }
/^#/ { next }
/^[ \t]*$/ { flush(); next }
/^msgid / { if (part == "str") flush(); part = "id"; id = substr($0, 7); next }
/^msgstr / { part = "str"; str = substr($0, 8); next }
/^"/ {
    if (part == "id") id = id "\n      " $0
    else if (part == "str") str = str "\n      " $0
    next
}
END {
    flush()
    print "    { 0, 0 }"
    print "};"
    print "/* The last pair only ends the table, which C would not allow empty. */"
    print "const size_t eng_msg_catalogue_en_size = sizeof eng_msg_catalogue_en / sizeof eng_msg_catalogue_en[0] - 1;"
}
