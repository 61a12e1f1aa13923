/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed.h: refreshing sources over HTTP(S) with libcurl.
 *
 * A feed is a row of the sources table with a URL. A refresh downloads it
 * with a conditional GET (the stored ETag and Last-Modified), streams the
 * body straight into the importer (one transaction) and commits only when
 * the whole body arrived and parsed; every attempt is recorded in
 * source_history and in sources.last_status. */
#pragma once

#include <gio/gio.h>

#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_FEED_ERROR (atlas_feed_error_quark ())

typedef enum
{
  ATLAS_FEED_ERROR_NO_SOURCE,   /* no such source, or it has no URL */
  ATLAS_FEED_ERROR_URL,         /* not an http(s) URL */
  ATLAS_FEED_ERROR_HTTP,        /* the server answered with an error status */
  ATLAS_FEED_ERROR_NETWORK,     /* resolve, connect, reset, body cut short */
  ATLAS_FEED_ERROR_TIMEOUT,     /* connect timeout or low-speed timeout */
  ATLAS_FEED_ERROR_REDIRECT,    /* to a forbidden scheme, or too many */
  ATLAS_FEED_ERROR_TOO_LARGE,   /* over the size limit */
  ATLAS_FEED_ERROR_CONTENT,     /* not the declared format, or does not decode */
  ATLAS_FEED_ERROR_TLS,         /* certificate or handshake */
  ATLAS_FEED_ERROR_FORMAT,      /* unknown feed format name */
} AtlasFeedError;

/* The built-in source: the aijobs.net salary index, CC0. */
#define ATLAS_FEED_AIJOBS_NAME "aijobs.net"
#define ATLAS_FEED_AIJOBS_URL  "https://aijobs.net/salaries/download/salaries.csv"

/* The format name of a Salary Atlas JSON feed (docs/feed-format.md); the
 * other names are the importer's (atlas_format_to_string()). */
#define ATLAS_FEED_FORMAT_JSON "salary-atlas-json"

#define ATLAS_FEED_DEFAULT_MAX_SIZE (G_GUINT64_CONSTANT (256) * 1024 * 1024)

typedef struct
{
  guint64  max_size;          /* bytes after decoding; 0: ATLAS_FEED_DEFAULT_MAX_SIZE */
  guint    connect_timeout;   /* seconds; 0: 30 */
  guint    low_speed_time;    /* seconds under low_speed_limit before giving up; 0: 60 */
  guint    low_speed_limit;   /* bytes per second; 0: 1 */
  guint    max_tries;         /* 0: 3 */
  guint    retry_delay_ms;    /* pause before the second try, doubled after; 0: 1000 */
  gboolean strict;            /* abort on the first bad row */
  gboolean force;             /* send no validators: always download */
  /* Where each download asks for its proxy (atlas_network_proxy_for_url);
   * NULL: g_proxy_resolver_get_default(). Not owned: it must outlive the
   * refresh. Tests pass a fake one. */
  GProxyResolver *proxy_resolver;
  guint    attempt_timeout;   /* seconds one try may take in all; 0: 120 */
  guint    deadline;          /* seconds all tries (and pauses) may take; 0: 300 */
} AtlasFeedOptions;

/* Fills @options with the defaults, then applies the environment overrides
 * SALARY_ATLAS_FEED_MAX_SIZE, _CONNECT_TIMEOUT, _LOW_SPEED_TIME,
 * _LOW_SPEED_LIMIT, _TRIES, _RETRY_DELAY_MS, _ATTEMPT_TIMEOUT and _DEADLINE
 * (seconds for the whole refresh; used by tests, benchmarks and people on
 * slow links). */
void atlas_feed_options_init (AtlasFeedOptions *options);

typedef struct
{
  guint64 downloaded;         /* bytes on the wire so far */
  guint64 total;              /* expected bytes on the wire, 0 if unknown */
  guint64 bytes;              /* body bytes after decoding */
  guint64 rows;               /* lines handed to the importer */
  guint   attempt;            /* 1 for the first try */
} AtlasFeedProgress;

/* Called in the thread (sync) or main context (async) of the caller. */
typedef void (*AtlasFeedProgressFunc) (const AtlasFeedProgress *progress,
                                       gpointer                 user_data);

typedef enum
{
  ATLAS_FEED_OUTCOME_IMPORTED,      /* a new snapshot replaced the records */
  ATLAS_FEED_OUTCOME_NOT_MODIFIED,  /* 304: nothing was downloaded */
  ATLAS_FEED_OUTCOME_UNCHANGED,     /* downloaded, but the same content */
} AtlasFeedOutcome;

typedef struct
{
  char            *source_name;
  char            *url;           /* the effective URL, after redirects */
  AtlasFeedOutcome outcome;
  guint            http_status;
  guint            tries;
  guint64          bytes;         /* body bytes after decoding */
  guint64          records;       /* records the source holds now */
  guint64          previous;      /* records it held before */
  gint64           added;         /* records - previous */
  guint64          figures;       /* figures the source holds now (JSON feeds) */
  guint64          rejected;
  char            *etag;
  char            *last_modified;
  char            *sha256;
  GPtrArray       *rejections;    /* "URL:LINE: reason" */
} AtlasFeedResult;

GQuark           atlas_feed_error_quark      (void);

AtlasFeedResult *atlas_feed_result_copy      (const AtlasFeedResult *result);
void             atlas_feed_result_free      (AtlasFeedResult       *result);
/* "74,301 records (+2,745)", "unchanged (304)", "unchanged, 74,301 records". */
char            *atlas_feed_result_describe  (const AtlasFeedResult *result);

/* Registers the built-in sources (aijobs.net) unless a source of that name
 * exists; never downloads anything. */
gboolean         atlas_feed_ensure_builtin   (AtlasStore  *store,
                                              GError     **error);

typedef enum
{
  ATLAS_FEED_ADD_DEFAULT = 0,   /* update the feed of that name, if there is one */
  ATLAS_FEED_ADD_NEW     = 1,   /* fail with ATLAS_SOURCES_ERROR_EXISTS when the
                                 * name is taken: adding under the name of
                                 * another source would turn it into this feed */
  ATLAS_FEED_ADD_CHECK   = 2,   /* check all that adding checks, then roll it
                                 * back: nothing changes */
} AtlasFeedAddFlags;

/* A feed to add: atlas_feed_add_source_full()'s arguments, the mapping as
 * the text of @mapping_file when it is set, else @mapping. */
typedef struct
{
  char  *name;
  char  *url;
  char  *format;
  char  *mapping;
  GFile *mapping_file;
  char  *licence;
  char  *attribution;
} AtlasFeedSpec;

AtlasFeedSpec   *atlas_feed_spec_copy        (const AtlasFeedSpec *spec);
void             atlas_feed_spec_free        (AtlasFeedSpec       *spec);

/* Adds a feed, or updates the URL, format, mapping, licence and attribution
 * of the feed of that name. @format is an importer format name or
 * ATLAS_FEED_FORMAT_JSON. @mapping is the text of a mapping file (see
 * AtlasMapping): required, and checked, when @format is "csv"; it must be
 * NULL for every other format. Records stay until the next refresh; a new
 * URL, format or mapping makes that refresh download and import again. */
gboolean         atlas_feed_add_source       (AtlasStore  *store,
                                              const char  *name,
                                              const char  *url,
                                              const char  *format,
                                              const char  *mapping,
                                              const char  *licence,
                                              const char  *attribution,
                                              GError     **error);
gboolean         atlas_feed_add_source_full  (AtlasStore         *store,
                                              const char         *name,
                                              const char         *url,
                                              const char         *format,
                                              const char         *mapping,
                                              const char         *licence,
                                              const char         *attribution,
                                              AtlasFeedAddFlags   flags,
                                              GError            **error);
/* The same on the query pool (atlas-query-pool.h); the mapping is the text
 * of @mapping_file when it is not NULL, else @mapping. */
void             atlas_feed_add_source_async (const char          *db_path,
                                              const char          *name,
                                              const char          *url,
                                              const char          *format,
                                              const char          *mapping,
                                              GFile               *mapping_file,
                                              const char          *licence,
                                              const char          *attribution,
                                              AtlasFeedAddFlags    flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean         atlas_feed_add_source_finish (GAsyncResult       *result,
                                               GError            **error);
/* The names of the enabled sources that have an http(s) URL, in name order. */
GStrv            atlas_feed_list_refreshable (AtlasStore  *store,
                                              GError     **error);
void             atlas_feed_list_refreshable_async  (const char          *db_path,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GStrv            atlas_feed_list_refreshable_finish (GAsyncResult        *result,
                                                     GError             **error);

/* Refreshes one source in the calling thread. On failure, returns NULL; the
 * records are exactly as before and the attempt is recorded. A cancelled
 * refresh fails with G_IO_ERROR_CANCELLED. */
AtlasFeedResult *atlas_feed_refresh_sync     (AtlasStore              *store,
                                              const char              *source_name,
                                              const AtlasFeedOptions  *options,
                                              GCancellable            *cancellable,
                                              AtlasFeedProgressFunc    progress,
                                              gpointer                 progress_data,
                                              GError                 **error);

/* The same on a worker thread, which opens its own connection to the
 * database at @store_path. @progress is called in the thread-default main
 * context of the caller, at most about ten times a second; @progress_notify
 * frees @progress_data once no more calls will come. @options may be NULL
 * (atlas_feed_options_init()). */
void             atlas_feed_refresh_async    (const char              *store_path,
                                              const char              *source_name,
                                              const AtlasFeedOptions  *options,
                                              GCancellable            *cancellable,
                                              AtlasFeedProgressFunc    progress,
                                              gpointer                 progress_data,
                                              GDestroyNotify           progress_notify,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data);
AtlasFeedResult *atlas_feed_refresh_finish   (GAsyncResult            *result,
                                              GError                 **error);
/* A new feed and its first refresh in one transaction, as `salary-atlas
 * refresh --url` does: the feed is kept only when that refresh succeeds; a
 * failure, Cancel or a kill leave no trace of it (a typo in the URL leaves
 * no empty source behind).  The name must be new (ATLAS_FEED_ADD_NEW).
 * The rest is atlas_feed_refresh_async()'s; atlas_feed_refresh_finish()
 * gives the result. */
void             atlas_feed_add_and_refresh_async (const char              *store_path,
                                                   const AtlasFeedSpec     *spec,
                                                   const AtlasFeedOptions  *options,
                                                   GCancellable            *cancellable,
                                                   AtlasFeedProgressFunc    progress,
                                                   gpointer                 progress_data,
                                                   GDestroyNotify           progress_notify,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFeedResult, atlas_feed_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFeedSpec, atlas_feed_spec_free)

G_END_DECLS
