/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-bind.h: binding an import's multi-row INSERTs, leaving out
 * the binds that would change nothing.
 *
 * A parameter keeps its value across sqlite3_reset(), so a value equal to
 * the one it holds need not be bound again: a NULL, an integer, or a
 * string that lives as long as the statement's use (SQLITE_STATIC,
 * compared by address).  Most rows of a file repeat the source, the kind,
 * the role family, the weight and the NULLs of its absent columns, and
 * the cells in key order repeat their country, level, role family, year
 * and currency: the binds were ~9 % of the samples of an aijobs import
 * (bench/README.md, perf-import4).  Other values (doubles, strings in
 * buffers that are written over) are always bound. */
#pragma once

#include <math.h>

#include "atlas-store-private.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_BOUND_OTHER,           /* unknown, or a value that is always bound */
  ATLAS_BOUND_NULL,
  ATLAS_BOUND_INT,
  ATLAS_BOUND_STATIC,
} AtlasBoundKind;

typedef struct
{
  AtlasBoundKind  kind;
  gint64          value;
  const char     *text;
} AtlasBound;

/* A prepared INSERT and what each of its parameters holds. */
typedef struct
{
  sqlite3_stmt *stmt;
  guint         n_rows;
  AtlasBound   *bound;         /* by parameter - 1 */
} AtlasInsertStmt;

static inline gboolean
_atlas_insert_stmt_prepare (AtlasStore       *store,
                            AtlasInsertStmt  *insert,
                            const char       *sql,
                            guint             n_rows,
                            guint             n_params,
                            GError          **error)
{
  insert->stmt = atlas_store_prepare (store, sql, error);
  if (insert->stmt == NULL)
    return FALSE;
  insert->n_rows = n_rows;
  insert->bound = g_new0 (AtlasBound, n_params);
  return TRUE;
}

static inline void
_atlas_insert_stmt_clear (AtlasInsertStmt *insert)
{
  g_clear_pointer (&insert->stmt, sqlite3_finalize);
  g_clear_pointer (&insert->bound, g_free);
  insert->n_rows = 0;
}

static inline void
_atlas_bind_null (AtlasInsertStmt *insert,
                  int              param)
{
  AtlasBound *b = &insert->bound[param - 1];

  if (b->kind == ATLAS_BOUND_NULL)
    return;
  sqlite3_bind_null (insert->stmt, param);
  b->kind = ATLAS_BOUND_NULL;
}

static inline void
_atlas_bind_int (AtlasInsertStmt *insert,
                 int              param,
                 gint64           value)
{
  AtlasBound *b = &insert->bound[param - 1];

  if (b->kind == ATLAS_BOUND_INT && b->value == value)
    return;
  sqlite3_bind_int64 (insert->stmt, param, value);
  b->kind = ATLAS_BOUND_INT;
  b->value = value;
}

/* @text: NULL, or a string that outlives the statement's use. */
static inline void
_atlas_bind_static (AtlasInsertStmt *insert,
                    int              param,
                    const char      *text)
{
  AtlasBound *b = &insert->bound[param - 1];

  if (text == NULL)
    {
      _atlas_bind_null (insert, param);
      return;
    }
  if (b->kind == ATLAS_BOUND_STATIC && b->text == text)
    return;
  sqlite3_bind_text (insert->stmt, param, text, -1, SQLITE_STATIC);
  b->kind = ATLAS_BOUND_STATIC;
  b->text = text;
}

/* A string that may be written over once the statement has run: bound
 * every time (SQLITE_STATIC: it must stay until then). */
static inline void
_atlas_bind_text (AtlasInsertStmt *insert,
                  int              param,
                  const char      *text)
{
  if (text == NULL)
    {
      _atlas_bind_null (insert, param);
      return;
    }
  sqlite3_bind_text (insert->stmt, param, text, -1, SQLITE_STATIC);
  insert->bound[param - 1].kind = ATLAS_BOUND_OTHER;
}

/* NAN: NULL. */
static inline void
_atlas_bind_double (AtlasInsertStmt *insert,
                    int              param,
                    double           value)
{
  if (isnan (value))
    {
      _atlas_bind_null (insert, param);
      return;
    }
  sqlite3_bind_double (insert->stmt, param, value);
  insert->bound[param - 1].kind = ATLAS_BOUND_OTHER;
}

G_END_DECLS
