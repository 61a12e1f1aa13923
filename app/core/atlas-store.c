/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store.c: opening, migrating and talking to the SQLite database. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "atlas-company.h"
#include "atlas-store-cells.h"
#include "atlas-store-private.h"
#include "atlas-store-schema.h"

struct _AtlasStore
{
  sqlite3    *db;
  char       *path;
  GHashTable *company_ids;   /* raw name -> gint64 id (0: no employer), valid until rollback */
  sqlite3_stmt *find_company;
  sqlite3_stmt *insert_company;
  sqlite3_stmt *insert_alias;
  gboolean    outer;         /* atlas_store_begin_outer() is open */
  guint       depth;         /* savepoints open inside it */
};

G_DEFINE_QUARK (atlas-store-error-quark, atlas_store_error)

/* Writes of this process that may hold the database longer than the busy
 * timeout (an index made for a sort of the Records page: seconds at 10M
 * records), and how long a writer waits for them. */
static gint long_writes;
#define LONG_WRITE_WAIT_US (5 * 60 * G_USEC_PER_SEC)

void
_atlas_store_long_write_begin (void)
{
  g_atomic_int_inc (&long_writes);
}

void
_atlas_store_long_write_end (void)
{
  g_atomic_int_dec_and_test (&long_writes);
}

char *
atlas_store_default_path (void)
{
  const char *env = g_getenv ("SALARY_ATLAS_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "salary-atlas", "atlas.db", NULL);
}

void
atlas_store_set_error (AtlasStore  *self,
                       GError     **error,
                       const char  *what)
{
  g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_SQL,
               /* Translators: the first %s says what was being done, the last is SQLite's message */
               _("Database error while %s in “%s”: %s"),
               what, self->path, sqlite3_errmsg (self->db));
}

gboolean
atlas_store_exec (AtlasStore  *self,
                  const char  *sql,
                  GError     **error)
{
  char *message = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_SQL,
                   _("Database error in “%s”: %s"), self->path,
                   message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
atlas_store_prepare (AtlasStore  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      atlas_store_set_error (self, error, _("preparing a query"));
      return NULL;
    }

  return stmt;
}

gboolean
atlas_store_begin (AtlasStore  *self,
                   GError     **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->outer)
    {
      if (!atlas_store_exec (self, "SAVEPOINT atlas_nested", error))
        return FALSE;
      self->depth++;
      return TRUE;
    }

  /* Readers never wait (WAL); a second writer waits for the busy timeout
   * and then says why, instead of SQLite's "database is locked". */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  /* Behind a long write of this process (a curation action while the
   * Records page makes a sort's index) it waits on, each try for another
   * busy timeout, up to a bound. */
  for (gint64 until = g_get_monotonic_time () + LONG_WRITE_WAIT_US;
       (rc & 0xff) == SQLITE_BUSY && g_atomic_int_get (&long_writes) > 0 &&
       g_get_monotonic_time () < until;)
    rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if ((rc & 0xff) == SQLITE_BUSY)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_BUSY,
                   _("Another import or refresh is writing to “%s”; try again when it has finished"),
                   self->path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      atlas_store_set_error (self, error, _("starting a transaction"));
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_store_commit (AtlasStore  *self,
                    GError     **error)
{
  if (self->outer)
    {
      if (self->depth == 0)
        return TRUE;
      if (!atlas_store_exec (self, "RELEASE atlas_nested", error))
        {
          atlas_store_rollback (self);
          return FALSE;
        }
      self->depth--;
      return TRUE;
    }

  if (!atlas_store_exec (self, "COMMIT", error))
    {
      atlas_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
atlas_store_rollback (AtlasStore *self)
{
  g_return_if_fail (self != NULL);

  /* Inside an outer transaction only the innermost savepoint is undone;
   * a second rollback after a failed commit (a common pattern) must not
   * end the outer one. */
  if (self->outer)
    {
      if (self->depth == 0)
        return;
      sqlite3_exec (self->db, "ROLLBACK TO atlas_nested; RELEASE atlas_nested",
                    NULL, NULL, NULL);
      self->depth--;
    }
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  /* Company rows created inside the transaction are gone again. */
  g_hash_table_remove_all (self->company_ids);
}

gboolean
atlas_store_begin_outer (AtlasStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->outer, FALSE);

  if (!atlas_store_begin (self, error))
    return FALSE;
  self->outer = TRUE;
  self->depth = 0;

  return TRUE;
}

gboolean
atlas_store_end_outer (AtlasStore  *self,
                       gboolean     commit,
                       GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->outer, FALSE);

  /* Savepoints left open by a path that failed without rolling back are
   * part of the outer transaction and end with it. */
  self->outer = FALSE;
  self->depth = 0;
  if (commit)
    return atlas_store_commit (self, error);

  atlas_store_rollback (self);
  return TRUE;
}

int
atlas_store_get_schema_version (AtlasStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
atlas_store_migrate (AtlasStore  *self,
                     GError     **error)
{
  int version = atlas_store_get_schema_version (self);

  if (version > ATLAS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer Salary Atlas (schema %d, this version knows %d)"),
                   self->path, version, ATLAS_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  g_assert (_atlas_store_n_migrations == ATLAS_STORE_SCHEMA_VERSION);

  /* Each step runs in its own transaction, with the version bump inside it,
   * so that an interrupted upgrade leaves a consistent older schema.  The
   * version is read again once the transaction holds the write lock:
   * another connection (the window opens several at once, the command line
   * may run beside it) may have done the step while this one waited. */
  for (int v = version; v < ATLAS_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = NULL;

      if (!atlas_store_begin (self, error))
        return FALSE;

      v = atlas_store_get_schema_version (self);
      if (v < 0)
        {
          atlas_store_set_error (self, error, _("reading the schema version"));
          atlas_store_rollback (self);
          return FALSE;
        }
      if (v >= ATLAS_STORE_SCHEMA_VERSION)
        {
          atlas_store_rollback (self);
          break;
        }
      bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!atlas_store_exec (self, _atlas_store_migrations[v], error) ||
          !atlas_store_exec (self, bump, error) ||
          !atlas_store_commit (self, error))
        {
          atlas_store_rollback (self);
          return FALSE;
        }
    }

  return TRUE;
}

AtlasStore *
atlas_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(AtlasStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_new0 (AtlasStore, 1);
  self->path = g_strdup (path);
  self->company_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* A file that is not a database fails here, with SQLite's own words.
   * The page size only applies to a new, empty database (and must come
   * before WAL mode): 16 KiB pages make an import write and checkpoint a
   * quarter as many pages as the default 4 KiB, with fewer, larger
   * writes.  Existing databases keep the page size they were created with. */
  if (!atlas_store_exec (self,
                         "PRAGMA page_size = 16384;"
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;"
                         /* Queries scan many rows: a larger page cache than
                          * the default 2 MiB. (Memory-mapping the file was no
                          * faster and counted the whole file in RSS.) */
                         "PRAGMA cache_size = -8192;",
                         error))
    return NULL;

  if (!atlas_store_migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
atlas_store_free (AtlasStore *self)
{
  if (self == NULL)
    return;

  sqlite3_finalize (self->find_company);
  sqlite3_finalize (self->insert_company);
  sqlite3_finalize (self->insert_alias);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->company_ids, g_hash_table_unref);
  g_free (self->path);
  g_free (self);
}

const char *
atlas_store_get_path (AtlasStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

sqlite3 *
atlas_store_get_db (AtlasStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->db;
}

gint64
atlas_store_changes (AtlasStore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return sqlite3_changes64 (self->db);
}

/* SQLite calls this every few thousand virtual machine steps: a non-zero
 * return interrupts the statement. */
static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

void
atlas_store_set_cancellable (AtlasStore   *self,
                             GCancellable *cancellable)
{
  g_return_if_fail (self != NULL);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 4000, progress_cb, cancellable);
  else
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
}

void
atlas_store_set_soft_heap_limit (gint64 bytes)
{
  sqlite3_soft_heap_limit64 (bytes);
}

static gint64
atlas_store_count (AtlasStore *self,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

gint64
atlas_store_count_records (AtlasStore *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return atlas_store_count (self, "SELECT count(*) FROM records");
}

gint64
atlas_store_count_figures (AtlasStore *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return atlas_store_count (self, "SELECT count(*) FROM figures");
}

gboolean
atlas_store_is_empty (AtlasStore *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return atlas_store_count (self, "SELECT count(*) FROM sources") == 0;
}

gboolean
atlas_store_recount_facets (AtlasStore  *self,
                            gint64       source_id,
                            GError     **error)
{
  /* The old counts go, then one GROUP BY per facet over the source's
   * records (through records_by_source) or over all of them. */
#define FACET_SQL(WHERE) {                                                                         \
    "DELETE FROM record_facets WHERE " WHERE,                                                     \
    "INSERT INTO record_facets (source_id, facet, value, n)"                                      \
    " SELECT source_id, 0, role_family, count(*) FROM records"                                    \
    " WHERE " WHERE " GROUP BY source_id, role_family",                                           \
    "INSERT INTO record_facets (source_id, facet, value, n)"                                      \
    " SELECT source_id, 1, country, count(*) FROM records"                                        \
    " WHERE " WHERE " GROUP BY source_id, country",                                               \
    "INSERT INTO record_facets (source_id, facet, value, n)"                                      \
    " SELECT source_id, 2, year, count(*) FROM records"                                           \
    " WHERE " WHERE " GROUP BY source_id, year",                                                  \
    "INSERT INTO record_facets (source_id, facet, value, n)"                                      \
    " SELECT source_id, 3, company_id, count(*) FROM records"                                     \
    " WHERE company_id IS NOT NULL AND " WHERE " GROUP BY source_id, company_id",                 \
  }
  static const char * const one_source[] = FACET_SQL ("source_id = ?1");
  static const char * const all_sources[] = FACET_SQL ("?1 = 0");
#undef FACET_SQL
  const char * const *sql = source_id != 0 ? one_source : all_sources;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (one_source); i++)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean ok;

      if (sqlite3_prepare_v2 (self->db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          atlas_store_set_error (self, error, _("counting records"));
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, source_id);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        atlas_store_set_error (self, error, _("counting records"));
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }

  /* The statistics' cells follow the records the same way. */
  return _atlas_store_cells_rebuild (self, source_id, error);
}

static gboolean
atlas_store_prepare_company_statements (AtlasStore  *self,
                                        GError     **error)
{
  if (self->find_company != NULL)
    return TRUE;

  self->find_company = atlas_store_prepare (self, "SELECT id FROM companies WHERE key = ?", error);
  if (self->find_company == NULL)
    return FALSE;
  self->insert_company = atlas_store_prepare (self,
                                              "INSERT INTO companies (key, display_name) VALUES (?, ?)",
                                              error);
  if (self->insert_company == NULL)
    return FALSE;
  self->insert_alias = atlas_store_prepare (self,
                                            "INSERT OR IGNORE INTO company_aliases (alias, company_id) VALUES (?, ?)",
                                            error);
  return self->insert_alias != NULL;
}

gint64
atlas_store_ensure_company (AtlasStore  *self,
                            const char  *raw_name,
                            GError     **error)
{
  g_autofree char *key = NULL;
  gint64 *cached;
  gint64 id = 0;

  g_return_val_if_fail (self != NULL, -1);

  if (raw_name == NULL)
    return 0;

  /* Every raw spelling is cached, so repeated names skip normalisation and
   * each new spelling of a known company still reaches company_aliases. */
  cached = g_hash_table_lookup (self->company_ids, raw_name);
  if (cached != NULL)
    return *cached;

  key = atlas_company_normalise_key (raw_name);
  if (key == NULL)
    {
      g_hash_table_insert (self->company_ids, g_strdup (raw_name), g_memdup2 (&id, sizeof id));
      return 0;
    }

  if (!atlas_store_prepare_company_statements (self, error))
    return -1;

  sqlite3_reset (self->find_company);
  sqlite3_bind_text (self->find_company, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (self->find_company) == SQLITE_ROW)
    id = sqlite3_column_int64 (self->find_company, 0);
  sqlite3_reset (self->find_company);

  if (id == 0)
    {
      g_autofree char *display = atlas_company_display_name (raw_name);

      sqlite3_reset (self->insert_company);
      sqlite3_bind_text (self->insert_company, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->insert_company, 2, display, -1, SQLITE_STATIC);
      if (sqlite3_step (self->insert_company) != SQLITE_DONE)
        {
          atlas_store_set_error (self, error, _("adding a company"));
          sqlite3_reset (self->insert_company);
          return -1;
        }
      sqlite3_reset (self->insert_company);
      id = sqlite3_last_insert_rowid (self->db);
    }

  {
    g_autofree char *alias = g_utf8_casefold (raw_name, -1);

    sqlite3_reset (self->insert_alias);
    sqlite3_bind_text (self->insert_alias, 1, alias, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (self->insert_alias, 2, id);
    sqlite3_step (self->insert_alias);
    sqlite3_reset (self->insert_alias);
  }

  g_hash_table_insert (self->company_ids, g_strdup (raw_name), g_memdup2 (&id, sizeof id));

  return id;
}
