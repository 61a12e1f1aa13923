/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import.c: the streaming importer that all formats share.
 *
 * An import is one transaction.  It begins by deleting the source's old
 * records, streams the new ones in through reused multi-row INSERTs (on a
 * writer thread for large inputs, see CHUNK_ROWS below), and at the end
 * either commits (with the source row updated and a history row appended) or
 * rolls everything back: on an error, in --strict mode on the first bad row,
 * and when the content turns out to be the one already stored, so that
 * importing the same data twice writes nothing at all. */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-money.h"
#include "atlas-roles.h"

G_DEFINE_QUARK (atlas-import-error-quark, atlas_import_error)

/* Counts how often each row content occurred so far, keyed by its 64-bit
 * hash; open addressing, so that counting costs no allocation per row. */
typedef struct
{
  guint64 hash;   /* 0: empty slot */
  guint32 count;
} OccSlot;

typedef struct
{
  OccSlot *slots;
  gsize    mask;
  gsize    used;
} OccTable;

/* Rows are inserted BATCH_ROWS at a time with one multi-row INSERT: SQLite's
 * cost per statement (cursors on the table and its indexes, the statement
 * journal) is then paid once per batch instead of once per row.
 *
 * Two threads share the work of a large import.  The thread that feeds the
 * import parses, converts, validates and hashes rows into chunks of
 * CHUNK_ROWS; a writer thread takes the filled chunks and does everything
 * that touches the database (company ids, the INSERTs).  N_CHUNKS chunks
 * circulate between them, so memory stays bounded however large the input.
 * The writer starts with the first full chunk: small imports never start it
 * and run on the calling thread alone.  The connection is only ever used by
 * one thread at a time: by the writer from its start until it is joined,
 * by the calling thread before and after. */
#define BATCH_ROWS 64
#define N_PARAMS   23
#define CHUNK_ROWS (16 * BATCH_ROWS)
#define N_CHUNKS   3

/* The years a record may have (validate_record()). */
#define YEAR_FIRST 1900
#define YEAR_LAST  2100

/* The page cache an import may use, in KiB. */
#define IMPORT_CACHE_KIB 65536
typedef enum
{
  TEXT_UID,
  TEXT_COMPANY,                /* raw employer name: its id comes from the writer */
  TEXT_TITLE,
  TEXT_COUNTRY,
  TEXT_COMPANY_COUNTRY,
  TEXT_CITY,
  TEXT_STATE,
  TEXT_CURRENCY,
  TEXT_DATE,
  TEXT_EMPLOYMENT_TYPE,
  TEXT_COMPANY_SIZE,
  TEXT_CASE_STATUS,
  N_TEXTS
} PendingText;

typedef struct
{
  gint64      source_line;
  const char *kind;            /* static strings */
  const char *role_family;
  const char *experience;
  gssize      text[N_TEXTS];   /* offsets into the chunk's text, -1 for NULL */
  double      amount;
  double      amount_usd;
  double      years_experience;
  gint64      year;
  gint64      remote_ratio;
  gint64      weight;
  gboolean    has_amount_usd;
  gboolean    has_years_experience;
  gboolean    has_remote_ratio;
} PendingRow;

/* Rows on their way to the database.  The strings of the rows are copied
 * into @text, as offsets, since the CSV reader reuses its own buffers. */
typedef struct
{
  PendingRow rows[CHUNK_ROWS];
  guint      n_rows;
  GString   *text;             /* the rows' strings, NUL-separated */
} Chunk;

/* How many of the rows written have each role family, country and year
 * (companies are counted in the company cache), kept by the thread that
 * writes the rows and stored as the source's record_facets before the
 * commit: the catalog reads those instead of scanning the records.  A few
 * array increments per row; the families are the rules' own strings, so a
 * pointer identifies one. */
typedef struct
{
  GHashTable *families;         /* family (not owned) -> gint64* count */
  const char *last_family;
  gint64     *last_family_n;
  gint64      countries[26 * 26];  /* "AA" .. "ZZ" */
  GHashTable *other_countries;  /* any other code -> gint64* (none in practice) */
  gint64      years[YEAR_LAST - YEAR_FIRST + 1];
} FacetCounts;

/* A company cache entry. */
typedef struct
{
  gint64 id;                    /* 0 for "not an employer" */
  gint64 n_records;             /* rows written with this raw name */
} CompanyEntry;

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
  AtlasFormat   forced_format;
  AtlasMapping *mapping;        /* borrowed from the options */
  gboolean      strict;
  guint         max_reported;

  const AtlasImportFormatClass *klass;
  gpointer      format_state;
  guint         n_columns;

  AtlasCsvReader *reader;
  GChecksum    *checksum;       /* NULL when the hash was computed beforehand */
  char         *sha256;
  gboolean      in_transaction;
  gboolean      failed;
  gboolean      finished;

  gint64        source_id;
  gboolean      source_existed;
  char         *old_sha256;
  gint64        old_rejected;
  gint64        previous;

  guint64       imported;
  guint64       rejected;
  GPtrArray    *rejections;
  GString      *reason;

  sqlite3_stmt *insert;         /* BATCH_ROWS rows at a time */
  sqlite3_stmt *insert_tail;    /* the remainder at the end */
  guint         insert_tail_rows;
  Chunk        *chunk;          /* being filled by the calling thread */
  GPtrArray    *chunks;         /* all chunks, owned */
  GAsyncQueue  *full_chunks;    /* to the writer; END_OF_CHUNKS stops it */
  GAsyncQueue  *free_chunks;    /* back from the writer */
  GThread      *writer;
  gint          writer_failed;  /* atomic; writer_error is set before it */
  gint          writer_cancelled; /* atomic: skip the remaining chunks */
  GError       *writer_error;
  int           saved_cache_size;
  gboolean      foreign_keys_off; /* turned off for this import; back on at its end */
  gint64        expected_rows;  /* -1 when unknown */
  gboolean      may_drop_indexes; /* a bulk load: see maybe_drop_indexes() */
  GPtrArray    *dropped_indexes; /* CREATE INDEX statements to run at the end */
  AtlasRoles   *roles;
  GHashTable   *role_cache;     /* title -> family (owned by the rules) */
  GHashTable   *company_cache;  /* raw name -> CompanyEntry */
  FacetCounts   facets;
  guint64       name_hash;      /* hash state after the source name */
  OccTable      occurrences;
  guint8        currency_ok[26 * 26 * 26];  /* 0 not asked yet, 1 known, 2 unknown */
  guint8        country_ok[26 * 26];
};

static const AtlasImportFormatClass * const format_classes[] = {
  &_atlas_import_aijobs,
  &_atlas_import_h1b,
  &_atlas_import_dol_lca,
  &_atlas_import_glassdoor,
  &_atlas_import_mapped,
};

static const struct
{
  AtlasFormat format;
  const char *name;
} format_names[] = {
  { ATLAS_FORMAT_AUTO, "auto" },
  { ATLAS_FORMAT_AIJOBS, "aijobs" },
  { ATLAS_FORMAT_H1B, "h1b" },
  { ATLAS_FORMAT_DOL_LCA, "dol-lca" },
  { ATLAS_FORMAT_GLASSDOOR_IN, "glassdoor-in" },
  { ATLAS_FORMAT_CSV, "csv" },
};

const char *
atlas_format_to_string (AtlasFormat format)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  return "auto";
}

gboolean
atlas_format_from_string (const char  *str,
                          AtlasFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (format_names[i].name, str) == 0)
      {
        *format = format_names[i].format;
        return TRUE;
      }

  return FALSE;
}

static const AtlasImportFormatClass *
find_class (AtlasFormat format)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_classes); i++)
    if (format_classes[i]->format == format)
      return format_classes[i];
  return NULL;
}

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

/* Row identity.  The uid of a record is a 64-bit hash of the source name and
 * the row's fields (each with its length), followed by the occurrence
 * number of that exact content in the input: identical rows are legitimate
 * (the aijobs file has 39,304 of them) and must keep distinct, stable uids
 * when a refresh prepends new rows.  The hash reads eight bytes at a time,
 * little-endian, so it is the same on every machine; changing it changes
 * every uid, so don't. */
#define HASH_SEED  0xcbf29ce484222325ULL
#define HASH_MUL   0x9e3779b97f4a7c15ULL

static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

static inline guint64
hash_bytes (guint64     h,
            const char *data,
            gsize       len)
{
  const guchar *p = (const guchar *) data;
  guint64 tail = 0;

  for (; len >= 8; p += 8, len -= 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      h = (h ^ GUINT64_FROM_LE (w)) * HASH_MUL;
      h ^= h >> 29;
    }

  /* The last 0..7 bytes, with the count, so "a" and "a\0" differ. */
  for (gsize i = 0; i < len; i++)
    tail |= (guint64) p[i] << (8 * i);
  h = (h ^ tail ^ ((guint64) len << 56)) * HASH_MUL;
  h ^= h >> 29;

  return h;
}

static guint32
occ_table_add (OccTable *table,
               guint64   hash)
{
  gsize i;

  if (hash == 0)
    hash = 1;

  if ((table->used + 1) * 2 > table->mask + 1)
    {
      OccSlot *old = table->slots;
      gsize old_size = table->slots ? table->mask + 1 : 0;
      gsize size = old_size ? old_size * 2 : 4096;

      table->slots = g_new0 (OccSlot, size);
      table->mask = size - 1;
      for (gsize j = 0; j < old_size; j++)
        if (old[j].hash != 0)
          {
            for (i = old[j].hash & table->mask; table->slots[i].hash != 0; i = (i + 1) & table->mask)
              ;
            table->slots[i] = old[j];
          }
      g_free (old);
    }

  for (i = hash & table->mask; table->slots[i].hash != 0; i = (i + 1) & table->mask)
    if (table->slots[i].hash == hash)
      return ++table->slots[i].count;

  table->slots[i].hash = hash;
  table->slots[i].count = 1;
  table->used++;

  return 1;
}

static char *
resolve_source_name (const char               *display_name,
                     const AtlasImportOptions *options)
{
  const char *name = NULL;
  g_autofree char *base = NULL;
  const char *q;

  if (options->source_name != NULL && *options->source_name != '\0')
    return g_strdup (options->source_name);

  if (options->mapping != NULL)
    name = _atlas_mapping_get_source (options->mapping, "name");
  if (name != NULL && *name != '\0')
    return g_strdup (name);

  /* A URL's query string is not part of its name. */
  q = strpbrk (display_name, "?#");
  if (q != NULL && strstr (display_name, "://") != NULL)
    {
      g_autofree char *path = g_strndup (display_name, q - display_name);
      base = g_path_get_basename (path);
    }
  else
    base = g_path_get_basename (display_name);

  return g_steal_pointer (&base);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
step_done (AtlasImport  *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      atlas_store_set_error (self->store, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static sqlite3_stmt *
prepare_once (AtlasImport *self,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      atlas_store_set_error (self->store, error, _("preparing a query"));
      return NULL;
    }
  return stmt;
}

/* Bulk loading.  Keeping a secondary index of records up to date row by row
 * costs a B-tree insertion per row; when the keys come in random order
 * (company ids) that is slower than building the index afterwards from
 * sorted data.  When this import will be at least two thirds of the table,
 * such indexes are dropped inside the transaction, just before the first
 * row that has a company, and created again from the schema's own SQL
 * before the commit; a rollback brings the old ones back as they were.
 * records_by_source is always kept: its keys arrive in order (one source,
 * increasing rowids), which costs less than rebuilding it, and an import
 * without companies (aijobs) keeps all of them for the same reason. */
static gboolean
decide_bulk_load (AtlasImport  *self,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 total = 0;
  gint64 others;
  gint64 expected = self->expected_rows >= 0 ? self->expected_rows : self->previous;

  stmt = prepare_once (self, "SELECT count(*) FROM records", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  others = total - self->previous;
  self->may_drop_indexes = expected >= 1000 && others * 2 <= expected;

  return TRUE;
}

static gboolean
maybe_drop_indexes (AtlasImport  *self,
                    GError      **error)
{
  sqlite3_stmt *stmt;

  if (!self->may_drop_indexes)
    return TRUE;
  self->may_drop_indexes = FALSE;

  stmt = prepare_once (self,
                       "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                       "AND tbl_name = 'records' AND sql IS NOT NULL "
                       "AND name <> 'records_by_source'",
                       error);
  if (stmt == NULL)
    return FALSE;

  self->dropped_indexes = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (self->dropped_indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (self->dropped_indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < self->dropped_indexes->len; i += 2)
    {
      /* An identifier cannot be a parameter; %w quotes it. */
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"",
                                   (const char *) g_ptr_array_index (self->dropped_indexes, i + 1));
      gboolean ok = atlas_store_exec (self->store, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
restore_indexes (AtlasImport  *self,
                 GError      **error)
{
  if (self->dropped_indexes == NULL)
    return TRUE;

  for (guint i = 0; i < self->dropped_indexes->len; i += 2)
    if (!atlas_store_exec (self->store, g_ptr_array_index (self->dropped_indexes, i), error))
      return FALSE;

  g_clear_pointer (&self->dropped_indexes, g_ptr_array_unref);
  return TRUE;
}

/* Finds or creates the source row and clears its records, inside the
 * transaction.  Old uids are kept aside to count what was added and removed. */
static gboolean
open_source (AtlasImport  *self,
             GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare_once (self, "SELECT id, content_sha256, rejected_count FROM sources WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->source_name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->source_existed = TRUE;
      self->source_id = sqlite3_column_int64 (stmt, 0);
      self->old_sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      self->old_rejected = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);

  if (!self->source_existed)
    {
      stmt = prepare_once (self,
                           "INSERT INTO sources (name, kind, format, url, licence, attribution) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, self->source_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self->source_kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, atlas_format_to_string (self->forced_format), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, self->url, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, self->licence ? self->licence : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, self->attribution ? self->attribution : "", -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("adding a source"), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      self->source_id = sqlite3_last_insert_rowid (self->db);
      return decide_bulk_load (self, error);
    }

  stmt = prepare_once (self, "SELECT count(*) FROM records WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->previous = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (!decide_bulk_load (self, error))
    return FALSE;

  if (self->previous > 0)
    {
      if (!atlas_store_exec (self->store,
                             "CREATE TEMP TABLE IF NOT EXISTS atlas_import_old_uids "
                             "(uid TEXT PRIMARY KEY) WITHOUT ROWID;"
                             "DELETE FROM atlas_import_old_uids;",
                             error))
        return FALSE;

      stmt = prepare_once (self,
                           "INSERT INTO atlas_import_old_uids SELECT uid FROM records WHERE source_id = ?",
                           error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->source_id);
      if (!step_done (self, stmt, _("reading a source’s records"), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);

      stmt = prepare_once (self, "DELETE FROM records WHERE source_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->source_id);
      if (!step_done (self, stmt, _("removing a source’s old records"), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
    }

  return TRUE;
}

static gboolean
import_header (AtlasImport       *self,
               const AtlasCsvRow *row,
               GError           **error)
{
  if (self->forced_format != ATLAS_FORMAT_AUTO)
    self->klass = find_class (self->forced_format);
  else if (self->mapping != NULL)
    self->klass = &_atlas_import_mapped;
  else
    {
      for (gsize i = 0; i < G_N_ELEMENTS (format_classes); i++)
        if (format_classes[i]->detect != NULL && format_classes[i]->detect (row))
          {
            self->klass = format_classes[i];
            break;
          }
    }

  if (self->klass == NULL)
    {
      g_autoptr(GString) columns = g_string_new (NULL);

      for (guint i = 0; i < row->n_fields && i < 8; i++)
        g_string_append_printf (columns, "%s“%s”", i ? ", " : "", row->fields[i]);
      if (row->n_fields > 8)
        g_string_append (columns, ", …");

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s:%" PRIu64 ": the columns (%s) match no known format; "
                     "import it with a mapping file (--format csv --map FILE)"),
                   self->display_name, row->line, columns->str);
      return FALSE;
    }

  if (self->klass->format == ATLAS_FORMAT_CSV && self->mapping == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: a generic CSV import needs a mapping file (--map FILE)"),
                   self->display_name);
      return FALSE;
    }

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

/* atlas_money_is_currency()/is_country() answers, remembered per code:
 * each row asks two or three times. */
static gboolean
code_is_known (guint8      *cache,
               guint        n_letters,
               const char  *code,
               gboolean   (*check) (const char *))
{
  guint index = 0;

  for (guint i = 0; i < n_letters; i++)
    {
      if (code[i] < 'A' || code[i] > 'Z')
        return check (code);
      index = index * 26 + (guint) (code[i] - 'A');
    }
  if (code[n_letters] != '\0')
    return check (code);

  if (cache[index] == 0)
    cache[index] = check (code) ? 1 : 2;

  return cache[index] == 1;
}

static gboolean
validate_record (AtlasImport       *self,
                 AtlasImportRecord *rec)
{
  GString *reason = self->reason;

  if (rec->job_title == NULL || rec->job_title[0] == '\0')
    {
      g_string_assign (reason, _("no job title"));
      return FALSE;
    }
  if (rec->currency == NULL || rec->currency[0] == '\0')
    {
      g_string_assign (reason, _("no currency"));
      return FALSE;
    }
  if (!code_is_known (self->currency_ok, 3, rec->currency, atlas_money_is_currency))
    {
      g_string_printf (reason, _("unknown currency code “%s”"), rec->currency);
      return FALSE;
    }
  if (rec->country == NULL || rec->country[0] == '\0')
    {
      g_string_assign (reason, _("no country"));
      return FALSE;
    }
  if (!code_is_known (self->country_ok, 2, rec->country, atlas_money_is_country))
    {
      g_string_printf (reason, _("unknown country code “%s”"), rec->country);
      return FALSE;
    }
  if (rec->company_country != NULL &&
      !code_is_known (self->country_ok, 2, rec->company_country, atlas_money_is_country))
    {
      g_string_printf (reason, _("unknown country code “%s”"), rec->company_country);
      return FALSE;
    }
  if (!(rec->amount >= 0))
    {
      g_string_printf (reason, _("negative amount %g"), rec->amount);
      return FALSE;
    }
  if (rec->has_amount_usd && !(rec->amount_usd >= 0))
    {
      g_string_printf (reason, _("negative USD amount %g"), rec->amount_usd);
      return FALSE;
    }
  if (rec->year < YEAR_FIRST || rec->year > YEAR_LAST)
    {
      g_string_printf (reason, _("year %" PRId64 " is not plausible"), rec->year);
      return FALSE;
    }
  if (rec->weight < 1)
    {
      g_string_printf (reason, _("weight %" PRId64 " is not a positive count"), rec->weight);
      return FALSE;
    }

  return TRUE;
}

static const char *
role_family (AtlasImport *self,
             const char  *title)
{
  const char *family = g_hash_table_lookup (self->role_cache, title);

  if (family == NULL)
    {
      family = self->roles ? atlas_roles_classify (self->roles, title) : NULL;
      if (family == NULL)
        family = "Other";
      g_hash_table_insert (self->role_cache, g_strdup (title), (gpointer) family);
    }

  return family;
}

/* The company id of a row's raw employer name; counts the row for it. */
static gboolean
company_id (AtlasImport *self,
            const char  *name,
            gint64      *id,
            GError     **error)
{
  CompanyEntry *cached;

  if (name == NULL || name[0] == '\0')
    {
      *id = 0;
      return TRUE;
    }

  cached = g_hash_table_lookup (self->company_cache, name);
  if (cached == NULL)
    {
      gint64 value = atlas_store_ensure_company (self->store, name, error);

      if (value < 0)
        return FALSE;
      cached = g_new0 (CompanyEntry, 1);
      cached->id = value;
      g_hash_table_insert (self->company_cache, g_strdup (name), cached);
    }

  cached->n_records++;
  *id = cached->id;
  return TRUE;
}

static gint64 *
counter_lookup (GHashTable *table,
                const char *key,
                gboolean    copy_key)
{
  gint64 *count = g_hash_table_lookup (table, key);

  if (count == NULL)
    {
      count = g_new0 (gint64, 1);
      g_hash_table_insert (table, copy_key ? g_strdup (key) : (gpointer) key, count);
    }

  return count;
}

/* Counts a row that is being written (its company is counted by
 * company_id()). */
static inline void
count_facets (FacetCounts      *facets,
              const PendingRow *r,
              const char       *text)
{
  const char *country = text + r->text[TEXT_COUNTRY];

  g_assert (r->text[TEXT_COUNTRY] >= 0);
  g_assert (r->year >= YEAR_FIRST && r->year <= YEAR_LAST);

  if (r->role_family != facets->last_family)
    {
      facets->last_family = r->role_family;
      facets->last_family_n = counter_lookup (facets->families, r->role_family, FALSE);
    }
  (*facets->last_family_n)++;

  if (country[0] >= 'A' && country[0] <= 'Z' && country[1] >= 'A' && country[1] <= 'Z' &&
      country[2] == '\0')
    facets->countries[(country[0] - 'A') * 26 + (country[1] - 'A')]++;
  else
    (*counter_lookup (facets->other_countries, country, TRUE))++;

  facets->years[r->year - YEAR_FIRST]++;
}

static inline void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

/* OR FAIL: a constraint that fails stops the statement where it is,
 * without undoing the rows it already inserted, so SQLite needs no
 * statement journal (a copy of every page each statement changes).  A
 * failed statement fails the import, whose ROLLBACK undoes everything. */
static char *
insert_sql (guint n_rows)
{
  GString *sql = g_string_new ("INSERT OR FAIL INTO records (uid, source_id, source_line, kind, "
                               "job_title, role_family, company_id, country, company_country, "
                               "city, state, experience, years_experience, amount, currency, "
                               "amount_usd, year, date, employment_type, remote_ratio, "
                               "company_size, case_status, weight) VALUES ");

  for (guint i = 0; i < n_rows; i++)
    g_string_append (sql, i ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                            : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");

  return g_string_free (sql, FALSE);
}

static inline void
bind_pending_text (sqlite3_stmt *stmt,
                   int           param,
                   const char   *text,
                   gssize        offset)
{
  if (offset >= 0)
    sqlite3_bind_text (stmt, param, text + offset, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, param);
}

/* Inserts @n_rows rows (at most BATCH_ROWS) with one statement. */
static gboolean
insert_rows (AtlasImport       *self,
             const PendingRow  *rows,
             guint              n_rows,
             const char        *text,
             GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (n_rows > 0 && n_rows <= BATCH_ROWS);

  if (n_rows == BATCH_ROWS)
    stmt = self->insert;
  else
    {
      if (self->insert_tail_rows != n_rows)
        {
          g_autofree char *sql = insert_sql (n_rows);

          g_clear_pointer (&self->insert_tail, sqlite3_finalize);
          self->insert_tail_rows = 0;
          self->insert_tail = prepare_once (self, sql, error);
          if (self->insert_tail == NULL)
            return FALSE;
          self->insert_tail_rows = n_rows;
        }
      stmt = self->insert_tail;
    }

  for (guint i = 0; i < n_rows; i++)
    {
      const PendingRow *r = &rows[i];
      int p = (int) i * N_PARAMS;
      gint64 company = 0;

      if (r->text[TEXT_COMPANY] >= 0)
        {
          /* The first row with a company decides whether the company
           * index is rebuilt at the end (see maybe_drop_indexes()). */
          if (!maybe_drop_indexes (self, error) ||
              !company_id (self, text + r->text[TEXT_COMPANY], &company, error))
            return FALSE;
        }

      bind_pending_text (stmt, p + 1, text, r->text[TEXT_UID]);
      sqlite3_bind_int64 (stmt, p + 2, self->source_id);
      sqlite3_bind_int64 (stmt, p + 3, r->source_line);
      sqlite3_bind_text (stmt, p + 4, r->kind, -1, SQLITE_STATIC);
      bind_pending_text (stmt, p + 5, text, r->text[TEXT_TITLE]);
      sqlite3_bind_text (stmt, p + 6, r->role_family, -1, SQLITE_STATIC);
      if (company > 0)
        sqlite3_bind_int64 (stmt, p + 7, company);
      else
        sqlite3_bind_null (stmt, p + 7);
      bind_pending_text (stmt, p + 8, text, r->text[TEXT_COUNTRY]);
      bind_pending_text (stmt, p + 9, text, r->text[TEXT_COMPANY_COUNTRY]);
      bind_pending_text (stmt, p + 10, text, r->text[TEXT_CITY]);
      bind_pending_text (stmt, p + 11, text, r->text[TEXT_STATE]);
      if (r->experience != NULL)
        sqlite3_bind_text (stmt, p + 12, r->experience, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, p + 12);
      if (r->has_years_experience)
        sqlite3_bind_double (stmt, p + 13, r->years_experience);
      else
        sqlite3_bind_null (stmt, p + 13);
      sqlite3_bind_double (stmt, p + 14, r->amount);
      bind_pending_text (stmt, p + 15, text, r->text[TEXT_CURRENCY]);
      if (r->has_amount_usd)
        sqlite3_bind_double (stmt, p + 16, r->amount_usd);
      else
        sqlite3_bind_null (stmt, p + 16);
      sqlite3_bind_int64 (stmt, p + 17, r->year);
      bind_pending_text (stmt, p + 18, text, r->text[TEXT_DATE]);
      bind_pending_text (stmt, p + 19, text, r->text[TEXT_EMPLOYMENT_TYPE]);
      if (r->has_remote_ratio)
        sqlite3_bind_int64 (stmt, p + 20, r->remote_ratio);
      else
        sqlite3_bind_null (stmt, p + 20);
      bind_pending_text (stmt, p + 21, text, r->text[TEXT_COMPANY_SIZE]);
      bind_pending_text (stmt, p + 22, text, r->text[TEXT_CASE_STATUS]);
      sqlite3_bind_int64 (stmt, p + 23, r->weight);
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what =
        g_strdup_printf (_("storing lines %" PRId64 "–%" PRId64 " of %s"),
                         rows[0].source_line, rows[n_rows - 1].source_line,
                         self->display_name);
      atlas_store_set_error (self->store, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  self->imported += n_rows;
  return TRUE;
}

/* Everything that touches the database for a chunk: on the writer thread,
 * or on the calling thread when there is no writer. */
static gboolean
write_chunk (AtlasImport  *self,
             Chunk        *chunk,
             GError      **error)
{
  /* The counts, in a loop of their own: counting inside the binding loop
   * of insert_rows() made an aijobs import about 2 ms slower than this
   * (measured), more than the counting itself costs. */
  for (guint i = 0; i < chunk->n_rows; i++)
    count_facets (&self->facets, &chunk->rows[i], chunk->text->str);

  for (guint i = 0; i < chunk->n_rows; i += BATCH_ROWS)
    if (!insert_rows (self, chunk->rows + i, MIN (BATCH_ROWS, chunk->n_rows - i),
                      chunk->text->str, error))
      return FALSE;

  return TRUE;
}

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  g_string_free (chunk->text, TRUE);
  g_free (chunk);
}

static inline void
chunk_clear (Chunk *chunk)
{
  chunk->n_rows = 0;
  g_string_truncate (chunk->text, 0);
}

/* Pushed after the last chunk: the writer returns when it pops it. */
static Chunk end_of_chunks;

static gpointer
writer_thread (gpointer data)
{
  AtlasImport *self = data;
  Chunk *chunk;

  while ((chunk = g_async_queue_pop (self->full_chunks)) != &end_of_chunks)
    {
      /* After a failure or a cancellation the chunks only go back. */
      if (!g_atomic_int_get (&self->writer_failed) &&
          !g_atomic_int_get (&self->writer_cancelled))
        {
          GError *local_error = NULL;

          if (!write_chunk (self, chunk, &local_error))
            {
              self->writer_error = local_error;
              g_atomic_int_set (&self->writer_failed, TRUE);
            }
        }
      chunk_clear (chunk);
      g_async_queue_push (self->free_chunks, chunk);
    }

  return NULL;
}

/* Waits for the writer to write (or, @cancel, to skip) the chunks it has and
 * to return; the connection is the calling thread's again afterwards.
 * Returns FALSE with the writer's error when it failed. */
static gboolean
writer_join (AtlasImport  *self,
             gboolean      cancel,
             GError      **error)
{
  if (self->writer == NULL)
    return TRUE;

  if (cancel)
    g_atomic_int_set (&self->writer_cancelled, TRUE);
  g_async_queue_push (self->full_chunks, &end_of_chunks);
  g_thread_join (g_steal_pointer (&self->writer));

  if (self->writer_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->writer_error));
      return FALSE;
    }

  return !cancel;
}

/* A chunk to fill: a new one while fewer than N_CHUNKS exist, else the
 * next one the writer gives back (waiting for it if need be). */
static Chunk *
chunk_get (AtlasImport *self)
{
  Chunk *chunk;

  if (self->chunks->len < N_CHUNKS)
    {
      chunk = g_new (Chunk, 1);
      chunk->n_rows = 0;
      chunk->text = g_string_sized_new (CHUNK_ROWS * 128);
      g_ptr_array_add (self->chunks, chunk);
      return chunk;
    }

  return g_async_queue_pop (self->free_chunks);
}

/* Hands the full current chunk to the writer, starting it the first time. */
static gboolean
chunk_submit (AtlasImport  *self,
              GError      **error)
{
  if (g_atomic_int_get (&self->writer_failed))
    return writer_join (self, FALSE, error);

  if (self->writer == NULL)
    {
      if (self->full_chunks == NULL)
        {
          self->full_chunks = g_async_queue_new ();
          self->free_chunks = g_async_queue_new ();
        }
      self->writer = g_thread_new ("atlas-import", writer_thread, self);
    }

  g_async_queue_push (self->full_chunks, g_steal_pointer (&self->chunk));
  return TRUE;
}

/* Writes the rows not yet handed over and waits for the writer. */
static gboolean
flush_pending (AtlasImport  *self,
               GError      **error)
{
  if (self->writer == NULL)
    {
      gboolean ok = self->chunk == NULL || write_chunk (self, self->chunk, error);

      if (self->chunk != NULL)
        chunk_clear (self->chunk);
      return ok;
    }

  if (self->chunk != NULL && self->chunk->n_rows > 0)
    g_async_queue_push (self->full_chunks, g_steal_pointer (&self->chunk));

  return writer_join (self, FALSE, error);
}

/* "%016x-%u", without the cost of printf for every row. */
static void
format_uid (char    *out,
            guint64  hash,
            guint32  occurrence)
{
  static const char hex[] = "0123456789abcdef";
  char digits[12];
  int n = 0;

  for (int i = 15; i >= 0; i--, hash >>= 4)
    out[i] = hex[hash & 0xf];
  out[16] = '-';
  do
    digits[n++] = '0' + occurrence % 10;
  while ((occurrence /= 10) > 0);
  for (int i = 0; i < n; i++)
    out[17 + i] = digits[n - 1 - i];
  out[17 + n] = '\0';
}

static inline gssize
pending_string (GString    *buffer,
                const char *text)
{
  gssize offset;

  if (text == NULL || text[0] == '\0')
    return -1;

  offset = buffer->len;
  g_string_append_len (buffer, text, strlen (text) + 1);
  return offset;
}

static gboolean
insert_record (AtlasImport       *self,
               const AtlasCsvRow *row,
               AtlasImportRecord *rec,
               GError           **error)
{
  PendingRow *r;
  GString *text;
  guint64 hash = self->name_hash;
  char uid[48];
  guint32 occurrence;

  /* Each field's length is hashed with it, so no two splits of the same
   * bytes into fields collide by construction. */
  for (guint i = 0; i < row->n_fields; i++)
    hash = hash_bytes (hash, row->fields[i], row->lengths[i]);
  hash = mix64 (hash);
  occurrence = occ_table_add (&self->occurrences, hash);
  format_uid (uid, hash, occurrence);

  if (self->chunk == NULL)
    self->chunk = chunk_get (self);
  r = &self->chunk->rows[self->chunk->n_rows];
  text = self->chunk->text;

  r->source_line = (gint64) row->line;
  r->kind = rec->kind;
  r->role_family = role_family (self, rec->job_title);
  r->experience = rec->experience;
  r->amount = rec->amount;
  r->amount_usd = rec->amount_usd;
  r->has_amount_usd = rec->has_amount_usd;
  r->years_experience = rec->years_experience;
  r->has_years_experience = rec->has_years_experience;
  r->year = rec->year;
  r->remote_ratio = rec->remote_ratio;
  r->has_remote_ratio = rec->has_remote_ratio;
  r->weight = rec->weight;
  r->text[TEXT_UID] = pending_string (text, uid);
  r->text[TEXT_COMPANY] = pending_string (text, rec->company);
  r->text[TEXT_TITLE] = pending_string (text, rec->job_title);
  r->text[TEXT_COUNTRY] = pending_string (text, rec->country);
  r->text[TEXT_COMPANY_COUNTRY] = pending_string (text, rec->company_country);
  r->text[TEXT_CITY] = pending_string (text, rec->city);
  r->text[TEXT_STATE] = pending_string (text, rec->state);
  r->text[TEXT_CURRENCY] = pending_string (text, rec->currency);
  r->text[TEXT_DATE] = pending_string (text, rec->date);
  r->text[TEXT_EMPLOYMENT_TYPE] = pending_string (text, rec->employment_type);
  r->text[TEXT_COMPANY_SIZE] = pending_string (text, rec->company_size);
  r->text[TEXT_CASE_STATUS] = pending_string (text, rec->case_status);

  if (++self->chunk->n_rows == CHUNK_ROWS)
    return chunk_submit (self, error);

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
      !validate_record (self, &rec))
    return reject_row (self, row, error);

  return insert_record (self, row, &rec, error);
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
  const char *value;

  if (options == NULL)
    options = &defaults;

  if (options->format == ATLAS_FORMAT_CSV && options->mapping == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: a generic CSV import needs a mapping file (--map FILE)"),
                   display_name);
      return NULL;
    }

  self = g_new0 (AtlasImport, 1);
  self->store = store;
  self->db = atlas_store_get_db (store);
  self->display_name = g_strdup (display_name);
  self->source_name = resolve_source_name (display_name, options);
  self->source_kind = g_strdup (options->source_kind ? options->source_kind : "file");
  self->format_name = g_strdup (options->format_name);
  self->forced_format = options->format;
  self->expected_rows = expected_rows;
  self->mapping = options->mapping;
  self->strict = options->strict;
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
      const AtlasImportFormatClass *klass = find_class (self->forced_format);

      if (self->licence == NULL && klass != NULL)
        self->licence = g_strdup (klass->licence);
      if (self->attribution == NULL && klass != NULL)
        self->attribution = g_strdup (klass->attribution);
    }

  if (sha256 != NULL)
    self->sha256 = g_strdup (sha256);
  else
    self->checksum = g_checksum_new (G_CHECKSUM_SHA256);

  self->rejections = g_ptr_array_new_with_free_func (g_free);
  self->reason = g_string_sized_new (128);
  self->chunks = g_ptr_array_new_with_free_func (chunk_free);
  self->roles = atlas_roles_get_default ();
  self->role_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->company_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->facets.families = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->facets.other_countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->name_hash = hash_bytes (HASH_SEED, self->source_name, strlen (self->source_name));
  self->reader = atlas_csv_reader_new (import_row_cb, self);

  /* A big import would otherwise spill dirty pages to the WAL and read
   * them back mid-transaction; the usual cache size returns afterwards.
   * Downloads keep the usual cache, so memory stays flat while refreshing. */
  if (g_strcmp0 (self->source_kind, "feed") != 0)
  {
    sqlite3_stmt *stmt = prepare_once (self, "PRAGMA cache_size", NULL);

    if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      self->saved_cache_size = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    if (self->saved_cache_size != 0 && self->saved_cache_size > -IMPORT_CACHE_KIB)
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
    sqlite3_stmt *stmt = prepare_once (self, "PRAGMA foreign_keys", NULL);

    if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
      self->foreign_keys_off =
        sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_finalize (stmt);
  }

  if (!atlas_store_begin (store, error))
    return NULL;
  self->in_transaction = TRUE;

  if (!open_source (self, error))
    return NULL;

  {
    g_autofree char *sql = insert_sql (BATCH_ROWS);

    self->insert = atlas_store_prepare (store, sql, error);
  }
  if (self->insert == NULL)
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
  writer_join (self, TRUE, NULL);
  if (self->in_transaction)
    {
      atlas_store_rollback (self->store);
      self->in_transaction = FALSE;
    }
  restore_foreign_keys (self);
}

/* CSV errors say "Line N: …"; the importer's messages name the input too. */
static void
prefix_csv_error (AtlasImport  *self,
                  GError      **error)
{
  if (error != NULL && *error != NULL && (*error)->domain == ATLAS_CSV_ERROR)
    {
      GError *csv_error = *error;

      *error = g_error_new (ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                            "%s: %s", self->display_name, csv_error->message);
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

  if (self->checksum != NULL)
    g_checksum_update (self->checksum, (const guchar *) data, len);

  if (!atlas_csv_reader_feed (self->reader, data, len, error))
    {
      prefix_csv_error (self, error);
      import_abort (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_facet (sqlite3_stmt *stmt,
              AtlasFacet    facet,
              const char   *text,
              gint64        number,
              gint64        n)
{
  int rc;

  sqlite3_bind_int (stmt, 2, facet);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 3, number);
  sqlite3_bind_int64 (stmt, 4, n);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/* The source's record_facets: the counts of the rows this import wrote,
 * which are all the source's records (open_source() removed the old ones). */
static gboolean
store_facets (AtlasImport  *self,
              GError      **error)
{
  /* Two raw names of one company, or two family strings that are equal,
   * add up. */
  static const char sql[] =
    "INSERT INTO record_facets (source_id, facet, value, n) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (facet, value, source_id) DO UPDATE SET n = n + excluded.n";
  FacetCounts *facets = &self->facets;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok = TRUE;

  if (self->source_existed)
    {
      stmt = prepare_once (self, "DELETE FROM record_facets WHERE source_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->source_id);
      ok = step_done (self, stmt, _("counting records"), error);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }

  stmt = prepare_once (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->source_id);

  g_hash_table_iter_init (&iter, facets->families);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    ok = insert_facet (stmt, ATLAS_FACET_FAMILY, key, 0, *(gint64 *) value);

  for (guint i = 0; ok && i < G_N_ELEMENTS (facets->countries); i++)
    if (facets->countries[i] > 0)
      {
        char code[3] = { 'A' + i / 26, 'A' + i % 26, '\0' };

        ok = insert_facet (stmt, ATLAS_FACET_COUNTRY, code, 0, facets->countries[i]);
      }
  g_hash_table_iter_init (&iter, facets->other_countries);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    ok = insert_facet (stmt, ATLAS_FACET_COUNTRY, key, 0, *(gint64 *) value);

  for (guint i = 0; ok && i < G_N_ELEMENTS (facets->years); i++)
    if (facets->years[i] > 0)
      ok = insert_facet (stmt, ATLAS_FACET_YEAR, NULL, YEAR_FIRST + i, facets->years[i]);

  g_hash_table_iter_init (&iter, self->company_cache);
  while (ok && g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CompanyEntry *company = value;

      if (company->id > 0 && company->n_records > 0)
        ok = insert_facet (stmt, ATLAS_FACET_COMPANY, NULL, company->id, company->n_records);
    }

  if (!ok)
    atlas_store_set_error (self->store, error, _("counting records"));
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
record_source (AtlasImport  *self,
               GError      **error)
{
  g_autofree char *now = now_iso8601 ();
  g_autofree char *message = NULL;
  sqlite3_stmt *stmt;
  gint64 added = (gint64) self->imported;
  gint64 removed = 0;

  if (self->previous > 0)
    {
      stmt = prepare_once (self,
                           "SELECT count(*) FROM records WHERE source_id = ? "
                           "AND uid NOT IN (SELECT uid FROM atlas_import_old_uids)",
                           error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->source_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        added = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      removed = self->previous - ((gint64) self->imported - added);

      if (!atlas_store_exec (self->store, "DELETE FROM atlas_import_old_uids", error))
        return FALSE;
    }

  stmt = prepare_once (self,
                       "UPDATE sources SET kind = ?, format = ?, url = ?, licence = ?, "
                       "attribution = ?, retrieved_at = ?, content_sha256 = ?, row_count = ?, "
                       "rejected_count = ?, last_attempt_at = ?, last_status = 'imported' "
                       "WHERE id = ?",
                       error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->source_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2,
                     self->format_name ? self->format_name : atlas_format_to_string (self->klass->format),
                     -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, self->url);
  sqlite3_bind_text (stmt, 4, self->licence ? self->licence : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, self->attribution ? self->attribution : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, self->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, (gint64) self->imported);
  sqlite3_bind_int64 (stmt, 9, (gint64) self->rejected);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, self->source_id);
  if (!step_done (self, stmt, _("updating a source"), error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  message = g_strdup_printf ("imported %" G_GUINT64_FORMAT ", rejected %" G_GUINT64_FORMAT,
                             self->imported, self->rejected);
  stmt = prepare_once (self,
                       "INSERT INTO source_history (source_id, at, outcome, content_sha256, "
                       "rows_before, rows_after, added, removed, message) "
                       "VALUES (?, ?, 'imported', ?, ?, ?, ?, ?, ?)",
                       error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->source_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, self->previous);
  sqlite3_bind_int64 (stmt, 5, (gint64) self->imported);
  sqlite3_bind_int64 (stmt, 6, added);
  sqlite3_bind_int64 (stmt, 7, removed);
  sqlite3_bind_text (stmt, 8, message, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, _("recording a source’s history"), error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  return TRUE;
}

gboolean
atlas_import_finish (AtlasImport        *self,
                     AtlasImportResult  *result,
                     GError            **error)
{
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

  if (!flush_pending (self, error))
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

  if (self->imported == 0)
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

  if (self->checksum != NULL)
    self->sha256 = g_strdup (g_checksum_get_string (self->checksum));

  if (self->source_existed && g_strcmp0 (self->old_sha256, self->sha256) == 0)
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
          result->imported = self->previous;
          result->previous = self->previous;
          result->rejected = self->old_rejected;
          result->added = 0;
          result->unchanged = TRUE;
          result->sha256 = g_strdup (self->sha256);
          result->rejections = g_ptr_array_new_with_free_func (g_free);
        }
      return TRUE;
    }

  if (!restore_indexes (self, error) ||
      !store_facets (self, error) ||
      !record_source (self, error) ||
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
      result->imported = self->imported;
      result->rejected = self->rejected;
      result->previous = self->previous;
      result->added = (gint64) self->imported - self->previous;
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
  writer_join (self, TRUE, NULL);
  g_clear_error (&self->writer_error);

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

  sqlite3_finalize (self->insert);
  sqlite3_finalize (self->insert_tail);
  g_clear_pointer (&self->chunks, g_ptr_array_unref);
  g_clear_pointer (&self->full_chunks, g_async_queue_unref);
  g_clear_pointer (&self->free_chunks, g_async_queue_unref);
  g_clear_pointer (&self->reader, atlas_csv_reader_free);
  g_clear_pointer (&self->checksum, g_checksum_free);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  g_clear_pointer (&self->dropped_indexes, g_ptr_array_unref);
  g_clear_pointer (&self->role_cache, g_hash_table_unref);
  g_clear_pointer (&self->company_cache, g_hash_table_unref);
  g_clear_pointer (&self->facets.families, g_hash_table_unref);
  g_clear_pointer (&self->facets.other_countries, g_hash_table_unref);
  if (self->reason != NULL)
    g_string_free (self->reason, TRUE);
  g_free (self->occurrences.slots);
  g_free (self->display_name);
  g_free (self->source_name);
  g_free (self->source_kind);
  g_free (self->format_name);
  g_free (self->url);
  g_free (self->licence);
  g_free (self->attribution);
  g_free (self->sha256);
  g_free (self->old_sha256);
  g_free (self);
}

/* An upper bound of the records in a file: its line count. */
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

/* A file is fed in pieces of this size, so that hashing and parsing take
 * turns on the calling thread. */
#define FILE_PIECE (256 * 1024)

gboolean
atlas_import_file (AtlasStore                *store,
                   const char                *path,
                   const AtlasImportOptions  *options,
                   AtlasImportResult         *result,
                   GError                   **error)
{
  static const AtlasImportOptions defaults = { 0 };
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AtlasImport) import = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *uri = NULL;
  AtlasImportOptions opts;
  const char *data;
  gsize len;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  opts = options ? *options : defaults;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  data = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  if (data == NULL)
    data = "";

  source_name = resolve_source_name (path, &opts);

  /* A source already stored is hashed first, so that an unchanged file is
   * recognised without writing anything.  A new source cannot be unchanged:
   * its hash is computed piece by piece while the rows are parsed, which on
   * two cores overlaps with the writer thread. */
  if (sqlite3_prepare_v2 (atlas_store_get_db (store),
                          "SELECT content_sha256, row_count, rejected_count, format "
                          "FROM sources WHERE name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, source_name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
      if (sha256 != NULL &&
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), sha256) == 0)
        {
          if (result != NULL)
            {
              memset (result, 0, sizeof *result);
              result->source_name = g_strdup (source_name);
              if (!atlas_format_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                             &result->format))
                result->format = opts.format;
              result->imported = sqlite3_column_int64 (stmt, 1);
              result->previous = result->imported;
              result->rejected = sqlite3_column_int64 (stmt, 2);
              result->unchanged = TRUE;
              result->sha256 = g_strdup (sha256);
              result->rejections = g_ptr_array_new_with_free_func (g_free);
            }
          sqlite3_finalize (stmt);
          return TRUE;
        }
    }
  sqlite3_finalize (stmt);

  if (opts.url == NULL &&
      (opts.mapping == NULL || _atlas_mapping_get_source (opts.mapping, "url") == NULL))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      uri = g_file_get_uri (file);
      opts.url = uri;
    }

  import = import_begin_full (store, path, &opts, sha256, count_lines (data, len) - 1, error);
  if (import == NULL)
    return FALSE;

  for (gsize off = 0; off < len; off += FILE_PIECE)
    if (!atlas_import_feed (import, data + off, MIN (FILE_PIECE, len - off), error))
      return FALSE;

  return atlas_import_finish (import, result, error);
}
