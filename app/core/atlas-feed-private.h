/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-private.h: what the files of a feed refresh share.
 *
 * A refresh (atlas-feed.c) loads the source (atlas-feed-sources.c), tries
 * the download (atlas-feed-http.c) with its body going into an applier
 * (atlas-feed-apply.c: the importer's transaction, or a JSON feed's figures
 * and records), and records the attempt (atlas-feed-sources.c again).  The
 * asynchronous refresh relays progress to the caller (atlas-feed-relay.c). */
#pragma once

#include "atlas-feed.h"
#include "atlas-import.h"

G_BEGIN_DECLS

/* What the sources table says about the source being refreshed. */
typedef struct
{
  gint64        id;
  char         *name;
  char         *url;
  char         *format_name;
  char         *licence;
  char         *attribution;
  char         *etag;
  char         *last_modified;
  gint64        row_count;
  gboolean      is_json;
  AtlasFormat   format;
  AtlasMapping *mapping;      /* the stored mapping of a generic CSV feed */
} AtlasFeedSource;

/* Reads the source @name and checks that it can be refreshed: an http(s)
 * URL, a format that can be downloaded, a valid mapping where one is needed. */
gboolean  _atlas_feed_source_load           (AtlasStore             *store,
                                             const char             *name,
                                             AtlasFeedSource        *source,
                                             GError                **error);
void      _atlas_feed_source_clear          (AtlasFeedSource        *source);
/* Records a failed refresh in source_history and sources.last_status;
 * failing to, it only warns (the refresh failed already). */
void      _atlas_feed_source_record_failure (AtlasStore             *store,
                                             const AtlasFeedSource  *source,
                                             guint                   http_status,
                                             const GError           *failure,
                                             guint                   tries);
/* Records the validators and the outcome of a successful refresh. */
gboolean  _atlas_feed_source_record_success (AtlasStore             *store,
                                             const AtlasFeedSource  *source,
                                             const AtlasFeedResult  *result,
                                             GError                **error);

/* Runs one statement; after @error come a type character per parameter
 * and its value: 's' a string or NULL, 'i' a gint64. */
gboolean  _atlas_feed_exec                  (AtlasStore             *store,
                                             const char             *sql,
                                             const char             *what,
                                             GError                **error,
                                             ...);

/* The body of one try, applied to the store.  A CSV body streams into the
 * importer as it arrives; a JSON feed is kept whole and applied at the end.
 * Nothing is committed before _atlas_feed_apply_finish(). */
typedef struct _AtlasFeedApply AtlasFeedApply;

AtlasFeedApply *_atlas_feed_apply_new    (AtlasStore             *store,
                                          const AtlasFeedSource  *source,
                                          gboolean                strict);
/* An AtlasFeedBodyFunc: takes the next piece of the body. */
gboolean        _atlas_feed_apply_write  (const char             *data,
                                          gsize                   len,
                                          gpointer                apply,
                                          GError                **error);
/* The transfer whose response headers (ETag, Last-Modified) are stored
 * with the body, in the import's transaction. */
struct _AtlasFeedTransfer;
void            _atlas_feed_apply_set_transfer (AtlasFeedApply            *self,
                                                struct _AtlasFeedTransfer *transfer);
/* Forgets what the last try delivered (rolling back its import). */
void            _atlas_feed_apply_reset  (AtlasFeedApply         *self);
/* The whole body arrived: commits it and fills the outcome, the counts,
 * the hash and the rejections of @result. */
gboolean        _atlas_feed_apply_finish (AtlasFeedApply         *self,
                                          AtlasFeedResult        *result,
                                          GError                **error);
void            _atlas_feed_apply_free   (AtlasFeedApply         *self);

/* Adds the feed of @spec (the mapping file read first) with @flags. */
gboolean        _atlas_feed_spec_add      (AtlasStore              *store,
                                           const AtlasFeedSpec     *spec,
                                           AtlasFeedAddFlags        flags,
                                           GCancellable            *cancellable,
                                           GError                 **error);

/* Relays progress from a worker thread to the main context of the caller
 * that created it, at most one pending call at a time (the latest wins). */
typedef struct _AtlasFeedRelay AtlasFeedRelay;

AtlasFeedRelay *_atlas_feed_relay_new     (AtlasFeedProgressFunc    func,
                                           gpointer                 data,
                                           GDestroyNotify           notify);
/* An AtlasFeedProgressFunc, for any thread. */
void            _atlas_feed_relay_push    (const AtlasFeedProgress *progress,
                                           gpointer                 relay);
/* In the caller's context: the caller was told the refresh is over, so no
 * more calls reach it. */
void            _atlas_feed_relay_done    (AtlasFeedRelay          *self);
/* Drops a reference; the last one runs @notify in the caller's context. */
void            _atlas_feed_relay_release (AtlasFeedRelay          *self);

/* g_set_str() is GLib 2.76; the floor is 2.74. */
static inline void
_atlas_feed_set_str (char       **dest,
                     const char  *value)
{
  if (*dest == value)
    return;
  g_free (*dest);
  *dest = g_strdup (value);
}

static inline char *
_atlas_feed_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

G_END_DECLS
