/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-http.h: one HTTP(S) download with libcurl.
 *
 * A transfer is a conditional GET on one easy handle, tried as often as
 * the caller wants.  It knows nothing of the store: the body of a 200,
 * once its first bytes look like the expected kind (not an HTML error page,
 * not binary), goes to a body function piece by piece. */
#pragma once

#include "atlas-feed.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_FEED_BODY_CSV,
  ATLAS_FEED_BODY_JSON,
} AtlasFeedBodyKind;

typedef gboolean (*AtlasFeedBodyFunc) (const char  *data,
                                       gsize        len,
                                       gpointer     user_data,
                                       GError     **error);

typedef struct
{
  const char             *url;
  const char             *etag;           /* validators of the stored copy, or NULL */
  const char             *last_modified;
  AtlasFeedBodyKind       kind;
  const AtlasFeedOptions *options;        /* filled in: no zeros */
  GCancellable           *cancellable;
  AtlasFeedProgressFunc   progress;       /* called in the transfer's thread */
  gpointer                progress_data;
  AtlasFeedBodyFunc       body;
  gpointer                body_data;
} AtlasFeedRequest;

typedef struct _AtlasFeedTransfer AtlasFeedTransfer;

/* Initialises libcurl once; call it in the thread that starts a refresh,
 * before any worker does (curl_global_init() is not thread-safe everywhere). */
void               _atlas_feed_http_init             (void);

/* The request's strings and options must outlive the transfer. */
AtlasFeedTransfer *_atlas_feed_transfer_new          (const AtlasFeedRequest *request);
void               _atlas_feed_transfer_free         (AtlasFeedTransfer      *self);
/* One try, numbered @attempt.  TRUE when the server answered 304, or 200
 * with a body that was delivered whole; else FALSE with an error that names
 * the URL, and *@retry telling whether another try may help. */
gboolean           _atlas_feed_transfer_perform      (AtlasFeedTransfer      *self,
                                                      guint                   attempt,
                                                      gboolean               *retry,
                                                      GError                **error);
/* After a try: its HTTP status (0 if none), validators, URL after
 * redirects and body size after decoding. */
guint              _atlas_feed_transfer_get_status   (AtlasFeedTransfer      *self);
const char        *_atlas_feed_transfer_get_etag     (AtlasFeedTransfer      *self);
const char        *_atlas_feed_transfer_get_last_modified (AtlasFeedTransfer *self);
const char        *_atlas_feed_transfer_get_url      (AtlasFeedTransfer      *self);
guint64            _atlas_feed_transfer_get_bytes    (AtlasFeedTransfer      *self);
/* The pause before the next try: @delay_ms, or longer when the server said
 * when to come back (Retry-After, believed up to a minute). */
guint64            _atlas_feed_transfer_retry_delay  (AtlasFeedTransfer      *self,
                                                      guint64                 delay_ms);
/* Sleeps @ms milliseconds unless cancelled first. */
/* The time the next try may take in all, in milliseconds. */
void               _atlas_feed_transfer_set_timeout  (AtlasFeedTransfer      *self,
                                                      gint64                  timeout_ms);
gboolean           _atlas_feed_transfer_pause        (AtlasFeedTransfer      *self,
                                                      guint64                 ms,
                                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFeedTransfer, _atlas_feed_transfer_free)

G_END_DECLS
