/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-sql.c: the SQL of a filter (every value a bound parameter),
 * which sources count (older snapshots of a publication are superseded;
 * undated sources match the year filter by their period), and the
 * citations of the sources a result used. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-company.h"
#include "atlas-query-private.h"
#include "atlas-store-private.h"

static void
builder_add_in (QueryBuilder *b,
                const char   *column,
                GStrv         values)
{
  g_string_append_printf (b->sql, " AND %s IN (", column);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_string_append (b->sql, i == 0 ? "?" : ", ?");
      g_ptr_array_add (b->params, g_ascii_strup (values[i], -1));
    }
  g_string_append_c (b->sql, ')');
}

char *
_atlas_query_escape_like (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
source_info_free (gpointer data)
{
  QuerySourceInfo *info = data;

  g_free (info->name);
  g_free (info->format);
  g_free (info->superseded_by);
  g_free (info);
}

/* Of two snapshots of one publication, the newer holds more rows (the
 * publication only appends); equal ones, the one imported last. */
static gboolean
snapshot_is_newer (const QuerySourceInfo *a,
                   const QuerySourceInfo *b)
{
  if (a->row_count != b->row_count)
    return a->row_count > b->row_count;
  return a->id > b->id;
}

GHashTable *
_atlas_query_load_source_infos (AtlasStore  *store,
                   GError     **error)
{
  g_autoptr(GHashTable) infos = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       source_info_free);
  GHashTableIter iter, other;
  gpointer value, value2;
  sqlite3_stmt *stmt;
  int rc;

  stmt = atlas_store_prepare (store, "SELECT id, name, format, row_count, kind FROM sources", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QuerySourceInfo *info = g_new0 (QuerySourceInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->format = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->row_count = sqlite3_column_int64 (stmt, 3);
      /* Only snapshots holding records compete; the embedded aggregates
       * are figures and never superseded. */
      info->snapshot = atlas_format_is_snapshot_publication (info->format) && info->row_count > 0 &&
                       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "embedded") != 0;
      info->basis = atlas_pay_basis_for_format (info->format);
      atlas_format_get_period (info->format, &info->period_from, &info->period_to);
      g_hash_table_insert (infos, &info->id, info);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading sources"));
      return NULL;
    }

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      QuerySourceInfo *info = value;
      const QuerySourceInfo *newest = info;

      if (!info->snapshot)
        continue;
      g_hash_table_iter_init (&other, infos);
      while (g_hash_table_iter_next (&other, NULL, &value2))
        {
          const QuerySourceInfo *o = value2;

          if (o->snapshot && g_strcmp0 (o->format, info->format) == 0 && snapshot_is_newer (o, newest))
            newest = o;
        }
      if (newest != info)
        info->superseded_by = g_strdup (newest->name);
    }

  return g_steal_pointer (&infos);
}

static void
builder_add_ids (QueryBuilder *b,
                 GArray       *ids)
{
  g_string_append_c (b->sql, '(');
  for (guint i = 0; i < ids->len; i++)
    {
      g_string_append (b->sql, i == 0 ? "CAST (? AS INTEGER)" : ", CAST (? AS INTEGER)");
      g_ptr_array_add (b->params, g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i)));
    }
  g_string_append_c (b->sql, ')');
}

static void
builder_add_double (QueryBuilder *b,
                    double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (b->sql, "CAST (? AS REAL)");
  g_ptr_array_add (b->params, g_strdup (g_ascii_dtostr (buf, sizeof buf, value)));
}

static void
builder_add_int (QueryBuilder *b,
                 int           value)
{
  g_string_append (b->sql, "CAST (? AS INTEGER)");
  g_ptr_array_add (b->params, g_strdup_printf ("%d", value));
}

/* Records: superseded snapshots left out; the year filter by overlap
 * with the period of undated sources, by year for the others. */
static void
builder_add_record_sources (QueryBuilder      *b,
                            const AtlasFilter *filter,
                            GHashTable        *infos)
{
  g_autoptr(GArray) superseded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) undated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) overlapping = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const QuerySourceInfo *info = value;

      if (info->superseded_by != NULL)
        g_array_append_val (superseded, info->id);
      else
        g_array_append_val (counted, info->id);
      if (info->period_from != 0)
        {
          g_array_append_val (undated, info->id);
          if ((filter->year_from == 0 || info->period_to >= filter->year_from) &&
              (filter->year_to == 0 || info->period_from <= filter->year_to))
            g_array_append_val (overlapping, info->id);
        }
    }

  /* The sources counted, rather than those not: an index that starts
   * with (country, source_id) then reads only their rows. */
  if (superseded->len > 0)
    {
      g_string_append (b->sql, " AND r.source_id IN ");
      builder_add_ids (b, counted);
    }

  if (filter->year_from == 0 && filter->year_to == 0)
    return;

  g_string_append (b->sql, " AND (");
  if (overlapping->len > 0)
    {
      g_string_append (b->sql, "r.source_id IN ");
      builder_add_ids (b, overlapping);
      g_string_append (b->sql, " OR ");
    }
  g_string_append (b->sql, "(1");
  if (undated->len > 0)
    {
      g_string_append (b->sql, " AND r.source_id NOT IN ");
      builder_add_ids (b, undated);
    }
  if (filter->year_from != 0)
    {
      g_string_append (b->sql, " AND r.year >= ");
      builder_add_int (b, filter->year_from);
    }
  if (filter->year_to != 0)
    {
      g_string_append (b->sql, " AND r.year <= ");
      builder_add_int (b, filter->year_to);
    }
  g_string_append (b->sql, "))");
}

/* Adds the WHERE conditions shared by records and figures; @prefix is the
 * table alias; @with_title is TRUE for records, FALSE for figures, which
 * have no free title.  Records with @infos take the years from
 * builder_add_record_sources(); figures match by overlap of [year_from,
 * year] unless @with_years is FALSE (the caller then counts what falls
 * outside). */
void
_atlas_query_builder_add_filter (QueryBuilder      *b,
                    const AtlasFilter *filter,
                    const char        *prefix,
                    gboolean           with_title,
                    GHashTable        *infos,
                    gboolean           with_years)
{
  g_autofree char *column = NULL;

  if (_atlas_strv_is_set (filter->regions))
    {
      g_free (column);
      column = g_strdup_printf ("%s.country", prefix);
      builder_add_in (b, column, filter->regions);
    }
  if (_atlas_strv_is_set (filter->experience))
    {
      g_free (column);
      column = g_strdup_printf ("%s.experience", prefix);
      builder_add_in (b, column, filter->experience);
    }
  if (filter->role != NULL && *filter->role != '\0')
    {
      g_string_append_printf (b->sql, " AND %s.role_family = ? COLLATE NOCASE", prefix);
      g_ptr_array_add (b->params, g_strdup (filter->role));
    }
  if (with_title && filter->title != NULL && *filter->title != '\0')
    {
      g_string_append_printf (b->sql, " AND %s.job_title LIKE '%%' || ? || '%%' ESCAPE '\\'", prefix);
      g_ptr_array_add (b->params, _atlas_query_escape_like (filter->title));
    }
  if (filter->company != NULL && *filter->company != '\0')
    {
      g_autofree char *key = atlas_company_normalise_key (filter->company);

      /* Exactly the canonical company ("Dice" is not "Windice OPC"),
       * with the companies the user merged with it;
       * atlas_query_suggest_companies() helps when nothing matches. */
      g_string_append_printf (b->sql,
                              " AND %s.company_id IN (SELECT company_id FROM company_canonical"
                              " WHERE canonical_id IN (SELECT canonical_id FROM company_canonical"
                              " WHERE company_id IN (SELECT id FROM companies WHERE key = ?)))",
                              prefix);
      g_ptr_array_add (b->params, g_strdup (key ? key : ""));
    }
  if (filter->experience_years_min > 0 || filter->experience_years_max > 0)
    {
      if (with_title)
        {
          g_string_append_printf (b->sql, " AND %s.years_experience >= ", prefix);
          builder_add_double (b, filter->experience_years_min);
          if (filter->experience_years_max > 0)
            {
              g_string_append_printf (b->sql, " AND %s.years_experience < ", prefix);
              builder_add_double (b, filter->experience_years_max);
            }
        }
      else
        {
          /* A figure's [years_min, years_max) overlaps the range. */
          g_string_append_printf (b->sql, " AND %s.years_min IS NOT NULL"
                                  " AND coalesce (%s.years_max, 1e9) > ", prefix, prefix);
          builder_add_double (b, filter->experience_years_min);
          if (filter->experience_years_max > 0)
            {
              g_string_append_printf (b->sql, " AND %s.years_min < ", prefix);
              builder_add_double (b, filter->experience_years_max);
            }
        }
    }
  if (infos != NULL)
    builder_add_record_sources (b, filter, infos);
  else if (with_years)
    {
      /* Records without the sources' periods (their year is the last of
       * the period), or figures by overlap of [year_from, year]. */
      if (filter->year_from != 0)
        {
          g_string_append_printf (b->sql, " AND %s.year >= CAST (? AS INTEGER)", prefix);
          g_ptr_array_add (b->params, g_strdup_printf ("%d", filter->year_from));
        }
      if (filter->year_to != 0 && with_title)
        {
          g_string_append_printf (b->sql, " AND %s.year <= CAST (? AS INTEGER)", prefix);
          g_ptr_array_add (b->params, g_strdup_printf ("%d", filter->year_to));
        }
      else if (filter->year_to != 0)
        {
          g_string_append_printf (b->sql, " AND coalesce (%s.year_from, %s.year) <= CAST (? AS INTEGER)",
                                  prefix, prefix);
          g_ptr_array_add (b->params, g_strdup_printf ("%d", filter->year_to));
        }
    }
  if (filter->source != NULL && *filter->source != '\0')
    {
      g_string_append_printf (b->sql, " AND %s.source_id = (SELECT id FROM sources WHERE name = ?)", prefix);
      g_ptr_array_add (b->params, g_strdup (filter->source));
    }
}

sqlite3_stmt *
_atlas_query_builder_prepare (QueryBuilder  *b,
                 AtlasStore    *store,
                 GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (atlas_store_get_db (store), b->sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      atlas_store_set_error (store, error, _("running a query"));
      return NULL;
    }

  for (guint i = 0; i < b->params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (b->params, i), -1, SQLITE_TRANSIENT);

  return stmt;
}

void
_atlas_query_builder_clear (QueryBuilder *b)
{
  g_string_free (b->sql, TRUE);
  g_ptr_array_unref (b->params);
}

gboolean
_atlas_query_load_sources (AtlasStore       *store,
              AtlasQueryResult *result,
              GHashTable       *source_ids,
              GError          **error)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key;

  stmt = atlas_store_prepare (store,
                              "SELECT name, licence, url, retrieved_at FROM sources WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, source_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, GPOINTER_TO_SIZE (key));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          AtlasQuerySource *source = g_new0 (AtlasQuerySource, 1);

          source->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          source->licence = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          source->url = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          source->retrieved_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          g_ptr_array_add (result->sources, source);
        }
    }
  sqlite3_finalize (stmt);

  return TRUE;
}

void
_atlas_query_append_filter (GString           *sql,
                            GPtrArray         *params,
                            const AtlasFilter *filter,
                            const char        *prefix)
{
  QueryBuilder b = { sql, params };

  _atlas_query_builder_add_filter (&b, filter, prefix, TRUE, NULL, TRUE);
}
