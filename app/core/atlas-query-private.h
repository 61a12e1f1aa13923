/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-private.h: what other core modules share with atlas-query.c. */
#pragma once

#include "atlas-query.h"

G_BEGIN_DECLS

/* Appends the filter's conditions, each " AND …", for the table aliased
 * @prefix, and their parameters (strings, bound as text) to @params: the
 * same conditions the statistics use, for the records page and bulk
 * curation. */
void _atlas_query_append_filter (GString           *sql,
                                 GPtrArray         *params,
                                 const AtlasFilter *filter,
                                 const char        *prefix);

G_END_DECLS
