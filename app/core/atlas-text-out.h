/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-text-out.h: the CSV field and the JSON string as the exports write
 * them (records, and the table behind a chart). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text as one RFC 4180 field: quoted only when it holds a comma, a quote
 * or a line break. */
void atlas_csv_append_field   (GString    *out,
                               const char *text);
/* @text as a JSON string, quotes included (UTF-8 passes through). */
void atlas_json_append_string (GString    *out,
                               const char *text);

G_END_DECLS
