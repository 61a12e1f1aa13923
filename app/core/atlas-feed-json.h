/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-json.h: the Salary Atlas JSON feed format (docs/feed-format.md),
 * read with json-glib. A feed carries salary records and cited figures;
 * the records go through the CSV importer (as CSV with a fixed mapping) so
 * that they get the same identities, companies and role families as files. */
#pragma once

#include <glib.h>

#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_FEED_JSON_ERROR (atlas_feed_json_error_quark ())

typedef enum
{
  ATLAS_FEED_JSON_ERROR_SYNTAX,    /* not JSON */
  ATLAS_FEED_JSON_ERROR_VERSION,   /* not a feed, or a newer major version */
  ATLAS_FEED_JSON_ERROR_INVALID,   /* a member is missing or has a bad value */
  ATLAS_FEED_JSON_ERROR_EMPTY,     /* neither records nor figures */
} AtlasFeedJsonError;

/* The major version this build reads; minor versions only add members,
 * which older readers ignore. */
#define ATLAS_FEED_JSON_VERSION 1

typedef struct _AtlasFeedJson AtlasFeedJson;

GQuark         atlas_feed_json_error_quark   (void);

/* Parses and validates a whole feed. @display_name (a URL or file name)
 * starts every error message, with the JSON path of the bad member:
 * "https://…/feed.json: records[3].amount: …". */
AtlasFeedJson *atlas_feed_json_parse         (const char     *data,
                                              gsize           len,
                                              const char     *display_name,
                                              GError        **error);
void           atlas_feed_json_free          (AtlasFeedJson  *self);

const char    *atlas_feed_json_get_title       (AtlasFeedJson *self);
const char    *atlas_feed_json_get_licence     (AtlasFeedJson *self);
const char    *atlas_feed_json_get_attribution (AtlasFeedJson *self);
guint          atlas_feed_json_get_version     (AtlasFeedJson *self);
guint          atlas_feed_json_get_n_records   (AtlasFeedJson *self);
guint          atlas_feed_json_get_n_figures   (AtlasFeedJson *self);

/* The records as RFC 4180 CSV, one column per mapping key, in feed order;
 * NULL when the feed has no records. */
GBytes        *atlas_feed_json_records_to_csv  (AtlasFeedJson *self);
/* The mapping file (GKeyFile text) that reads that CSV. */
const char    *atlas_feed_json_get_mapping_data (void);

/* Replaces the figures of source @source_id by the feed's, in the caller's
 * transaction. Figure uids are "feed:SOURCE:ID", so they stay stable across
 * refreshes of the same feed. */
gboolean       atlas_feed_json_store_figures   (AtlasFeedJson *self,
                                                AtlasStore    *store,
                                                gint64         source_id,
                                                const char    *source_name,
                                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFeedJson, atlas_feed_json_free)

G_END_DECLS
