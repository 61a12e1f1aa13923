/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import.c: the streaming importer that all formats share.
 *
 * An import is one transaction.  It begins by deleting the source's old
 * records, streams the new ones in (atlas-import-writer.c: reused
 * multi-row INSERTs, on a writer thread for large inputs), and at the end
 * either commits (with the source row updated and a history row appended) or
 * rolls everything back: on an error, in --strict mode on the first bad row,
 * and when the content turns out to be the one already stored, so that
 * importing the same data twice writes nothing at all.
 *
 * This file is the pipeline a row goes through: CSV reader -> format
 * (atlas-import-formats.c chooses it from the header) -> validator
 * (atlas-import-validate.c) -> uid (atlas-import-hash.c) -> writer; and the
 * transaction around it, with the source's bookkeeping in
 * atlas-import-source.c. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "atlas-import-hash.h"
#include "atlas-import-private.h"
#include "atlas-import-source.h"
#include "atlas-import-validate.h"
#include "atlas-import-writer.h"
#include "atlas-quote.h"
#include "atlas-records-private.h"
#include "atlas-sha256.h"
#include "atlas-store-private.h"

G_DEFINE_QUARK (atlas-import-error-quark, atlas_import_error)

/* The page cache an import may use, in KiB. */
#define IMPORT_CACHE_KIB 1024

struct _AtlasImport
{
  AtlasStore   *store;
  sqlite3      *db;
  char         *display_name;
  char         *source_name;
  char         *source_kind;
  char         *format_name;
  char         *url;
  char         *licence;
  char         *attribution;
  gboolean      set_validators;
  char         *etag;
  char         *last_modified;
  AtlasFormat   forced_format;
  AtlasMapping *mapping;        /* borrowed from the options */
  gboolean      strict;
  guint         max_reported;
  gint64        expected_rows;  /* -1 when unknown */

  const AtlasImportFormatClass *klass;
  gpointer      format_state;
  guint         n_columns;

  AtlasCsvReader *reader;
  AtlasSha256   checksum;
  gboolean      hashing;        /* FALSE when the hash was computed beforehand */
  char         *sha256;
  gboolean      in_transaction;
  gboolean      failed;
  gboolean      finished;
  gboolean      separator_known;

  AtlasImportSource source;
  AtlasImportWriter *writer;
  AtlasRowValidator validator;
  AtlasRowHasher    hasher;

  guint64       rejected;
  GPtrArray    *rejections;
  GString      *reason;

  int           saved_cache_size;
  gboolean      foreign_keys_off; /* turned off for this import; back on at its end */
};

void
atlas_import_result_clear (AtlasImportResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->source_name, g_free);
  g_clear_pointer (&result->sha256, g_free);
  g_clear_pointer (&result->rejections, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

/* The source row as this import describes it, once the format is known. */
static AtlasImportSourceInfo
source_info (AtlasImport *self)
{
  AtlasImportSourceInfo info = {
    .name = self->source_name,
    .kind = self->source_kind,
    .url = self->url,
    .licence = self->licence,
    .attribution = self->attribution,
    .set_validators = self->set_validators,
    .etag = self->etag,
    .last_modified = self->last_modified,
  };

  /* A new row is created before the header settled the format. */
  if (self->klass == NULL)
    info.format = atlas_format_to_string (self->forced_format);
  else if (self->format_name != NULL)
    info.format = self->format_name;
  else
    info.format = atlas_format_to_string (self->klass->format);

  return info;
}

static gboolean
import_header (AtlasImport       *self,
               const AtlasCsvRow *row,
               GError           **error)
{
  self->klass = _atlas_import_format_choose (self->forced_format, self->mapping, row,
                                             self->display_name, error);
  if (self->klass == NULL)
    return FALSE;

  self->format_state = self->klass->bind (row, self->mapping, self->display_name, error);
  if (self->format_state == NULL)
    return FALSE;

  self->n_columns = row->n_fields;

  if (self->licence == NULL)
    self->licence = g_strdup (self->klass->licence);
  if (self->attribution == NULL)
    self->attribution = g_strdup (self->klass->attribution);

  return TRUE;
}

static gboolean
reject_row (AtlasImport       *self,
            const AtlasCsvRow *row,
            GError           **error)
{
  self->rejected++;

  if (self->strict)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_ROW,
                   "%s:%" G_GUINT64_FORMAT ": %s",
                   self->display_name, row->line, self->reason->str);
      return FALSE;
    }

  if (self->rejections->len < self->max_reported)
    g_ptr_array_add (self->rejections,
                     g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s",
                                      self->display_name, row->line, self->reason->str));

  return TRUE;
}

/* Lenient mode: a record the CSV reader could not read (an unterminated or
 * misplaced quote) is rejected like any bad row; the good rows around it stay. */
static gboolean
import_syntax_cb (guint64      line,
                  const char  *reason,
                  gpointer     user_data,
                  GError     **error)
{
  AtlasImport *self = user_data;

  self->rejected++;
  if (self->rejections->len < self->max_reported)
    g_ptr_array_add (self->rejections,
                     g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s",
                                      self->display_name, line, reason));

  return TRUE;
}

static gboolean
import_row_cb (const AtlasCsvRow  *row,
               gpointer            user_data,
               GError            **error)
{
  AtlasImport *self = user_data;
  AtlasImportRecord rec;

  if (row->index == 0)
    return import_header (self, row, error);

  g_string_truncate (self->reason, 0);

  if (!row->valid_utf8)
    {
      g_string_assign (self->reason, _("invalid UTF-8"));
      return reject_row (self, row, error);
    }

  if (row->n_fields != self->n_columns)
    {
      g_string_printf (self->reason, _("expected %u fields, found %u"),
                       self->n_columns, row->n_fields);
      return reject_row (self, row, error);
    }

  memset (&rec, 0, sizeof rec);
  rec.weight = 1;

  if (!self->klass->convert (self->format_state, row, &rec, self->reason) ||
      !_atlas_row_validator_check (&self->validator, &rec, self->reason))
    return reject_row (self, row, error);

  return _atlas_import_writer_add (self->writer, (gint64) row->line,
                                   _atlas_row_hasher_hash (&self->hasher, row),
                                   rec.role_family != NULL ? rec.role_family :
                                   _atlas_row_validator_family (&self->validator, rec.job_title),
                                   &rec, error);
}

/* The file name or URL as every message shows it: a name may hold control
 * characters too.  The cap is long, so real paths stay whole. */
static char *
quote_display_name (const char *display_name)
{
  GString *out = g_string_new (NULL);

  atlas_quote_append_len (out, display_name, -1, 1024);

  return g_string_free (out, FALSE);
}

static AtlasImport *
import_begin_full (AtlasStore                *store,
                   const char                *display_name,
                   const AtlasImportOptions  *options,
                   const char                *sha256,
                   gint64                     expected_rows,
                   GError                   **error)
{
  static const AtlasImportOptions defaults = { 0 };
  g_autoptr(AtlasImport) self = NULL;
  AtlasImportSourceInfo info;
  const char *value;

  if (options == NULL)
    options = &defaults;

  if (options->format == ATLAS_FORMAT_CSV && options->mapping == NULL)
    {
      g_autofree char *quoted = quote_display_name (display_name);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: a generic CSV import needs a mapping file (--map FILE)"),
                   quoted);
      return NULL;
    }

  self = g_new0 (AtlasImport, 1);
  self->store = store;
  self->db = atlas_store_get_db (store);
  self->display_name = quote_display_name (display_name);
  self->source_name = _atlas_import_source_name (display_name, options);
  self->source_kind = g_strdup (options->source_kind ? options->source_kind : "file");
  self->format_name = g_strdup (options->format_name);
  self->forced_format = options->format;
  self->expected_rows = expected_rows;
  self->mapping = options->mapping;
  self->strict = options->strict;
  self->set_validators = options->set_validators;
  self->etag = g_strdup (options->etag);
  self->last_modified = g_strdup (options->last_modified);
  self->max_reported = options->max_reported_rejections ? options->max_reported_rejections : 20;

  value = options->url;
  if (value == NULL && self->mapping != NULL)
    value = _atlas_mapping_get_source (self->mapping, "url");
  self->url = g_strdup (value);

  value = options->licence;
  if (value == NULL && self->mapping != NULL)
    value = _atlas_mapping_get_source (self->mapping, "licence");
  self->licence = g_strdup (value);

  value = options->attribution;
  if (value == NULL && self->mapping != NULL)
    value = _atlas_mapping_get_source (self->mapping, "attribution");
  self->attribution = g_strdup (value);

  /* The format may still be unknown; the header settles it. */
  if (self->forced_format != ATLAS_FORMAT_AUTO)
    {
      const AtlasImportFormatClass *klass = _atlas_import_format_find (self->forced_format);

      if (self->licence == NULL && klass != NULL)
        self->licence = g_strdup (klass->licence);
      if (self->attribution == NULL && klass != NULL)
        self->attribution = g_strdup (klass->attribution);
    }

  if (sha256 != NULL)
    self->sha256 = g_strdup (sha256);
  else
    {
      atlas_sha256_init (&self->checksum);
      self->hashing = TRUE;
    }

  self->rejections = g_ptr_array_new_with_free_func (g_free);
  self->reason = g_string_sized_new (128);
  _atlas_row_validator_init (&self->validator);
  _atlas_row_hasher_init (&self->hasher, self->source_name);
  self->reader = atlas_csv_reader_new (import_row_cb, self);
  if (!self->strict)
    atlas_csv_reader_set_recover (self->reader, import_syntax_cb, self);

  /* A small page cache: an import appends, so the pages it fills are
   * written to the WAL once whether they leave the cache early (a spill)
   * or at the commit, and every page of cache is memory touched for the
   * first time, a page fault each (expensive on these VMs).  2 MiB against
   * 16 MiB: the same CPU time at 1M rows and for a re-import, 60 ms less
   * at 74k, peak RSS 31 -> 17 MiB (bench/README.md, perf-import); 1 MiB
   * against 2 MiB: 255 page faults less at 74k, the same reads and writes
   * of the WAL at 1M, the same CPU time for a re-import (perf-import2).
   * The usual cache size returns afterwards; downloads keep it throughout. */
  if (g_strcmp0 (self->source_kind, "feed") != 0)
  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      self->saved_cache_size = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    if (self->saved_cache_size != 0 && self->saved_cache_size != -IMPORT_CACHE_KIB)
      sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KIB),
                    NULL, NULL, NULL);
    else
      self->saved_cache_size = 0;
  }

  /* The import checks its foreign keys by construction: every record
   * points to the source row it created or found and to companies that
   * atlas_store_ensure_company() returned, all in the same transaction.
   * SQLite's own check costs a look-up per row and, as it may abort a
   * statement half-way, a statement journal for every multi-row INSERT.
   * The setting cannot change inside a transaction, so it is turned off
   * before BEGIN and on again after COMMIT or ROLLBACK. */
  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_keys", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
      self->foreign_keys_off =
        sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_finalize (stmt);
  }

  if (!atlas_store_begin (store, error))
    return NULL;
  self->in_transaction = TRUE;

  /* No import maintains the Records page's sort indexes, nor deletes
   * its source's old rows from them: the next sort makes them again. */
  if (!_atlas_records_sort_drop_indexes (store, error))
    return NULL;

  info = source_info (self);
  if (!_atlas_import_source_open (store, &info, &self->source, error))
    return NULL;

  self->writer = _atlas_import_writer_new (store, self->source.id, self->display_name,
                                           &self->hasher,
                                           expected_rows >= 0 ? expected_rows
                                                              : self->source.previous,
                                           error);
  if (self->writer == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

AtlasImport *
atlas_import_begin (AtlasStore                *store,
                    const char                *display_name,
                    const AtlasImportOptions  *options,
                    GError                   **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  return import_begin_full (store, display_name, options, NULL, -1, error);
}

static void
restore_foreign_keys (AtlasImport *self)
{
  if (self->foreign_keys_off && sqlite3_get_autocommit (self->db))
    {
      sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
      self->foreign_keys_off = FALSE;
    }
}

static void
import_abort (AtlasImport *self)
{
  self->failed = TRUE;
  if (self->writer != NULL)
    _atlas_import_writer_cancel (self->writer);
  if (self->in_transaction)
    {
      atlas_store_rollback (self->store);
      self->in_transaction = FALSE;
    }
  restore_foreign_keys (self);
}

/* CSV errors say "N: …"; with the input's name before them they read
 * "FILE:N: …", as the importer's own messages about a line do. */
static void
prefix_csv_error (AtlasImport  *self,
                  GError      **error)
{
  if (error != NULL && *error != NULL && (*error)->domain == ATLAS_CSV_ERROR)
    {
      GError *csv_error = *error;

      *error = g_error_new (ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                            "%s:%s", self->display_name, csv_error->message);
      g_error_free (csv_error);
    }
}

gboolean
atlas_import_feed (AtlasImport  *self,
                   const char   *data,
                   gsize         len,
                   GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (self->failed)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("%s: the import already failed"), self->display_name);
      return FALSE;
    }

  if (self->hashing)
    atlas_sha256_update (&self->checksum, (const guint8 *) data, len);

  /* levels.fyi's export is semicolon-separated: told by its first line. */
  if (!self->separator_known && len > 0)
    {
      atlas_csv_reader_set_separator (self->reader, atlas_csv_sniff_separator (data, len));
      self->separator_known = TRUE;
    }

  if (!atlas_csv_reader_feed (self->reader, data, len, error))
    {
      prefix_csv_error (self, error);
      import_abort (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_import_finish (AtlasImport        *self,
                     AtlasImportResult  *result,
                     GError            **error)
{
  AtlasImportSourceInfo info;
  guint64 imported;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (self->failed)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("%s: the import already failed"), self->display_name);
      return FALSE;
    }

  self->finished = TRUE;

  if (!atlas_csv_reader_finish (self->reader, error))
    {
      prefix_csv_error (self, error);
      import_abort (self);
      return FALSE;
    }

  if (!_atlas_import_writer_flush (self->writer, error))
    {
      import_abort (self);
      return FALSE;
    }

  if (self->klass == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY,
                   _("%s is empty"), self->display_name);
      import_abort (self);
      return FALSE;
    }

  imported = _atlas_import_writer_get_written (self->writer);
  if (imported == 0)
    {
      /* Never let an empty or entirely broken download wipe a source. */
      if (self->rejections->len > 0)
        /* Translators: the last %s is the first rejected row's reason */
        g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY,
                     _("%s has no usable rows (%" PRIu64 " rejected); first: %s"),
                     self->display_name, self->rejected,
                     (const char *) g_ptr_array_index (self->rejections, 0));
      else
        g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY,
                     _("%s has no usable rows (%" PRIu64 " rejected)"),
                     self->display_name, self->rejected);
      import_abort (self);
      return FALSE;
    }

  if (self->hashing)
    {
      self->sha256 = atlas_sha256_end (&self->checksum);
      self->hashing = FALSE;
    }

  if (self->source.existed && g_strcmp0 (self->source.old_sha256, self->sha256) == 0)
    {
      /* The same content again: nothing may change, not even a timestamp. */
      atlas_store_rollback (self->store);
      self->in_transaction = FALSE;
      restore_foreign_keys (self);

      if (result != NULL)
        {
          memset (result, 0, sizeof *result);
          result->source_name = g_strdup (self->source_name);
          result->format = self->klass->format;
          result->imported = self->source.previous;
          result->previous = self->source.previous;
          result->rejected = self->source.old_rejected;
          result->added = 0;
          result->unchanged = TRUE;
          result->sha256 = g_strdup (self->sha256);
          result->rejections = g_ptr_array_new_with_free_func (g_free);
        }
      return TRUE;
    }

  /* The source's row first, while its page is still in SQLite's cache
   * (see keep_source_page() in atlas-import-writer.c), then the facets
   * and cells, which fill the cache with pages of their own. */
  info = source_info (self);
  if (!_atlas_import_source_record (self->store, &self->source, &info, self->sha256,
                                    imported, self->rejected, error) ||
      !_atlas_import_writer_finish (self->writer, self->source.existed, error) ||
      !atlas_store_commit (self->store, error))
    {
      import_abort (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  restore_foreign_keys (self);

  if (result != NULL)
    {
      memset (result, 0, sizeof *result);
      result->source_name = g_strdup (self->source_name);
      result->format = self->klass->format;
      result->imported = imported;
      result->rejected = self->rejected;
      result->previous = self->source.previous;
      result->added = (gint64) imported - self->source.previous;
      result->unchanged = FALSE;
      result->sha256 = g_strdup (self->sha256);
      result->rejections = g_steal_pointer (&self->rejections);
      self->rejections = g_ptr_array_new_with_free_func (g_free);
    }

  return TRUE;
}

void
atlas_import_free (AtlasImport *self)
{
  if (self == NULL)
    return;

  /* A cancelled download frees the import while the writer may still run. */
  if (self->writer != NULL)
    _atlas_import_writer_cancel (self->writer);

  if (self->in_transaction)
    atlas_store_rollback (self->store);
  self->in_transaction = FALSE;
  restore_foreign_keys (self);

  if (self->saved_cache_size != 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %d", self->saved_cache_size);

      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }

  if (self->format_state != NULL && self->klass != NULL && self->klass->free_state != NULL)
    self->klass->free_state (self->format_state);

  g_clear_pointer (&self->writer, _atlas_import_writer_free);
  g_clear_pointer (&self->reader, atlas_csv_reader_free);
  atlas_sha256_clear (&self->checksum);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  if (self->reason != NULL)
    g_string_free (self->reason, TRUE);
  _atlas_row_validator_clear (&self->validator);
  _atlas_row_hasher_clear (&self->hasher);
  _atlas_import_source_clear (&self->source);
  g_free (self->display_name);
  g_free (self->source_name);
  g_free (self->source_kind);
  g_free (self->format_name);
  g_free (self->url);
  g_free (self->licence);
  g_free (self->attribution);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self->sha256);
  g_free (self);
}

/* The lines of @data: an estimate of a file's records from its start. */
static gint64
count_lines (const char *data,
             gsize       len)
{
  const char *end = data + len;
  gint64 n = 0;

  for (const char *p = data; p < end && (p = memchr (p, '\n', end - p)) != NULL; p++)
    n++;

  return len > 0 && data[len - 1] != '\n' ? n + 1 : n;
}

/* A file is read and fed in pieces of this size: memory stays the same
 * whatever the file's size (a memory map of the whole file used to count
 * in the process's RSS, about 56 bytes per aijobs row), and hashing and
 * parsing take turns on the calling thread. */
#define FILE_PIECE (256 * 1024)

typedef struct
{
  const char *path;
  int         fd;
  char       *buffer;   /* FILE_PIECE bytes */
} InputFile;

/* Reads up to FILE_PIECE bytes at the file's current offset; 0 at its end. */
static gssize
input_read (InputFile  *input,
            GError    **error)
{
  gsize got = 0;

  while (got < FILE_PIECE)
    {
      gssize n = read (input->fd, input->buffer + got, FILE_PIECE - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *quoted = quote_display_name (input->path);

          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                       _("Cannot read “%s”: %s"), quoted, g_strerror (saved_errno));
          return -1;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }

  return (gssize) got;
}

/* AtlasImportHashFunc: the whole file, piece by piece, from its start. */
static char *
input_hash (gpointer   user_data,
            GError   **error)
{
  InputFile *input = user_data;
  AtlasSha256 checksum;
  gssize n;

  if (lseek (input->fd, 0, SEEK_SET) != 0)
    {
      int saved_errno = errno;
      g_autofree char *quoted = quote_display_name (input->path);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), quoted, g_strerror (saved_errno));
      return NULL;
    }

  atlas_sha256_init (&checksum);
  while ((n = input_read (input, error)) > 0)
    atlas_sha256_update (&checksum, (const guint8 *) input->buffer, n);
  if (n < 0)
    {
      atlas_sha256_clear (&checksum);
      return NULL;
    }
  return atlas_sha256_end (&checksum);
}

gboolean
atlas_import_file (AtlasStore                *store,
                   const char                *path,
                   const AtlasImportOptions  *options,
                   AtlasImportResult         *result,
                   GError                   **error)
{
  return atlas_import_file_full (store, path, options, NULL, NULL, NULL, result, error);
}

gboolean
atlas_import_file_full (AtlasStore                *store,
                        const char                *path,
                        const AtlasImportOptions  *options,
                        AtlasImportProgressFunc    progress,
                        gpointer                   progress_data,
                        GCancellable              *cancellable,
                        AtlasImportResult         *result,
                        GError                   **error)
{
  static const AtlasImportOptions defaults = { 0 };
  g_autoptr(AtlasImport) import = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *buffer = NULL;
  AtlasImportOptions opts;
  InputFile input = { path, -1, NULL };
  gboolean ok = FALSE;
  struct stat st;
  gint64 expected_rows;
  gssize first, n;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  opts = options ? *options : defaults;

  input.fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (input.fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *quoted = quote_display_name (path);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), quoted, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (input.fd, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *quoted = quote_display_name (path);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), quoted, g_strerror (saved_errno));
      goto out;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_autofree char *quoted = quote_display_name (path);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: it is a directory"), quoted);
      goto out;
    }

  buffer = input.buffer = g_malloc (FILE_PIECE);
  source_name = _atlas_import_source_name (path, &opts);

  /* A source already stored is hashed first, so that an unchanged file is
   * recognised without writing anything.  A new source cannot be unchanged:
   * its hash is computed piece by piece while the rows are parsed, which on
   * two cores overlaps with the writer thread. */
  if (_atlas_import_source_unchanged (store, source_name, input_hash, &input, opts.format,
                                      &sha256, result, error))
    {
      ok = TRUE;
      goto out;
    }
  if (error != NULL && *error != NULL)
    goto out;

  if (lseek (input.fd, 0, SEEK_SET) != 0 || (first = input_read (&input, error)) < 0)
    {
      int saved_errno = errno;
      g_autofree char *quoted = quote_display_name (path);

      if (error != NULL && *error == NULL)
        g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                     _("Cannot read “%s”: %s"), quoted, g_strerror (saved_errno));
      goto out;
    }

  if (opts.url == NULL &&
      (opts.mapping == NULL || _atlas_mapping_get_source (opts.mapping, "url") == NULL))
    {
      /* What g_file_get_uri() of a local GFile gives, without GIO's VFS:
       * setting it up for the command line loads GIO's modules (dconf's
       * settings backend among them), ~0.8 ms of an import's CPU. */
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);

      uri = g_filename_to_uri (absolute, NULL, NULL);
      opts.url = uri;
    }

  /* Files of published figures are not records: their own importer, which
   * takes the whole file (such files hold a few hundred aggregates). */
  if (opts.mapping == NULL &&
      (opts.format == ATLAS_FORMAT_IN_FIGURES ||
       (opts.format == ATLAS_FORMAT_AUTO && _atlas_import_in_figures_detect (input.buffer, first))))
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr(GError) local_error = NULL;

      if (!g_file_get_contents (path, &contents, &len, &local_error))
        {
          /* GLib's message names the file again. */
          g_autofree char *quoted = quote_display_name (path);
          g_autofree char *reason = quote_display_name (local_error->message);

          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                       _("Cannot read “%s”: %s"), quoted, reason);
          goto out;
        }
      ok = _atlas_import_in_figures (store, path, source_name, contents, len, &opts, result,
                                     error);
      goto out;
    }

  /* The writer decides from the number of rows whether to rebuild indexes
   * (a bulk load); the lines of the first piece give it for the file. */
  expected_rows = count_lines (input.buffer, first) - 1;
  if (first == FILE_PIECE && st.st_size > first)
    expected_rows = (gint64) ((double) (expected_rows + 1) * st.st_size / first) - 1;

  import = import_begin_full (store, path, &opts, sha256, expected_rows, error);
  if (import == NULL)
    goto out;

  {
    goffset done = 0;

    for (n = first; n > 0; n = input_read (&input, error))
      {
        /* A cancelled import is rolled back when @import is freed. */
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          goto out;
        if (!atlas_import_feed (import, input.buffer, n, error))
          goto out;
        done += n;
        if (progress != NULL)
          progress (MIN (done, st.st_size), st.st_size, progress_data);
      }
  }
  if (n < 0)
    goto out;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  ok = atlas_import_finish (import, result, error);

out:
  g_close (input.fd, NULL);
  return ok;
}
