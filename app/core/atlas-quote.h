/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-quote.h: input quoted in a message, made safe to print.
 *
 * File and server contents reach terminals and toasts through error
 * messages.  Every message that quotes input (a CSV field or header, a
 * server's bytes, a URL, a file name) quotes it through here, so that an
 * escape sequence cannot retitle a terminal, a bidi override cannot reorder
 * the message, invalid UTF-8 cannot break the text, and an 8 MiB field
 * cannot become an 8 MiB message. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters of input kept in a quote; the rest becomes "…". */
#define ATLAS_QUOTE_MAX_CHARS 80
/* The same for a file name or URL that names the input in a message
 * (FILE:LINE): long, so that real paths stay whole. */
#define ATLAS_QUOTE_MAX_NAME_CHARS 1024

/* Appends @text (@len bytes, or -1 when NUL-terminated) to @out: control
 * characters (C0, DEL, C1), line and paragraph separators and the bidi
 * controls as \n, \t, \r or \u{XXXX}; each byte of invalid UTF-8 as \xNN; a
 * at most @max_chars characters of input, then "…". */
void   atlas_quote_append_len (GString    *out,
                               const char *text,
                               gssize      len,
                               guint       max_chars);

/* atlas_quote_append_len() of a NUL-terminated string with the default cap,
 * as a new string (NULL gives ""). */
char  *atlas_quote            (const char *text);
/* The same with ATLAS_QUOTE_MAX_NAME_CHARS, for file names and URLs. */
char  *atlas_quote_name       (const char *text);

G_END_DECLS
