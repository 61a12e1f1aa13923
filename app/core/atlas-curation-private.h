/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-private.h: what the curation files share: the undo log
 * and the small statement helpers every curation action uses. */
#pragma once

#include <sqlite3.h>

#include "atlas-store.h"

G_BEGIN_DECLS

/* Now, UTC, ISO 8601: the date every curation entry carries. */
char     *_atlas_curation_now        (void);
gboolean  _atlas_curation_step_done  (AtlasStore         *store,
                                      sqlite3_stmt       *stmt,
                                      const char         *what,
                                      GError            **error);
/* Runs @sql with @n_params text parameters (NULL binds NULL). */
gboolean  _atlas_curation_exec       (AtlasStore         *store,
                                      const char         *sql,
                                      const char * const *params,
                                      guint               n_params,
                                      GError            **error);
/* Starts the undo log entry of one action; 0 on error. */
gint64    _atlas_curation_log_begin  (AtlasStore         *store,
                                      const char         *action,
                                      const char         *description,
                                      GError            **error);
/* Adds an undo item to @log_id; @values are up to six texts (a … f). */
gboolean  _atlas_curation_log_item   (AtlasStore         *store,
                                      gint64              log_id,
                                      const char         *op,
                                      const char * const *values,
                                      guint               n_values,
                                      GError            **error);
/* Commits when @ok, else rolls back; TRUE when committed. */
gboolean  _atlas_curation_finish     (AtlasStore         *store,
                                      gboolean            ok,
                                      GError            **error);

G_END_DECLS
