/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-cells.c: the cells of an import, counted in a hash table
 * while the rows are written, then stored in key order (see
 * atlas-import-cells.h and migration 8). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-import-cells.h"
#include "atlas-store-private.h"

typedef struct
{
  /* Strings are interned in the counts, so pointers compare. */
  const char *country;
  const char *experience;   /* NULL: none */
  const char *role_family;
  const char *currency;
  gint64      company_id;   /* 0: none (fine cells only) */
  gint64      year;
  double      years;        /* NAN: none (fine cells only) */
  double      amount;
  double      amount_usd;   /* NAN: none */
  gboolean    excluded;
  gint64      n;
  gint64      weight;
} Cell;

/* Cells are allocated CELLS_PER_BLOCK at a time and freed with their
 * blocks: a malloc() and a free() per cell (25,552 of them for the aijobs
 * file) cost more than counting into them. */
#define CELLS_PER_BLOCK 1024

typedef struct
{
  GPtrArray *blocks;        /* Cell[CELLS_PER_BLOCK] each, owned */
  guint      used;          /* in the last block */
} CellSlab;

struct _AtlasCellCounts
{
  GHashTable *strings;      /* interned: char* -> itself */
  GHashTable *excluded;     /* uids (curation_exclusions) */
  GHashTable *cells;        /* Cell* (key and value), in @slab */
  CellSlab    slab;
  gboolean    any_company_or_years;   /* some cell is finer than its coarse one */
  const char *last[4];      /* the interned fields of the row before */
};

static void
cell_slab_init (CellSlab *slab)
{
  slab->blocks = g_ptr_array_new_with_free_func (g_free);
  slab->used = CELLS_PER_BLOCK;
}

static void
cell_slab_clear (CellSlab *slab)
{
  g_clear_pointer (&slab->blocks, g_ptr_array_unref);
}

/* A copy of @key in @slab. */
static Cell *
cell_slab_add (CellSlab   *slab,
               const Cell *key)
{
  Cell *cell;

  if (slab->used == CELLS_PER_BLOCK)
    {
      g_ptr_array_add (slab->blocks, g_new (Cell, CELLS_PER_BLOCK));
      slab->used = 0;
    }
  cell = (Cell *) g_ptr_array_index (slab->blocks, slab->blocks->len - 1) + slab->used++;
  *cell = *key;
  return cell;
}

static guint
hash_double (double value)
{
  guint64 bits;

  if (isnan (value))
    return 0x7ff8;
  if (value == 0)
    value = 0;   /* -0 and 0 are one value */
  memcpy (&bits, &value, sizeof bits);
  return (guint) (bits ^ (bits >> 32));
}

static gboolean
doubles_equal (double a,
               double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static guint
cell_hash (gconstpointer data)
{
  const Cell *c = data;
  guint h = g_direct_hash (c->country);

  h = h * 31 + g_direct_hash (c->experience);
  h = h * 31 + g_direct_hash (c->role_family);
  h = h * 31 + g_direct_hash (c->currency);
  h = h * 31 + (guint) c->company_id;
  h = h * 31 + (guint) c->year;
  h = h * 31 + hash_double (c->years);
  h = h * 31 + hash_double (c->amount);
  h = h * 31 + hash_double (c->amount_usd);
  return h * 31 + (guint) c->excluded;
}

static gboolean
cell_equal (gconstpointer a,
            gconstpointer b)
{
  const Cell *x = a, *y = b;

  return x->country == y->country && x->experience == y->experience &&
         x->role_family == y->role_family && x->currency == y->currency &&
         x->company_id == y->company_id && x->year == y->year &&
         x->excluded == y->excluded && doubles_equal (x->years, y->years) &&
         x->amount == y->amount && doubles_equal (x->amount_usd, y->amount_usd);
}

/* @last: the field's string in the row before.  Rows of a file come in
 * runs of the same country, currency and level, and comparing with the
 * last one is cheaper than hashing the text. */
static const char *
intern (AtlasCellCounts  *self,
        const char      **last,
        const char       *text)
{
  char *known;

  if (text == NULL)
    return NULL;
  if (*last != NULL && strcmp (*last, text) == 0)
    return *last;
  known = g_hash_table_lookup (self->strings, text);
  if (known == NULL)
    {
      known = g_strdup (text);
      g_hash_table_add (self->strings, known);
    }
  *last = known;
  return known;
}

AtlasCellCounts *
_atlas_cell_counts_new (AtlasStore  *store,
                        GError     **error)
{
  g_autoptr(AtlasCellCounts) self = g_new0 (AtlasCellCounts, 1);
  sqlite3_stmt *stmt;
  int rc;

  self->strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cells = g_hash_table_new (cell_hash, cell_equal);
  cell_slab_init (&self->slab);

  stmt = atlas_store_prepare (store, "SELECT uid FROM curation_exclusions", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (self->excluded, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("counting records"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
_atlas_cell_counts_free (AtlasCellCounts *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cells, g_hash_table_unref);
  cell_slab_clear (&self->slab);
  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_hash_table_unref);
  g_free (self);
}

static void
add_cell (GHashTable *cells,
          CellSlab   *slab,
          const Cell *key,
          gint64      n,
          gint64      weight)
{
  Cell *cell = g_hash_table_lookup (cells, key);

  if (cell == NULL)
    {
      cell = cell_slab_add (slab, key);
      cell->n = 0;
      cell->weight = 0;
      g_hash_table_add (cells, cell);
    }
  cell->n += n;
  cell->weight += weight;
}

void
_atlas_cell_counts_add (AtlasCellCounts *self,
                        const char      *uid,
                        const char      *country,
                        const char      *experience,
                        const char      *role_family,
                        gint64           year,
                        const char      *currency,
                        gint64           company_id,
                        double           years,
                        double           amount,
                        double           amount_usd,
                        gint64           weight)
{
  Cell key = {
    .country = intern (self, &self->last[0], country),
    .experience = intern (self, &self->last[1], experience),
    .role_family = intern (self, &self->last[2], role_family),
    .currency = intern (self, &self->last[3], currency),
    .company_id = company_id,
    .year = year,
    .years = years,
    .amount = amount,
    .amount_usd = amount_usd,
    .excluded = g_hash_table_size (self->excluded) > 0 && uid != NULL &&
                g_hash_table_contains (self->excluded, uid),
  };

  if (company_id != 0 || !isnan (years))
    self->any_company_or_years = TRUE;
  add_cell (self->cells, &self->slab, &key, 1, weight);
}

/* Key order (country first, as the table's key), so that the inserts
 * append. */
static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *x = *(const Cell * const *) a, *y = *(const Cell * const *) b;
  int cmp;

  /* Interned: the same pointer is the same string, and only different
   * strings need strcmp(). */
  if (x->country != y->country && (cmp = strcmp (x->country, y->country)) != 0)
    return cmp;
  if (x->experience != y->experience && (cmp = g_strcmp0 (x->experience, y->experience)) != 0)
    return cmp;
  if (x->role_family != y->role_family && (cmp = strcmp (x->role_family, y->role_family)) != 0)
    return cmp;
  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  if (x->currency != y->currency && (cmp = strcmp (x->currency, y->currency)) != 0)
    return cmp;
  if (x->amount != y->amount)
    return x->amount < y->amount ? -1 : 1;
  return 0;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

static void
bind_double_or_null (sqlite3_stmt *stmt,
                     int           i,
                     double        value)
{
  if (!isnan (value))
    sqlite3_bind_double (stmt, i, value);
  else
    sqlite3_bind_null (stmt, i);
}

/* Cells per INSERT: SQLite's cost per statement (cursors, VDBE set-up and
 * halt) is paid once per batch instead of once per cell. */
#define CELL_BATCH 64

static sqlite3_stmt *
prepare_insert (AtlasStore  *store,
                gboolean     fine,
                guint        n_rows,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *row = fine ? "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?)";

  /* OR FAIL, as the records' INSERTs (atlas-import-writer.c): no statement
   * journal; a failure fails the import, whose ROLLBACK undoes it all. */
  g_string_append (sql, fine ?
                   "INSERT OR FAIL INTO record_cells (source_id, cell, country, experience,"
                   " role_family, year, currency, excluded, amount, amount_usd, n, weight,"
                   " company_id, years_experience) VALUES " :
                   "INSERT OR FAIL INTO record_cells_coarse (source_id, cell, country, experience,"
                   " role_family, year, currency, excluded, amount, amount_usd, n, weight) VALUES ");
  for (guint i = 0; i < n_rows; i++)
    {
      if (i > 0)
        g_string_append_c (sql, ',');
      g_string_append (sql, row);
    }

  return atlas_store_prepare (store, sql->str, error);
}

/* Inserts @sorted (@n cells in key order; fine: with company and years). */
static gboolean
insert_cells (AtlasStore  *store,
              Cell       **sorted,
              guint        n,
              gboolean     fine,
              gint64       source_id,
              GError     **error)
{
  int per_row = fine ? 14 : 12;
  sqlite3_stmt *batch = NULL;
  gboolean ok = TRUE;

  for (guint first = 0; ok && first < n; first += CELL_BATCH)
    {
      guint rows = MIN (CELL_BATCH, n - first);
      sqlite3_stmt *stmt;

      if (rows == CELL_BATCH)
        {
          if (batch == NULL && (batch = prepare_insert (store, fine, CELL_BATCH, error)) == NULL)
            return FALSE;
          stmt = batch;
        }
      else if ((stmt = prepare_insert (store, fine, rows, error)) == NULL)
        {
          sqlite3_finalize (batch);
          return FALSE;
        }

      for (guint r = 0; r < rows; r++)
        {
          const Cell *c = sorted[first + r];
          int p = r * per_row;

          sqlite3_bind_int64 (stmt, p + 1, source_id);
          sqlite3_bind_int64 (stmt, p + 2, first + r + 1);
          sqlite3_bind_text (stmt, p + 3, c->country, -1, SQLITE_STATIC);
          bind_text_or_null (stmt, p + 4, c->experience);
          sqlite3_bind_text (stmt, p + 5, c->role_family, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, p + 6, c->year);
          sqlite3_bind_text (stmt, p + 7, c->currency, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, p + 8, c->excluded);
          sqlite3_bind_double (stmt, p + 9, c->amount);
          bind_double_or_null (stmt, p + 10, c->amount_usd);
          sqlite3_bind_int64 (stmt, p + 11, c->n);
          sqlite3_bind_int64 (stmt, p + 12, c->weight);
          if (fine)
            {
              if (c->company_id > 0)
                sqlite3_bind_int64 (stmt, p + 13, c->company_id);
              else
                sqlite3_bind_null (stmt, p + 13);
              bind_double_or_null (stmt, p + 14, c->years);
            }
        }
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        atlas_store_set_error (store, error, _("counting records"));
      if (stmt == batch)
        sqlite3_reset (stmt);
      else
        sqlite3_finalize (stmt);
    }
  sqlite3_finalize (batch);

  return ok;
}

static Cell **
sort_cells (GHashTable *cells,
            guint      *n)
{
  Cell **sorted = (Cell **) g_hash_table_get_keys_as_array (cells, n);

  qsort (sorted, *n, sizeof (Cell *), compare_cells);
  return sorted;
}

gboolean
_atlas_cell_counts_store (AtlasCellCounts  *self,
                          AtlasStore       *store,
                          gint64            source_id,
                          GError          **error)
{
  static const char * const clear[] = {
    "DELETE FROM record_cells_coarse WHERE source_id = ?",
    "DELETE FROM record_cells WHERE source_id = ?",
  };
  g_autoptr(GHashTable) coarse = NULL;
  CellSlab coarse_slab;
  g_autofree Cell **fine = NULL;
  g_autofree Cell **sorted_coarse = NULL;
  guint n_fine = 0, n_coarse = 0;
  GHashTableIter iter;
  gpointer key;
  gboolean stored;

  for (guint i = 0; i < G_N_ELEMENTS (clear); i++)
    {
      sqlite3_stmt *stmt = atlas_store_prepare (store, clear[i], error);
      gboolean ok;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source_id);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        atlas_store_set_error (store, error, _("counting records"));
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }

  fine = sort_cells (self->cells, &n_fine);
  if (!insert_cells (store, fine, n_fine, TRUE, source_id, error))
    return FALSE;

  /* Coarse cells: the fine ones without company and years.  A file
   * without either (aijobs.net's) has the same cells twice: they are
   * inserted again without counting and sorting them a second time. */
  if (!self->any_company_or_years)
    return insert_cells (store, fine, n_fine, FALSE, source_id, error);

  coarse = g_hash_table_new (cell_hash, cell_equal);
  cell_slab_init (&coarse_slab);
  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Cell c = *(const Cell *) key;

      c.company_id = 0;
      c.years = NAN;
      add_cell (coarse, &coarse_slab, &c, c.n, c.weight);
    }
  sorted_coarse = sort_cells (coarse, &n_coarse);

  stored = insert_cells (store, sorted_coarse, n_coarse, FALSE, source_id, error);
  cell_slab_clear (&coarse_slab);
  return stored;
}
