/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-writer.c: the rows of an import on their way to the records
 * table.
 *
 * Rows are inserted BATCH_ROWS at a time with one multi-row INSERT: SQLite's
 * cost per statement (cursors on the table and its indexes, the statement
 * journal) is then paid once per batch instead of once per row.
 *
 * Two threads share the work of a large import.  The thread that feeds the
 * import parses, converts, validates and hashes rows into chunks of
 * CHUNK_ROWS; a writer thread takes the filled chunks and does everything
 * that touches the database (company ids, the INSERTs).  N_CHUNKS chunks
 * circulate between them, so memory stays bounded however large the input.
 * The writer starts once THREAD_AFTER_ROWS rows are written: before, the
 * calling thread writes each full chunk itself, so that imports of up to
 * about a hundred thousand rows run on one thread alone (see
 * THREAD_AFTER_ROWS).  The connection is only ever used by
 * one thread at a time: by the writer from its start until it is joined,
 * by the calling thread before and after. */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-cells.h"
#include "atlas-import-facets.h"
#include "atlas-import-bind.h"
#include "atlas-import-hash.h"
#include "atlas-import-writer.h"
#include "atlas-store-private.h"

#define BATCH_ROWS 64
#define N_PARAMS   23
#define CHUNK_ROWS (16 * BATCH_ROWS)
#define N_CHUNKS   3
/* A second thread costs CPU time of its own: about 20 ms for an import of
 * the aijobs file (74,301 rows; 272 -> 248 ms of task-clock, medians of 7
 * alternated runs), from its start, its own malloc arena (page faults)
 * and handing 73 chunks between two cores; it gains little wall time
 * there and none when the other core is busy.  From about a hundred
 * thousand rows on, the overlap of parsing with SQLite's work pays
 * (bench/README.md, perf-import3). */
#define THREAD_AFTER_ROWS (128 * CHUNK_ROWS)

static guint64 thread_after_rows = THREAD_AFTER_ROWS;

void
_atlas_import_writer_set_thread_after (guint64 rows)
{
  thread_after_rows = rows;
}

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
  guint64     uid_hash;        /* numbered when the chunk is full: see number_chunk() */
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

struct _AtlasImportWriter
{
  AtlasStore       *store;
  gint64            source_id;
  char             *display_name;
  AtlasRowHasher   *hasher;           /* the caller's: used on its thread only */
  guint64           written;

  AtlasInsertStmt   insert;           /* BATCH_ROWS rows at a time */
  AtlasInsertStmt   insert_tail;      /* the remainder at the end */
  sqlite3_stmt     *touch_source;     /* see keep_source_page() */
  gboolean          may_drop_indexes; /* a bulk load: see maybe_drop_indexes() */
  gboolean          checks_off;       /* see checks_set() */
  GPtrArray        *dropped_indexes;  /* CREATE INDEX statements to run at the end */
  AtlasFacetCounts *facets;
  AtlasCellCounts  *cells;

  Chunk            *chunk;            /* being filled by the calling thread */
  GPtrArray        *chunks;           /* all chunks, owned */
  GAsyncQueue      *full_chunks;      /* to the writer; end_of_chunks stops it */
  GAsyncQueue      *free_chunks;      /* back from the writer */
  GThread          *thread;
  gint              failed;           /* atomic; error is set before it */
  gint              cancelled;        /* atomic: skip the remaining chunks */
  GError           *error;
};

/* Bulk loading.  Keeping a secondary index of records up to date row by row
 * costs a B-tree insertion per row; when the keys come in random order
 * (company ids) that is slower than building the index afterwards from
 * sorted data.  When this import will be at least two thirds of the table,
 * such indexes are dropped inside the transaction, just before the first
 * row that has a company, and created again from the schema's own SQL
 * before the commit; a rollback brings the old ones back as they were.
 * records_by_source is always kept: its keys arrive in order (one source,
 * increasing rowids), which costs less than rebuilding it, and an import
 * without companies (aijobs) keeps all of them for the same reason.
 * The source's old records are gone already, so all records counted here
 * belong to other sources. */
static gboolean
decide_bulk_load (AtlasImportWriter  *self,
                  gint64              expected_rows,
                  GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 others = 0;

  stmt = atlas_store_prepare (self->store, "SELECT count(*) FROM records", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    others = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  self->may_drop_indexes = expected_rows >= 1000 && others * 2 <= expected_rows;

  return TRUE;
}

static gboolean
maybe_drop_indexes (AtlasImportWriter  *self,
                    GError            **error)
{
  sqlite3_stmt *stmt;

  if (!self->may_drop_indexes)
    return TRUE;
  self->may_drop_indexes = FALSE;

  stmt = atlas_store_prepare (self->store,
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
restore_indexes (AtlasImportWriter  *self,
                 GError            **error)
{
  if (self->dropped_indexes == NULL)
    return TRUE;

  for (guint i = 0; i < self->dropped_indexes->len; i += 2)
    if (!atlas_store_exec (self->store, g_ptr_array_index (self->dropped_indexes, i), error))
      return FALSE;

  g_clear_pointer (&self->dropped_indexes, g_ptr_array_unref);
  return TRUE;
}

/* The records' CHECK constraints (experience one of four codes, amount
 * not negative) hold by construction: every row passed
 * _atlas_row_validator_check(), which tests both.  SQLite codes the CHECK
 * with an IN list as an ephemeral table, made and filled with the four
 * codes for every row: a quarter of the CPU time of a 1M-row import
 * (measured, bench/README.md).  So the INSERTs are compiled and run without
 * them, as without the foreign keys (atlas-import.c).  The pragma is on
 * from the writer's start to its finish (or free); meanwhile only records
 * and companies (which have no CHECK) are written.  Setting it expires the
 * connection's statements, which SQLite prepares again when they run. */
static gboolean
checks_set (AtlasImportWriter  *self,
            gboolean            off,
            GError            **error)
{
  if (self->checks_off == off)
    return TRUE;
  if (!atlas_store_exec (self->store, off ? "PRAGMA ignore_check_constraints = ON"
                                          : "PRAGMA ignore_check_constraints = OFF", error))
    return FALSE;
  self->checks_off = off;
  return TRUE;
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

static gboolean
insert_stmt_prepare (AtlasStore       *store,
                     AtlasInsertStmt  *insert,
                     guint             n_rows,
                     GError          **error)
{
  g_autofree char *sql = insert_sql (n_rows);

  return _atlas_insert_stmt_prepare (store, insert, sql, n_rows, n_rows * N_PARAMS, error);
}

/* A string of the chunk, which the next chunk writes over; -1: NULL. */
static inline void
bind_pending_text (AtlasInsertStmt *insert,
                   int              param,
                   const char      *text,
                   gssize           offset)
{
  _atlas_bind_text (insert, param, offset >= 0 ? text + offset : NULL);
}

/* Inserts @n_rows rows (at most BATCH_ROWS) with one statement. */
static gboolean
insert_rows (AtlasImportWriter  *self,
             const PendingRow   *rows,
             guint               n_rows,
             const char         *text,
             GError            **error)
{
  AtlasInsertStmt *insert;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (n_rows > 0 && n_rows <= BATCH_ROWS);

  if (n_rows == BATCH_ROWS)
    insert = &self->insert;
  else
    {
      insert = &self->insert_tail;
      if (insert->n_rows != n_rows)
        {
          _atlas_insert_stmt_clear (insert);
          if (!insert_stmt_prepare (self->store, insert, n_rows, error))
            return FALSE;
        }
    }
  stmt = insert->stmt;

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
              !_atlas_facet_counts_company (self->facets, self->store,
                                            text + r->text[TEXT_COMPANY], &company, error))
            return FALSE;
        }

      bind_pending_text (insert, p + 1, text, r->text[TEXT_UID]);
      _atlas_bind_int (insert, p + 2, self->source_id);
      _atlas_bind_int (insert, p + 3, r->source_line);
      _atlas_bind_static (insert, p + 4, r->kind);
      bind_pending_text (insert, p + 5, text, r->text[TEXT_TITLE]);
      _atlas_bind_static (insert, p + 6, r->role_family);
      if (company > 0)
        _atlas_bind_int (insert, p + 7, company);
      else
        _atlas_bind_null (insert, p + 7);
      bind_pending_text (insert, p + 8, text, r->text[TEXT_COUNTRY]);
      bind_pending_text (insert, p + 9, text, r->text[TEXT_COMPANY_COUNTRY]);
      bind_pending_text (insert, p + 10, text, r->text[TEXT_CITY]);
      bind_pending_text (insert, p + 11, text, r->text[TEXT_STATE]);
      _atlas_bind_static (insert, p + 12, r->experience);
      _atlas_bind_double (insert, p + 13, r->has_years_experience ? r->years_experience : NAN);
      _atlas_bind_double (insert, p + 14, r->amount);
      bind_pending_text (insert, p + 15, text, r->text[TEXT_CURRENCY]);
      _atlas_bind_double (insert, p + 16, r->has_amount_usd ? r->amount_usd : NAN);
      _atlas_bind_int (insert, p + 17, r->year);
      bind_pending_text (insert, p + 18, text, r->text[TEXT_DATE]);
      bind_pending_text (insert, p + 19, text, r->text[TEXT_EMPLOYMENT_TYPE]);
      if (r->has_remote_ratio)
        _atlas_bind_int (insert, p + 20, r->remote_ratio);
      else
        _atlas_bind_null (insert, p + 20);
      bind_pending_text (insert, p + 21, text, r->text[TEXT_COMPANY_SIZE]);
      bind_pending_text (insert, p + 22, text, r->text[TEXT_CASE_STATUS]);
      _atlas_bind_int (insert, p + 23, r->weight);

      _atlas_cell_counts_add (self->cells, text + r->text[TEXT_UID], text + r->text[TEXT_COUNTRY],
                              r->experience, r->role_family, r->year,
                              text + r->text[TEXT_CURRENCY], company,
                              r->has_years_experience ? r->years_experience : NAN,
                              r->amount, r->has_amount_usd ? r->amount_usd : NAN, r->weight);
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

  self->written += n_rows;
  return TRUE;
}

/* The page of the source's row is the first one the transaction changes
 * (atlas-import-source.c adds or finds the row) and changes again at its
 * end (row count, hash).  SQLite writes the pages its cache cannot hold to
 * the WAL, least recently used first: that page would be among the first
 * frames, and when a page already in the WAL is changed again in the same
 * transaction, the commit reads back and checksums every frame written
 * after it (walRewriteChecksums), the whole import's pages.  Reading the
 * row once per chunk keeps the page recently used, so it stays in the
 * cache until atlas_import_finish() updates the row right after the last
 * chunk.  Importing the aijobs file, that was 773 of the 1,548 reads of
 * the WAL and 773 of its 2,321 writes; at 1M rows it is a part (SQLite
 * itself changes old interior pages of the records' B-tree again when it
 * balances it, which sets off the same reading from there on). */
static void
keep_source_page (AtlasImportWriter *self)
{
  if (self->touch_source == NULL)
    return;
  sqlite3_step (self->touch_source);
  sqlite3_reset (self->touch_source);
}

/* Everything that touches the database for a chunk: on the writer thread,
 * or on the calling thread when there is no writer. */
static gboolean
write_chunk (AtlasImportWriter  *self,
             Chunk              *chunk,
             GError            **error)
{
  const char *text = chunk->text->str;

  keep_source_page (self);

  /* The counts, in a loop of their own: counting inside the binding loop
   * of insert_rows() made an aijobs import about 2 ms slower than this
   * (measured), more than the counting itself costs. */
  for (guint i = 0; i < chunk->n_rows; i++)
    {
      const PendingRow *r = &chunk->rows[i];

      g_assert (r->text[TEXT_COUNTRY] >= 0);
      _atlas_facet_counts_add (self->facets, r->role_family, text + r->text[TEXT_COUNTRY],
                               r->year);
    }

  for (guint i = 0; i < chunk->n_rows; i += BATCH_ROWS)
    if (!insert_rows (self, chunk->rows + i, MIN (BATCH_ROWS, chunk->n_rows - i), text, error))
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
  AtlasImportWriter *self = data;
  Chunk *chunk;

  while ((chunk = g_async_queue_pop (self->full_chunks)) != &end_of_chunks)
    {
      /* After a failure or a cancellation the chunks only go back. */
      if (!g_atomic_int_get (&self->failed) && !g_atomic_int_get (&self->cancelled))
        {
          GError *local_error = NULL;

          if (!write_chunk (self, chunk, &local_error))
            {
              self->error = local_error;
              g_atomic_int_set (&self->failed, TRUE);
            }
        }
      chunk_clear (chunk);
      g_async_queue_push (self->free_chunks, chunk);
    }

  return NULL;
}

/* Waits for the writer to write (or, @cancel, to skip) the chunks it has and
 * to return.  Returns FALSE with the writer's error when it failed. */
static gboolean
writer_join (AtlasImportWriter  *self,
             gboolean            cancel,
             GError            **error)
{
  if (self->thread == NULL)
    return TRUE;

  if (cancel)
    g_atomic_int_set (&self->cancelled, TRUE);
  g_async_queue_push (self->full_chunks, &end_of_chunks);
  g_thread_join (g_steal_pointer (&self->thread));

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  return !cancel;
}

/* A chunk to fill: a new one while fewer than N_CHUNKS exist, else the
 * next one the writer gives back (waiting for it if need be). */
static Chunk *
chunk_get (AtlasImportWriter *self)
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

/* Rows whose occurrence is counted this many rows after their slot in the
 * occurrence table was prefetched. */
#define NUMBER_AHEAD 8

/* The uids of @chunk's rows, in their order, on the calling thread (the
 * hasher's).  The rows' hashes are known when they are added, so the
 * occurrence table's slot of each row is fetched from memory while the
 * rows before it are numbered: a table of 74,301 distinct rows is 2 MiB,
 * and its look-up was half of the hash's time, a cache miss each. */
static void
number_chunk (AtlasImportWriter *self,
              Chunk             *chunk)
{
  char *text = chunk->text->str;

  for (guint i = 0; i < MIN (NUMBER_AHEAD, chunk->n_rows); i++)
    _atlas_row_hasher_prefetch (self->hasher, chunk->rows[i].uid_hash);
  for (guint i = 0; i < chunk->n_rows; i++)
    {
      if (i + NUMBER_AHEAD < chunk->n_rows)
        _atlas_row_hasher_prefetch (self->hasher, chunk->rows[i + NUMBER_AHEAD].uid_hash);
      _atlas_row_hasher_number (self->hasher, chunk->rows[i].uid_hash,
                                text + chunk->rows[i].text[TEXT_UID]);
    }
}

/* Writes the full current chunk while the import is small, else hands it
 * to the writer, starting it the first time. */
static gboolean
chunk_submit (AtlasImportWriter  *self,
              GError            **error)
{
  if (g_atomic_int_get (&self->failed))
    return writer_join (self, FALSE, error);

  number_chunk (self, self->chunk);

  /* Small so far: written here, and the chunk is filled again. */
  if (self->thread == NULL && self->written + CHUNK_ROWS <= thread_after_rows)
    {
      gboolean ok = write_chunk (self, self->chunk, error);

      chunk_clear (self->chunk);
      return ok;
    }

  if (self->thread == NULL)
    {
      if (self->full_chunks == NULL)
        {
          self->full_chunks = g_async_queue_new ();
          self->free_chunks = g_async_queue_new ();
        }
      self->thread = g_thread_new ("atlas-import", writer_thread, self);
    }

  g_async_queue_push (self->full_chunks, g_steal_pointer (&self->chunk));
  return TRUE;
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

AtlasImportWriter *
_atlas_import_writer_new (AtlasStore      *store,
                          gint64           source_id,
                          const char      *display_name,
                          AtlasRowHasher  *hasher,
                          gint64           expected_rows,
                          GError         **error)
{
  g_autoptr(AtlasImportWriter) self = g_new0 (AtlasImportWriter, 1);

  self->store = store;
  self->source_id = source_id;
  self->display_name = g_strdup (display_name);
  self->hasher = hasher;
  self->chunks = g_ptr_array_new_with_free_func (chunk_free);
  self->facets = _atlas_facet_counts_new ();
  self->cells = _atlas_cell_counts_new (store, error);
  if (self->cells == NULL)
    return NULL;

  if (!decide_bulk_load (self, expected_rows, error) ||
      !checks_set (self, TRUE, error))
    return NULL;

  if (!insert_stmt_prepare (store, &self->insert, BATCH_ROWS, error))
    return NULL;
  self->touch_source = atlas_store_prepare (store, "SELECT 1 FROM sources WHERE id = ?", error);
  if (self->touch_source == NULL)
    return NULL;
  sqlite3_bind_int64 (self->touch_source, 1, source_id);

  return g_steal_pointer (&self);
}

gboolean
_atlas_import_writer_add (AtlasImportWriter        *self,
                          gint64                    line,
                          guint64                   uid_hash,
                          const char               *role_family,
                          const AtlasImportRecord  *rec,
                          GError                  **error)
{
  PendingRow *r;
  GString *text;

  if (self->chunk == NULL)
    self->chunk = chunk_get (self);
  r = &self->chunk->rows[self->chunk->n_rows];
  text = self->chunk->text;

  r->source_line = line;
  r->uid_hash = uid_hash;
  r->kind = rec->kind;
  r->role_family = role_family;
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
  /* Room for the uid, written by number_chunk(). */
  r->text[TEXT_UID] = text->len;
  g_string_set_size (text, text->len + ATLAS_IMPORT_UID_SIZE);
  text->str[r->text[TEXT_UID]] = '\0';
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

gboolean
_atlas_import_writer_flush (AtlasImportWriter  *self,
                            GError            **error)
{
  if (self->chunk != NULL)
    number_chunk (self, self->chunk);

  if (self->thread == NULL)
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

void
_atlas_import_writer_cancel (AtlasImportWriter *self)
{
  writer_join (self, TRUE, NULL);
  g_clear_error (&self->error);
}

gboolean
_atlas_import_writer_finish (AtlasImportWriter  *self,
                             gboolean            replace,
                             GError            **error)
{
  g_return_val_if_fail (self->thread == NULL, FALSE);

  return checks_set (self, FALSE, error) &&
         restore_indexes (self, error) &&
         _atlas_facet_counts_store (self->facets, self->store, self->source_id, replace, error) &&
         _atlas_cell_counts_store (self->cells, self->store, self->source_id, error);
}

guint64
_atlas_import_writer_get_written (AtlasImportWriter *self)
{
  return self->written;
}

void
_atlas_import_writer_free (AtlasImportWriter *self)
{
  if (self == NULL)
    return;

  _atlas_import_writer_cancel (self);

  _atlas_insert_stmt_clear (&self->insert);
  _atlas_insert_stmt_clear (&self->insert_tail);
  sqlite3_finalize (self->touch_source);
  checks_set (self, FALSE, NULL);
  g_clear_pointer (&self->chunks, g_ptr_array_unref);
  g_clear_pointer (&self->full_chunks, g_async_queue_unref);
  g_clear_pointer (&self->free_chunks, g_async_queue_unref);
  g_clear_pointer (&self->dropped_indexes, g_ptr_array_unref);
  g_clear_pointer (&self->facets, _atlas_facet_counts_free);
  g_clear_pointer (&self->cells, _atlas_cell_counts_free);
  g_free (self->display_name);
  g_free (self);
}
