/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-sources-private.h: the bookkeeping that imports, refreshes and the
 * default dataset write into sources and source_history, through the
 * sources module.  Core only; each runs inside the caller's transaction. */
#pragma once

#include "atlas-sources.h"

G_BEGIN_DECLS

/* After an import: the description (kind, format, url, licence,
 * attribution of @description), the content hash, the counts; retrieved
 * and attempted now, status "imported". */
gboolean  _atlas_sources_set_imported     (AtlasStore         *store,
                                           gint64              id,
                                           const AtlasSource  *description,
                                           const char         *sha256,
                                           gint64              row_count,
                                           gint64              rejected,
                                           GError            **error);
/* After a JSON feed's figures changed: licence, attribution, hash and
 * records; retrieved now. */
gboolean  _atlas_sources_set_snapshot     (AtlasStore         *store,
                                           gint64              id,
                                           const char         *licence,
                                           const char         *attribution,
                                           const char         *sha256,
                                           gint64              row_count,
                                           GError            **error);
/* A refresh attempt now, with its @status ("failed: …", "imported" …);
 * with @validators, the refresh succeeded and @etag, @last_modified and
 * @format are stored too. */
gboolean  _atlas_sources_set_attempt      (AtlasStore         *store,
                                           gint64              id,
                                           const char         *status,
                                           gboolean            validators,
                                           const char         *etag,
                                           const char         *last_modified,
                                           const char         *format,
                                           GError            **error);
/* The records and rejected rows a source holds (the default dataset,
 * curated entries); @rejected < 0 keeps the stored count. */
gboolean  _atlas_sources_set_counts       (AtlasStore         *store,
                                           gint64              id,
                                           gint64              row_count,
                                           gint64              rejected,
                                           GError            **error);
/* Appends @event (at NULL: now) to the source's history. */
gboolean  _atlas_sources_append_history   (AtlasStore              *store,
                                           gint64                   id,
                                           const AtlasSourceEvent  *event,
                                           GError                 **error);
/* Adds what only the refresh knows to the history row of the import it
 * just committed. */
gboolean  _atlas_sources_amend_last_import (AtlasStore        *store,
                                            gint64             id,
                                            guint              http_status,
                                            const char        *etag,
                                            const char        *last_modified,
                                            GError           **error);
/* Adds or updates an embedded source (kind "embedded", enabled), keeping
 * its id.  Returns the id; 0 without @error when a source of another kind
 * has that name; -1 with @error. */
gint64    _atlas_sources_put_embedded     (AtlasStore         *store,
                                           const AtlasSource  *description,
                                           GError            **error);
/* The ids of the sources of @kind. */
GArray   *_atlas_sources_ids_of_kind      (AtlasStore         *store,
                                           const char         *kind,
                                           GError            **error);
gboolean  _atlas_sources_remove_id        (AtlasStore         *store,
                                           gint64              id,
                                           GError            **error);

G_END_DECLS
