/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-apply.c: a downloaded body, applied to the store.
 *
 * A CSV body streams into the importer as it arrives, whose transaction
 * commits only in atlas_import_finish(), after the whole body arrived; a
 * reset or a free before that rolls back.  A Salary Atlas JSON feed is kept
 * whole, then its records go through the importer and its figures are
 * written in the same transaction. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-feed-http.h"
#include "atlas-feed-json.h"
#include "atlas-feed-private.h"
#include "atlas-sources-private.h"
#include "atlas-store-cells.h"
#include "atlas-store-private.h"

struct _AtlasFeedApply
{
  AtlasStore            *store;
  const AtlasFeedSource *source;
  gboolean               strict;
  AtlasImport           *import;     /* a CSV body being imported */
  GByteArray            *json_body;  /* a JSON feed so far */
  AtlasFeedTransfer     *transfer;   /* borrowed: its response's validators */
};

AtlasFeedApply *
_atlas_feed_apply_new (AtlasStore            *store,
                       const AtlasFeedSource *source,
                       gboolean               strict)
{
  AtlasFeedApply *self = g_new0 (AtlasFeedApply, 1);

  self->store = store;
  self->source = source;
  self->strict = strict;
  self->json_body = g_byte_array_new ();

  return self;
}

void
_atlas_feed_apply_reset (AtlasFeedApply *self)
{
  g_clear_pointer (&self->import, atlas_import_free);
  g_byte_array_set_size (self->json_body, 0);
}

void
_atlas_feed_apply_free (AtlasFeedApply *self)
{
  if (self == NULL)
    return;

  _atlas_feed_apply_reset (self);
  g_byte_array_unref (self->json_body);
  g_free (self);
}

void
_atlas_feed_apply_set_transfer (AtlasFeedApply    *self,
                                AtlasFeedTransfer *transfer)
{
  self->transfer = transfer;
}

/* The response's validators go into the import's transaction: a kill
 * between two commits would leave new records beside the old ETag, and the
 * next refresh would get a 304 for content that is not the stored one. */
static void
set_validators (AtlasFeedApply     *self,
                AtlasImportOptions *options)
{
  if (self->transfer == NULL)
    return;
  options->set_validators = TRUE;
  options->etag = _atlas_feed_transfer_get_etag (self->transfer);
  options->last_modified = _atlas_feed_transfer_get_last_modified (self->transfer);
}

gboolean
_atlas_feed_apply_write (const char  *data,
                         gsize        len,
                         gpointer     apply,
                         GError     **error)
{
  AtlasFeedApply *self = apply;
  const AtlasFeedSource *source = self->source;

  if (source->is_json)
    {
      g_byte_array_append (self->json_body, (const guint8 *) data, len);
      return TRUE;
    }

  if (self->import == NULL)
    {
      AtlasImportOptions options = { 0 };

      options.source_name = source->name;
      options.source_kind = "feed";
      options.url = source->url;
      options.licence = source->licence && *source->licence ? source->licence : NULL;
      options.attribution = source->attribution && *source->attribution ?
                            source->attribution : NULL;
      options.format = source->format;
      options.mapping = source->mapping;
      options.strict = self->strict;
      set_validators (self, &options);

      self->import = atlas_import_begin (self->store, source->url, &options, error);
      if (self->import == NULL)
        return FALSE;
    }

  return atlas_import_feed (self->import, data, len, error);
}

/* The importer's outcome, as the feed's. */
static void
take_import_result (AtlasFeedResult   *result,
                    AtlasImportResult *import_result)
{
  result->outcome = import_result->unchanged ? ATLAS_FEED_OUTCOME_UNCHANGED :
                                               ATLAS_FEED_OUTCOME_IMPORTED;
  result->records = import_result->imported;
  result->previous = import_result->previous;
  result->added = import_result->added;
  result->rejected = import_result->rejected;
  _atlas_feed_set_str (&result->sha256, import_result->sha256);
  g_clear_pointer (&result->rejections, g_ptr_array_unref);
  result->rejections = g_steal_pointer (&import_result->rejections);
  atlas_import_result_clear (import_result);
}

/* Salary Atlas JSON feeds: records through the importer, figures in the
 * same transaction. */

static char *
figures_digest (AtlasStore *store,
                gint64      source_id)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store,
                              "SELECT uid, role_family, job_title, country, company_id, experience,"
                              " year, currency, p25, median, p75, mean, n, statistic, citation, url,"
                              " licence, retrieved, note FROM figures WHERE source_id = ?"
                              " ORDER BY uid",
                              NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, i);

        g_checksum_update (checksum, (const guchar *) (text ? "v" : "n"), 1);
        if (text != NULL)
          g_checksum_update (checksum, (const guchar *) text, strlen (text) + 1);
      }
  sqlite3_finalize (stmt);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
apply_json (AtlasFeedApply   *self,
            AtlasFeedResult  *result,
            GError          **error)
{
  const AtlasFeedSource *source = self->source;
  g_autoptr(AtlasFeedJson) feed = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *old_digest = NULL;
  g_autofree char *new_digest = NULL;
  g_autofree char *sha256 = NULL;
  gboolean unchanged;

  feed = atlas_feed_json_parse ((const char *) self->json_body->data, self->json_body->len,
                                source->url, error);
  if (feed == NULL)
    return FALSE;

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, self->json_body->data,
                                        self->json_body->len);
  result->figures = atlas_feed_json_get_n_figures (feed);
  csv = atlas_feed_json_records_to_csv (feed);
  old_digest = figures_digest (self->store, source->id);

  if (csv != NULL)
    {
      g_autoptr(AtlasMapping) mapping = NULL;
      g_autoptr(AtlasImport) import = NULL;
      AtlasImportOptions options = { 0 };
      AtlasImportResult import_result = { 0 };
      const char *mapping_data = atlas_feed_json_get_mapping_data ();
      gsize len;
      const char *data = g_bytes_get_data (csv, &len);

      mapping = atlas_mapping_new_from_data (mapping_data, strlen (mapping_data),
                                             "salary-atlas-json", error);
      if (mapping == NULL)
        return FALSE;

      options.source_name = source->name;
      options.source_kind = "feed";
      options.url = source->url;
      options.licence = atlas_feed_json_get_licence (feed);
      options.attribution = atlas_feed_json_get_attribution (feed);
      options.format = ATLAS_FORMAT_CSV;
      options.format_name = ATLAS_FEED_FORMAT_JSON;
      options.mapping = mapping;
      options.strict = self->strict;
      set_validators (self, &options);

      /* The importer's transaction is open from begin to finish; the figures
       * are written inside it, so both commit or neither.  They are written
       * before the records: once fed, a large import writes its rows on a
       * thread of its own, which has the connection until finish. */
      import = atlas_import_begin (self->store, source->url, &options, error);
      if (import == NULL ||
          !atlas_feed_json_store_figures (feed, self->store, source->id, source->name, error))
        return FALSE;
      new_digest = figures_digest (self->store, source->id);
      if (!atlas_import_feed (import, data, len, error) ||
          !atlas_import_finish (import, &import_result, error))
        return FALSE;

      unchanged = import_result.unchanged;
      take_import_result (result, &import_result);

      /* Same records but other figures: the importer rolled back, so the
       * figures get a transaction of their own. */
      if (!unchanged || g_strcmp0 (old_digest, new_digest) == 0)
        return TRUE;
      g_clear_pointer (&new_digest, g_free);
    }

  /* No records (a figures-only feed), or only the figures changed. */
  if (!atlas_store_begin (self->store, error))
    return FALSE;
  if (csv == NULL &&
      (!_atlas_feed_exec (self->store, "DELETE FROM records WHERE source_id = ?",
                          _("removing a feed’s records"), error, 'i', source->id) ||
       !_atlas_feed_exec (self->store, "DELETE FROM record_facets WHERE source_id = ?",
                          _("removing a feed’s records"), error, 'i', source->id) ||
       !_atlas_store_cells_rebuild (self->store, source->id, error)))
    goto fail;
  if (!atlas_feed_json_store_figures (feed, self->store, source->id, source->name, error))
    goto fail;
  new_digest = figures_digest (self->store, source->id);
  if (g_strcmp0 (old_digest, new_digest) == 0 && source->row_count == 0)
    {
      atlas_store_rollback (self->store);
      result->outcome = ATLAS_FEED_OUTCOME_UNCHANGED;
      _atlas_feed_set_str (&result->sha256, sha256);
      return TRUE;
    }

  {
    gint64 records = csv != NULL ? (gint64) result->records : 0;

    AtlasSourceEvent event = {
      .outcome = (char *) "imported",
      .http_status = -1,
      .content_sha256 = sha256,
      .rows_before = source->row_count,
      .rows_after = records,
      .added = MAX (records - source->row_count, 0),
      .removed = MAX (source->row_count - records, 0),
      .message = (char *) "figures",
    };

    if (!_atlas_sources_set_snapshot (self->store, source->id,
                                      atlas_feed_json_get_licence (feed),
                                      atlas_feed_json_get_attribution (feed),
                                      csv != NULL ? result->sha256 : sha256, records, error) ||
        !_atlas_sources_append_history (self->store, source->id, &event, error) ||
        !atlas_store_commit (self->store, error))
      goto fail;

    result->outcome = ATLAS_FEED_OUTCOME_IMPORTED;
    if (csv == NULL)
      {
        result->records = 0;
        result->previous = source->row_count;
        result->added = -source->row_count;
        _atlas_feed_set_str (&result->sha256, sha256);
      }
  }

  return TRUE;

fail:
  atlas_store_rollback (self->store);
  return FALSE;
}

gboolean
_atlas_feed_apply_finish (AtlasFeedApply   *self,
                          AtlasFeedResult  *result,
                          GError          **error)
{
  AtlasImportResult import_result = { 0 };
  gboolean ok;

  if (self->source->is_json)
    return apply_json (self, result, error);

  ok = atlas_import_finish (self->import, &import_result, error);
  g_clear_pointer (&self->import, atlas_import_free);
  if (!ok)
    return FALSE;

  take_import_result (result, &import_result);
  return TRUE;
}
