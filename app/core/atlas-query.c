/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query.c: filtered, grouped statistics over records, falling back to
 * curated figures when no record matches. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-company.h"
#include "atlas-query.h"
#include "atlas-query-private.h"
#include "atlas-rates.h"
#include "atlas-roles.h"
#include "atlas-sources.h"
#include "atlas-store-private.h"

static const char * const experience_codes[] = { "EN", "MI", "SE", "EX" };

const char *
atlas_experience_label (const char *code)
{
  if (g_strcmp0 (code, "EN") == 0)
    return C_("experience", "Entry");
  if (g_strcmp0 (code, "MI") == 0)
    return C_("experience", "Mid");
  if (g_strcmp0 (code, "SE") == 0)
    return C_("experience", "Senior");
  if (g_strcmp0 (code, "EX") == 0)
    return C_("experience", "Executive");
  return code;
}

static const char * const group_by_names[] = {
  [ATLAS_GROUP_EXPERIENCE] = "experience",
  [ATLAS_GROUP_COMPANY] = "company",
  [ATLAS_GROUP_REGION] = "region",
  [ATLAS_GROUP_YEAR] = "year",
  [ATLAS_GROUP_ROLE] = "role",
  [ATLAS_GROUP_EXPERIENCE_YEARS] = "experience-years",
};

const char *
atlas_group_by_to_string (AtlasGroupBy by)
{
  g_return_val_if_fail (by < G_N_ELEMENTS (group_by_names), NULL);
  return group_by_names[by];
}

gboolean
atlas_group_by_from_string (const char   *str,
                            AtlasGroupBy *by)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (group_by_names); i++)
    if (g_ascii_strcasecmp (str, group_by_names[i]) == 0)
      {
        *by = i;
        return TRUE;
      }
  return FALSE;
}

/* Filters */

AtlasFilter *
atlas_filter_new (void)
{
  return g_new0 (AtlasFilter, 1);
}

static gboolean
parse_years_value (const char *text,
                   double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *value >= 0 && *value < 100;
}

gboolean
atlas_filter_set_experience_years (AtlasFilter *filter,
                                   const char  *range)
{
  g_autofree char *copy = NULL;
  char *dash;
  double min = 0, max = 0;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (range == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (range));

  if (g_str_has_suffix (copy, "+") || g_str_has_suffix (copy, "-"))
    {
      copy[strlen (copy) - 1] = '\0';
      if (!parse_years_value (g_strstrip (copy), &min))
        return FALSE;
    }
  else if ((dash = strchr (copy, '-')) != NULL)
    {
      *dash = '\0';
      if (!parse_years_value (g_strstrip (copy), &min) ||
          !parse_years_value (g_strstrip (dash + 1), &max) || max <= min)
        return FALSE;
    }
  else
    return FALSE;

  filter->experience_years_min = min;
  filter->experience_years_max = max;
  return TRUE;
}

gboolean
atlas_filter_set_experience_bands (AtlasFilter *filter,
                                   const char  *starts)
{
  g_auto(GStrv) parts = NULL;
  double bands[ATLAS_EXPERIENCE_BANDS_MAX];
  guint n;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (starts == NULL)
    return FALSE;
  parts = g_strsplit (starts, ",", -1);
  n = g_strv_length (parts);
  if (n == 0 || n > ATLAS_EXPERIENCE_BANDS_MAX)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!parse_years_value (g_strstrip (parts[i]), &bands[i]) ||
        (i > 0 && bands[i] <= bands[i - 1]))
      return FALSE;

  memcpy (filter->experience_bands, bands, n * sizeof bands[0]);
  filter->n_experience_bands = n;
  return TRUE;
}

/* The band starts in effect. */
static const double *
filter_bands (const AtlasFilter *filter,
              guint             *n)
{
  static const double defaults[] = ATLAS_EXPERIENCE_BANDS_DEFAULT;

  if (filter->n_experience_bands > 0)
    {
      *n = filter->n_experience_bands;
      return filter->experience_bands;
    }
  *n = G_N_ELEMENTS (defaults);
  return defaults;
}

/* The band of @years: its index, or -1 below the first band. */
static int
band_index (const double *bands,
            guint         n,
            double        years)
{
  int index = -1;

  for (guint i = 0; i < n; i++)
    if (years >= bands[i])
      index = i;
  return index;
}

/* "0-2", "15+": the key of band @i. */
static void
band_key (const double *bands,
          guint         n,
          int           i,
          char         *buf,
          gsize         len)
{
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lo, sizeof lo, "%g", bands[i]);
  if ((guint) i + 1 < n)
    {
      g_ascii_formatd (hi, sizeof hi, "%g", bands[i + 1]);
      g_snprintf (buf, len, "%s-%s", lo, hi);
    }
  else
    g_snprintf (buf, len, "%s+", lo);
}

static char *
band_label (const char *key)
{
  g_autofree char *copy = g_strdup (key);
  char *dash = strchr (copy, '-');

  if (g_str_has_suffix (copy, "+"))
    {
      copy[strlen (copy) - 1] = '\0';
      /* TRANSLATORS: a band of years of experience, "15+ years" */
      return g_strdup_printf (_("%s+ years"), copy);
    }
  if (dash == NULL)
    return g_strdup (key);
  *dash = '\0';
  /* TRANSLATORS: a half-open band of years of experience: at least the
   * first number, less than the second */
  return g_strdup_printf (_("%s–%s years"), copy, dash + 1);
}

static int
band_rank (const char *key)
{
  return (int) (g_ascii_strtod (key, NULL) * 100);
}

AtlasFilter *
atlas_filter_copy (const AtlasFilter *filter)
{
  AtlasFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = atlas_filter_new ();
  copy->regions = g_strdupv (filter->regions);
  copy->experience = g_strdupv (filter->experience);
  copy->role = g_strdup (filter->role);
  copy->title = g_strdup (filter->title);
  copy->company = g_strdup (filter->company);
  copy->year_from = filter->year_from;
  copy->year_to = filter->year_to;
  copy->source = g_strdup (filter->source);
  copy->experience_years_min = filter->experience_years_min;
  copy->experience_years_max = filter->experience_years_max;
  memcpy (copy->experience_bands, filter->experience_bands, sizeof copy->experience_bands);
  copy->n_experience_bands = filter->n_experience_bands;
  copy->company_min_n = filter->company_min_n;

  return copy;
}

void
atlas_filter_free (AtlasFilter *filter)
{
  if (filter == NULL)
    return;

  g_strfreev (filter->regions);
  g_strfreev (filter->experience);
  g_free (filter->role);
  g_free (filter->title);
  g_free (filter->company);
  g_free (filter->source);
  g_free (filter);
}

static gboolean
strv_is_set (GStrv strv)
{
  return strv != NULL && strv[0] != NULL;
}

char *
atlas_filter_describe (const AtlasFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (filter != NULL, NULL);

  g_ptr_array_add (parts, g_strdup (filter->role ? filter->role : _("All roles")));
  if (filter->title != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("titles with “%s”"), filter->title));
  if (strv_is_set (filter->regions))
    g_ptr_array_add (parts, g_strjoinv (", ", filter->regions));
  if (strv_is_set (filter->experience))
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; filter->experience[i] != NULL; i++)
        g_ptr_array_add (labels, (gpointer) atlas_experience_label (filter->experience[i]));
      g_ptr_array_add (labels, NULL);
      g_ptr_array_add (parts, g_strjoinv (", ", (GStrv) labels->pdata));
    }
  if (filter->experience_years_min > 0 || filter->experience_years_max > 0)
    {
      char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lo, sizeof lo, "%g", filter->experience_years_min);
      g_ascii_formatd (hi, sizeof hi, "%g", filter->experience_years_max);
      if (filter->experience_years_max > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("%s–%s years of experience"), lo, hi));
      else
        g_ptr_array_add (parts, g_strdup_printf (_("%s+ years of experience"), lo));
    }
  if (filter->company != NULL)
    g_ptr_array_add (parts, g_strdup (filter->company));
  if (filter->year_from != 0 || filter->year_to != 0)
    {
      if (filter->year_from == filter->year_to)
        g_ptr_array_add (parts, g_strdup_printf ("%d", filter->year_from));
      else if (filter->year_to == 0)
        g_ptr_array_add (parts, g_strdup_printf (_("from %d"), filter->year_from));
      else if (filter->year_from == 0)
        g_ptr_array_add (parts, g_strdup_printf (_("until %d"), filter->year_to));
      else
        g_ptr_array_add (parts, g_strdup_printf ("%d–%d", filter->year_from, filter->year_to));
    }
  if (filter->source != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("source %s"), filter->source));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (GStrv) parts->pdata);
}

/* SQL building: every value is a bound parameter. */

typedef struct
{
  GString   *sql;
  GPtrArray *params;   /* strings; integers are written as text and bound as such */
} QueryBuilder;

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

static char *
escape_like (const char *text)
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

/* What the query needs to know of each source: records take their pay
 * basis and, when undated, their period from the source's format; older
 * snapshots of a publication are not counted. */
typedef struct
{
  gint64         id;
  char          *name;
  char          *format;
  AtlasPayBasis  basis;
  int            period_from;   /* 0: the records are dated */
  int            period_to;
  gint64         row_count;
  gboolean       snapshot;      /* a snapshot of a publication, with records */
  char          *superseded_by; /* the newer snapshot's name, or NULL */
} SourceInfo;

static void
source_info_free (gpointer data)
{
  SourceInfo *info = data;

  g_free (info->name);
  g_free (info->format);
  g_free (info->superseded_by);
  g_free (info);
}

/* Of two snapshots of one publication, the newer holds more rows (the
 * publication only appends); equal ones, the one imported last. */
static gboolean
snapshot_is_newer (const SourceInfo *a,
                   const SourceInfo *b)
{
  if (a->row_count != b->row_count)
    return a->row_count > b->row_count;
  return a->id > b->id;
}

static GHashTable *
load_source_infos (AtlasStore  *store,
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
      SourceInfo *info = g_new0 (SourceInfo, 1);

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
      SourceInfo *info = value;
      const SourceInfo *newest = info;

      if (!info->snapshot)
        continue;
      g_hash_table_iter_init (&other, infos);
      while (g_hash_table_iter_next (&other, NULL, &value2))
        {
          const SourceInfo *o = value2;

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
  g_autoptr(GArray) undated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) overlapping = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const SourceInfo *info = value;

      if (info->superseded_by != NULL)
        g_array_append_val (superseded, info->id);
      if (info->period_from != 0)
        {
          g_array_append_val (undated, info->id);
          if ((filter->year_from == 0 || info->period_to >= filter->year_from) &&
              (filter->year_to == 0 || info->period_from <= filter->year_to))
            g_array_append_val (overlapping, info->id);
        }
    }

  if (superseded->len > 0)
    {
      g_string_append (b->sql, " AND r.source_id NOT IN ");
      builder_add_ids (b, superseded);
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
static void
builder_add_filter (QueryBuilder      *b,
                    const AtlasFilter *filter,
                    const char        *prefix,
                    gboolean           with_title,
                    GHashTable        *infos,
                    gboolean           with_years)
{
  g_autofree char *column = NULL;

  if (strv_is_set (filter->regions))
    {
      g_free (column);
      column = g_strdup_printf ("%s.country", prefix);
      builder_add_in (b, column, filter->regions);
    }
  if (strv_is_set (filter->experience))
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
      g_ptr_array_add (b->params, escape_like (filter->title));
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

static sqlite3_stmt *
builder_prepare (QueryBuilder  *b,
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

static void
builder_clear (QueryBuilder *b)
{
  g_string_free (b->sql, TRUE);
  g_ptr_array_unref (b->params);
}

/* Groups */

static void
atlas_group_free (gpointer data)
{
  AtlasGroup *group = data;

  g_free (group->region);
  g_free (group->key);
  g_free (group->label);
  g_free (group->currency);
  g_free (group->values);
  g_free (group->citation);
  g_free (group->sources);
  g_free (group->bases);
  g_free (group);
}

static void
atlas_query_source_free (gpointer data)
{
  AtlasQuerySource *source = data;

  g_free (source->name);
  g_free (source->licence);
  g_free (source->url);
  g_free (source->retrieved_at);
  g_free (source);
}

void
atlas_query_result_free (AtlasQueryResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->groups, g_ptr_array_unref);
  g_clear_pointer (&result->sources, g_ptr_array_unref);
  g_free (result->missing_factors);
  g_free (result->superseded);
  g_free (result);
}

typedef struct
{
  AtlasGroup *group;
  GArray     *values;
  GHashTable *source_ids;
  guint       bases;      /* bit per AtlasPayBasis */
} Accumulator;

static void
accumulator_free (gpointer data)
{
  Accumulator *acc = data;

  if (acc->group != NULL)
    atlas_group_free (acc->group);
  g_clear_pointer (&acc->values, g_array_unref);
  g_clear_pointer (&acc->source_ids, g_hash_table_unref);
  g_free (acc);
}

static const char *
group_column (AtlasGroupBy by)
{
  switch (by)
    {
    case ATLAS_GROUP_EXPERIENCE:
      return "r.experience";
    case ATLAS_GROUP_COMPANY:
      /* Under the company the user merged it into, if any (curation). */
      return "(SELECT display_name FROM companies WHERE id ="
             " (SELECT canonical_id FROM company_canonical WHERE company_id = r.company_id))";
    case ATLAS_GROUP_REGION:
      return "r.country";
    case ATLAS_GROUP_YEAR:
      return "CAST (r.year AS TEXT)";
    case ATLAS_GROUP_ROLE:
      return "r.role_family";
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      return "r.years_experience";
    default:
      g_return_val_if_reached ("r.country");
    }
}

static char *
group_label (AtlasGroupBy  by,
             const char   *key)
{
  switch (by)
    {
    case ATLAS_GROUP_EXPERIENCE:
      return g_strdup (atlas_experience_label (key));
    case ATLAS_GROUP_REGION:
      return g_strdup (atlas_money_country_name (key));
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      return band_label (key);
    case ATLAS_GROUP_COMPANY:
    case ATLAS_GROUP_YEAR:
    case ATLAS_GROUP_ROLE:
    default:
      return g_strdup (key);
    }
}

/* Records of sort order within a region. */
static int
group_rank (AtlasGroupBy  by,
            const char   *key)
{
  if (by == ATLAS_GROUP_EXPERIENCE)
    {
      for (guint i = 0; i < G_N_ELEMENTS (experience_codes); i++)
        if (g_str_equal (key, experience_codes[i]))
          return i;
    }
  else if (by == ATLAS_GROUP_ROLE)
    {
      const char * const *families = atlas_roles_list_families (atlas_roles_get_default ());

      for (guint i = 0; families[i] != NULL; i++)
        if (g_str_equal (key, families[i]))
          return i;
      return 1000;
    }
  else if (by == ATLAS_GROUP_YEAR)
    return atoi (key);
  else if (by == ATLAS_GROUP_EXPERIENCE_YEARS)
    return band_rank (key);

  return 0;
}

static int
region_rank (const AtlasFilter *filter,
             const char        *region)
{
  if (strv_is_set (filter->regions))
    for (guint i = 0; filter->regions[i] != NULL; i++)
      if (g_ascii_strcasecmp (filter->regions[i], region) == 0)
        return i;
  return G_MAXINT;
}

typedef struct
{
  const AtlasFilter *filter;
  AtlasGroupBy       by;
} SortContext;

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortContext *ctx = user_data;
  const AtlasGroup *x = *(AtlasGroup * const *) a;
  const AtlasGroup *y = *(AtlasGroup * const *) b;
  int rx = region_rank (ctx->filter, x->region);
  int ry = region_rank (ctx->filter, y->region);
  int cmp;

  if (rx != ry)
    return rx < ry ? -1 : 1;
  if ((cmp = g_strcmp0 (x->region, y->region)) != 0)
    return cmp;

  if (ctx->by == ATLAS_GROUP_COMPANY || ctx->by == ATLAS_GROUP_REGION)
    {
      /* Highest median first; ties by name, for stable output. */
      if (x->summary.median != y->summary.median)
        return x->summary.median > y->summary.median ? -1 : 1;
      return g_strcmp0 (x->key, y->key);
    }

  rx = group_rank (ctx->by, x->key);
  ry = group_rank (ctx->by, y->key);
  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

static void
add_missing_factor (GHashTable *missing,
                    const char *mode_name,
                    const char *what,
                    int         year)
{
  g_hash_table_add (missing, g_strdup_printf ("%s %s %d", mode_name, what, year));
}

static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
describe_missing (GHashTable *missing)
{
  g_autofree const char **keys = NULL;
  guint n;

  if (g_hash_table_size (missing) == 0)
    return NULL;

  keys = (const char **) g_hash_table_get_keys_as_array (missing, &n);
  g_qsort_with_data (keys, n, sizeof (char *), compare_string_pointers, NULL);
  return g_strjoinv (", ", (GStrv) keys);
}

static gboolean
load_sources (AtlasStore       *store,
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

static char *
join_source_names (AtlasQueryResult *result,
                   GHashTable       *source_names,
                   GHashTable       *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = g_hash_table_lookup (source_names, key);

      if (name != NULL)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (GStrv) names->pdata);
}

/* "base+total" for a mask of bases. */
static char *
describe_bases (guint mask)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = ATLAS_PAY_BASIS_UNKNOWN; i <= ATLAS_PAY_BASIS_TOTAL; i++)
    if (mask & (1u << i))
      g_ptr_array_add (names, (gpointer) atlas_pay_basis_to_string (i));
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("+", (GStrv) names->pdata);
}

static void
set_group_bases (AtlasGroup *group,
                 guint       mask)
{
  group->bases = describe_bases (mask);
  group->pooled_bases = (mask & (mask - 1)) != 0;
  group->pay_basis = ATLAS_PAY_BASIS_UNKNOWN;
  if (!group->pooled_bases)
    for (guint i = ATLAS_PAY_BASIS_UNKNOWN; i <= ATLAS_PAY_BASIS_TOTAL; i++)
      if (mask == (1u << i))
        group->pay_basis = i;
}

static char *
describe_superseded (GHashTable *infos)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const SourceInfo *info = value;

      if (info->superseded_by != NULL)
        g_ptr_array_add (parts, g_strdup_printf (_("%s (superseded by %s)"),
                                                 info->name, info->superseded_by));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_sort_with_data (parts, compare_string_pointers, NULL);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (GStrv) parts->pdata);
}

static gboolean
query_records (AtlasStore        *store,
               AtlasRates        *rates,
               const AtlasFilter *filter,
               GHashTable        *infos,
               AtlasQueryResult  *result,
               GError           **error)
{
  guint n_bands = 0;
  const double *bands = filter_bands (filter, &n_bands);
  const SourceInfo *info = NULL;
  char band_buf[64];
  QueryBuilder b = { g_string_new (NULL), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, accumulator_free);
  g_autoptr(GHashTable) all_source_ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) source_names = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *mode_name = result->mode == ATLAS_CURRENCY_MODE_PPP ? "PPP" : "FX";
  Accumulator *last = NULL;
  Accumulator *last_source_acc = NULL;
  gint64 last_source_id = 0;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;
  int rc;

  g_string_append_printf (b.sql,
                          "SELECT r.country, %s, r.amount, r.currency, r.amount_usd, r.year,"
                          " r.weight, r.source_id,"
                          " r.uid IN (SELECT uid FROM curation_exclusions)"
                          " FROM records r WHERE 1",
                          group_column (result->by));
  builder_add_filter (&b, filter, "r", TRUE, infos, TRUE);

  stmt = builder_prepare (&b, store, error);
  builder_clear (&b);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *country = (const char *) sqlite3_column_text (stmt, 0);
      const char *key;
      const char *currency = (const char *) sqlite3_column_text (stmt, 3);
      int year = sqlite3_column_int (stmt, 5);
      double amount_usd = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4);
      gint64 source_id = sqlite3_column_int64 (stmt, 7);
      char group_key[512];
      Accumulator *acc;
      double converted;

      /* Excluded by the user: counted, so that captions can say so. */
      if (sqlite3_column_int (stmt, 8))
        {
          result->n_excluded++;
          continue;
        }

      result->n_records++;

      if (result->by == ATLAS_GROUP_EXPERIENCE_YEARS)
        {
          int band = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 :
            band_index (bands, n_bands, sqlite3_column_double (stmt, 1));

          key = NULL;
          if (band >= 0)
            {
              band_key (bands, n_bands, band, band_buf, sizeof band_buf);
              key = band_buf;
            }
        }
      else
        key = (const char *) sqlite3_column_text (stmt, 1);

      /* Rows without a value for the grouping (no level, no employer) do
       * not belong to any group. */
      if (key == NULL)
        {
          result->n_without_group++;
          continue;
        }

      if (!atlas_rates_convert (rates, result->mode, country, year,
                                sqlite3_column_double (stmt, 2), currency, amount_usd, &converted))
        {
          result->n_without_factor++;
          add_missing_factor (missing, mode_name,
                              result->mode == ATLAS_CURRENCY_MODE_PPP ? country : currency, year);
          continue;
        }

      /* Rows come in index order, so most rows fall into the same group as
       * the row before: skip the key formatting and hash look-up for them. */
      if (last != NULL && g_str_equal (country, last->group->region) && g_str_equal (key, last->group->key))
        acc = last;
      else
        {
          g_snprintf (group_key, sizeof group_key, "%s\x1f%s", country, key);
          acc = g_hash_table_lookup (groups, group_key);
        }
      if (acc == NULL)
        {
          acc = g_new0 (Accumulator, 1);
          acc->group = g_new0 (AtlasGroup, 1);
          acc->group->region = g_strdup (country);
          acc->group->key = g_strdup (key);
          acc->group->label = group_label (result->by, key);
          acc->group->currency = g_strdup (atlas_rates_display_currency (result->mode, country));
          acc->group->origin = ATLAS_GROUP_FROM_RECORDS;
          acc->values = g_array_new (FALSE, FALSE, sizeof (double));
          acc->source_ids = g_hash_table_new (NULL, NULL);
          acc->group->year_from = G_MAXINT;
          g_hash_table_insert (groups, g_strdup (group_key), acc);
        }

      if (info == NULL || info->id != source_id)
        info = g_hash_table_lookup (infos, &source_id);
      if (info != NULL)
        {
          int from = info->period_from != 0 ? info->period_from : year;

          acc->bases |= 1u << info->basis;
          acc->group->year_from = MIN (acc->group->year_from, from);
        }
      acc->group->year_to = MAX (acc->group->year_to, year);

      last = acc;
      g_array_append_val (acc->values, converted);
      acc->group->weight += sqlite3_column_int64 (stmt, 6);
      /* Sources change rarely from one row to the next. */
      if (acc != last_source_acc || source_id != last_source_id)
        {
          g_hash_table_add (acc->source_ids, GSIZE_TO_POINTER (source_id));
          g_hash_table_add (all_source_ids, GSIZE_TO_POINTER (source_id));
          last_source_acc = acc;
          last_source_id = source_id;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading records"));
      return FALSE;
    }

  if (!load_sources (store, result, all_source_ids, error))
    return FALSE;

  for (guint i = 0; i < result->sources->len; i++)
    {
      AtlasQuerySource *source = g_ptr_array_index (result->sources, i);
      g_hash_table_insert (source_names,
                           GSIZE_TO_POINTER (atlas_sources_find_id (store, source->name)),
                           source->name);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Accumulator *acc = value;
      AtlasGroup *group = g_steal_pointer (&acc->group);

      group->n_values = acc->values->len;
      group->values = (double *) (void *) g_array_free (g_steal_pointer (&acc->values), FALSE);
      atlas_stats_summarise (group->values, group->n_values, &group->summary);
      group->small_sample = group->summary.n < result->small_sample_threshold;
      group->sources = join_source_names (result, source_names, acc->source_ids);
      group->years_min = NAN;
      if (group->year_from == G_MAXINT)
        group->year_from = group->year_to;
      set_group_bases (group, acc->bases);
      result->pooled_bases |= group->pooled_bases;
      g_ptr_array_add (result->groups, group);
    }

  result->missing_factors = describe_missing (missing);

  return TRUE;
}

/* Figures */

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GPtrArray *
query_figures_full (AtlasStore         *store,
                    const AtlasFilter  *filter,
                    gboolean            quoted_only,
                    gboolean            with_years,
                    GError            **error)
{
  QueryBuilder b = { g_string_new (NULL), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_figure_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  g_string_append (b.sql,
                   "SELECT s.name, f.role_family, f.job_title, f.country,"
                   " (SELECT display_name FROM companies WHERE id ="
                   "  (SELECT canonical_id FROM company_canonical WHERE company_id = f.company_id)),"
                   " f.experience, f.year, f.currency, f.p25, f.median, f.p75, f.mean, f.n,"
                   " f.statistic, f.citation, f.url, f.licence, f.retrieved, f.note, f.uid,"
                   " f.pay_basis, f.min, f.max, f.years_min, f.years_max, f.year_from"
                   " FROM figures f JOIN sources s ON s.id = f.source_id"
                   " WHERE f.uid NOT IN (SELECT uid FROM curation_exclusions)");
  builder_add_filter (&b, filter, "f", FALSE, NULL, with_years);
  if (quoted_only)
    g_string_append (b.sql, " AND f.n IS NULL");
  g_string_append (b.sql, " ORDER BY f.country, f.role_family, f.experience, f.id");

  stmt = builder_prepare (&b, store, error);
  builder_clear (&b);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AtlasFigure *f = g_new0 (AtlasFigure, 1);

      f->source = column_strdup (stmt, 0);
      f->role_family = column_strdup (stmt, 1);
      f->job_title = column_strdup (stmt, 2);
      f->country = column_strdup (stmt, 3);
      f->company = column_strdup (stmt, 4);
      f->experience = column_strdup (stmt, 5);
      f->year = sqlite3_column_int (stmt, 6);
      f->currency = column_strdup (stmt, 7);
      f->p25 = column_double_or_nan (stmt, 8);
      f->median = column_double_or_nan (stmt, 9);
      f->p75 = column_double_or_nan (stmt, 10);
      f->mean = column_double_or_nan (stmt, 11);
      f->n = sqlite3_column_int64 (stmt, 12);
      f->statistic = column_strdup (stmt, 13);
      f->citation = column_strdup (stmt, 14);
      f->url = column_strdup (stmt, 15);
      f->licence = column_strdup (stmt, 16);
      f->retrieved = column_strdup (stmt, 17);
      f->note = column_strdup (stmt, 18);
      f->uid = column_strdup (stmt, 19);
      atlas_pay_basis_from_string ((const char *) sqlite3_column_text (stmt, 20), &f->pay_basis);
      f->min = sqlite3_column_double (stmt, 21);
      f->max = sqlite3_column_double (stmt, 22);
      f->has_years = sqlite3_column_type (stmt, 23) != SQLITE_NULL;
      f->years_min = column_double_or_nan (stmt, 23);
      f->years_max = column_double_or_nan (stmt, 24);
      f->year_from = sqlite3_column_int (stmt, 25);
      g_ptr_array_add (figures, f);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading figures"));
      return NULL;
    }

  return g_steal_pointer (&figures);
}

GPtrArray *
atlas_query_figures (AtlasStore         *store,
                     const AtlasFilter  *filter,
                     gboolean            quoted_only,
                     GError            **error)
{
  return query_figures_full (store, filter, quoted_only, TRUE, error);
}

/* A figure for one band of years of experience, without an employer,
 * answers for that band when the bands in effect have it. */
static const char *
figure_band_key (const AtlasFigure *f,
                 const AtlasFilter *filter,
                 char              *buf,
                 gsize              len)
{
  guint n_bands;
  const double *bands = filter_bands (filter, &n_bands);
  int band;

  if (!f->has_years || f->company != NULL || f->experience != NULL)
    return NULL;
  band = band_index (bands, n_bands, f->years_min);
  if (band < 0 || bands[band] != f->years_min)
    return NULL;
  if ((guint) band + 1 < n_bands ? f->years_max != bands[band + 1] : !isnan (f->years_max))
    return NULL;
  band_key (bands, n_bands, band, buf, len);
  return buf;
}

static const char *
figure_group_key (const AtlasFigure *f,
                  const AtlasFilter *filter,
                  AtlasGroupBy       by,
                  char              *buf,
                  gsize              len)
{
  switch (by)
    {
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      return figure_band_key (f, filter, buf, len);
    case ATLAS_GROUP_EXPERIENCE:
      /* Per-level figures of all employers. */
      return f->company == NULL ? f->experience : NULL;
    case ATLAS_GROUP_COMPANY:
      return f->experience == NULL ? f->company : NULL;
    case ATLAS_GROUP_REGION:
      return f->experience == NULL && f->company == NULL && !f->has_years ? f->country : NULL;
    case ATLAS_GROUP_YEAR:
      /* A figure of a period (levels.fyi's 2017–2021) is no year's. */
      if (f->year == 0 || f->company != NULL || f->experience != NULL || f->has_years ||
          (f->year_from != 0 && f->year_from != f->year))
        return NULL;
      g_snprintf (buf, len, "%d", f->year);
      return buf;
    case ATLAS_GROUP_ROLE:
      return f->company == NULL && f->experience == NULL && !f->has_years ? f->role_family : NULL;
    default:
      return NULL;
    }
}

/* Converts a figure's value into the mode; a figure already in the display
 * currency (e.g. curated "intl$" figures for PPP) is taken as it is. */
static gboolean
convert_figure_value (AtlasRates        *rates,
                      AtlasCurrencyMode  mode,
                      const AtlasFigure *f,
                      double             value,
                      double            *out)
{
  if (isnan (value) ||
      g_strcmp0 (f->currency, atlas_rates_display_currency (mode, f->country)) == 0)
    {
      *out = value;
      return TRUE;
    }

  return atlas_rates_convert (rates, mode, f->country, f->year, value, f->currency,
                              g_strcmp0 (f->currency, "USD") == 0 ? value : NAN, out);
}

/* The group a figure answers for this query, or NULL. */
static const char *
figure_query_key (const AtlasFigure *f,
                  const AtlasFilter *filter,
                  AtlasGroupBy       by,
                  char              *buf,
                  gsize              len,
                  char              *group_key,
                  gsize              group_key_len)
{
  const char *key;

  /* Quoted figures (no n) are citations, not groups. */
  if (f->n <= 0)
    return NULL;

  /* A figure with a role family answers a role filter; without a role
   * filter only role-free figures answer, except when grouping by role or
   * listing companies. */
  if ((filter->role == NULL || *filter->role == '\0') && f->role_family != NULL &&
      by != ATLAS_GROUP_ROLE && by != ATLAS_GROUP_COMPANY)
    return NULL;

  key = figure_group_key (f, filter, by, buf, len);
  if (key != NULL)
    g_snprintf (group_key, group_key_len, "%s\x1f%s", f->country, key);

  return key;
}

typedef struct
{
  GHashTable *n_by_region;   /* region -> largest n (GINT_TO_POINTER) */
} Coverage;

static void
coverage_free (gpointer data)
{
  Coverage *c = data;

  g_hash_table_unref (c->n_by_region);
  g_free (c);
}

/* How well a source answers one group across regions: the number of
 * regions it has a figure for, then the smallest n among them. */
static double
coverage_score (const Coverage *c)
{
  GHashTableIter iter;
  gpointer value;
  double min_n = G_MAXDOUBLE;

  g_hash_table_iter_init (&iter, c->n_by_region);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    min_n = MIN (min_n, (double) GPOINTER_TO_INT (value));
  return g_hash_table_size (c->n_by_region) * 1e12 + min_n;
}

/* Keeps, for each group, only the figures of one source: the one that
 * best covers every region of that group (most regions, then the largest
 * smallest n), so that the US and India are compared on one source, basis
 * and period where one has both (levels.fyi), never a US survey against
 * an Indian aggregator without need. */
static void
choose_figure_sources (GPtrArray         *figures,
                       const AtlasFilter *filter,
                       AtlasGroupBy       by)
{
  g_autoptr(GHashTable) coverage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, coverage_free);
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) best_score = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, by, buf, sizeof buf, group_key, sizeof group_key);
      g_autofree char *cover_key = NULL;
      Coverage *c;
      int old;

      if (key == NULL)
        continue;
      /* Grouped by region, the group is the region: one coverage. */
      cover_key = g_strdup_printf ("%s\x1f%s", f->source, by == ATLAS_GROUP_REGION ? "" : key);
      c = g_hash_table_lookup (coverage, cover_key);
      if (c == NULL)
        {
          c = g_new0 (Coverage, 1);
          c->n_by_region = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (coverage, g_steal_pointer (&cover_key), c);
        }
      old = GPOINTER_TO_INT (g_hash_table_lookup (c->n_by_region, f->country));
      g_hash_table_insert (c->n_by_region, g_strdup (f->country),
                           GINT_TO_POINTER (MAX (old, (int) MIN (f->n, G_MAXINT))));
    }

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, by, buf, sizeof buf, group_key, sizeof group_key);
      g_autofree char *cover_key = NULL;
      double score, *old;

      if (key == NULL)
        continue;
      /* Grouped by region, the group is the region: one coverage. */
      cover_key = g_strdup_printf ("%s\x1f%s", f->source, by == ATLAS_GROUP_REGION ? "" : key);
      score = coverage_score (g_hash_table_lookup (coverage, cover_key));
      old = g_hash_table_lookup (best_score, group_key);
      if (old == NULL || score > *old)
        {
          g_hash_table_insert (best_score, g_strdup (group_key), g_memdup2 (&score, sizeof score));
          g_hash_table_insert (best, g_strdup (group_key), f->source);
        }
    }

  for (guint i = figures->len; i-- > 0;)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, by, buf, sizeof buf, group_key, sizeof group_key);

      if (key != NULL && g_strcmp0 (g_hash_table_lookup (best, group_key), f->source) != 0)
        g_ptr_array_remove_index (figures, i);
    }
}

/* Groups built from curated figures (with n); quoted figures without n are
 * shown as citations, not as groups. A figure in the display currency wins
 * over one that needs converting; then the one with the largest n. */
static gboolean
query_figures (AtlasStore        *store,
               AtlasRates        *rates,
               const AtlasFilter *filter,
               AtlasQueryResult  *result,
               GError           **error)
{
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) native = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) source_ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  figures = query_figures_full (store, filter, FALSE, FALSE, error);
  if (figures == NULL)
    return FALSE;

  /* Figures whose period does not overlap the years asked for are left
   * out and counted, so that the result can say so. */
  for (guint i = figures->len; i-- > 0;)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      int from = f->year_from != 0 ? f->year_from : f->year;

      if ((filter->year_from == 0 && filter->year_to == 0) || f->n <= 0)
        continue;
      if (f->year == 0 ||
          (filter->year_from != 0 && f->year < filter->year_from) ||
          (filter->year_to != 0 && from > filter->year_to))
        {
          result->n_figures_outside_years++;
          g_ptr_array_remove_index (figures, i);
        }
    }

  choose_figure_sources (figures, filter, result->by);

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];

      if (figure_query_key (f, filter, result->by, buf, sizeof buf, group_key, sizeof group_key) != NULL &&
          g_strcmp0 (f->currency, atlas_rates_display_currency (result->mode, f->country)) == 0)
        g_hash_table_add (native, g_strdup (group_key));
    }

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, result->by, buf, sizeof buf, group_key, sizeof group_key);
      gboolean is_native;
      AtlasGroup *group;
      AtlasSummary s = { 0 };

      if (key == NULL)
        continue;

      is_native = g_strcmp0 (f->currency, atlas_rates_display_currency (result->mode, f->country)) == 0;
      if (!is_native && g_hash_table_contains (native, group_key))
        continue;

      s.n = f->n;
      s.min = s.max = s.p10 = s.p90 = s.median_ci_low = s.median_ci_high = NAN;
      /* The range of the reports behind a published figure. */
      if (f->min > 0 && f->max > 0 &&
          (!convert_figure_value (rates, result->mode, f, f->min, &s.min) ||
           !convert_figure_value (rates, result->mode, f, f->max, &s.max)))
        s.min = s.max = NAN;
      if (!convert_figure_value (rates, result->mode, f, f->p25, &s.p25) ||
          !convert_figure_value (rates, result->mode, f, f->median, &s.median) ||
          !convert_figure_value (rates, result->mode, f, f->p75, &s.p75) ||
          !convert_figure_value (rates, result->mode, f, f->mean, &s.mean))
        {
          result->n_without_factor++;
          if (f->year == 0)
            g_hash_table_add (missing, g_strdup_printf (_("a year for the figures of %s"), f->country));
          else
            add_missing_factor (missing, result->mode == ATLAS_CURRENCY_MODE_PPP ? "PPP" : "FX",
                                result->mode == ATLAS_CURRENCY_MODE_PPP ? f->country : f->currency,
                                f->year);
          continue;
        }

      group = g_hash_table_lookup (groups, group_key);
      if (group != NULL && group->summary.n >= (gsize) f->n)
        continue;

      if (group == NULL)
        {
          group = g_new0 (AtlasGroup, 1);
          g_hash_table_insert (groups, g_strdup (group_key), group);
          g_ptr_array_add (result->groups, group);
        }
      else
        {
          g_clear_pointer (&group->region, g_free);
          g_clear_pointer (&group->key, g_free);
          g_clear_pointer (&group->label, g_free);
          g_clear_pointer (&group->currency, g_free);
          g_clear_pointer (&group->citation, g_free);
          g_clear_pointer (&group->sources, g_free);
          g_clear_pointer (&group->bases, g_free);
        }

      group->region = g_strdup (f->country);
      group->key = g_strdup (key);
      group->label = group_label (result->by, key);
      group->currency = g_strdup (atlas_rates_display_currency (result->mode, f->country));
      group->origin = ATLAS_GROUP_FROM_FIGURE;
      group->summary = s;
      group->small_sample = s.n < result->small_sample_threshold;
      group->citation = g_strdup (f->citation);
      group->sources = g_strdup (f->source);
      group->pay_basis = f->pay_basis;
      group->bases = g_strdup (atlas_pay_basis_to_string (f->pay_basis));
      group->year_to = f->year;
      group->year_from = f->year_from != 0 ? f->year_from : f->year;
      group->years_min = f->has_years && f->company != NULL ? f->years_min : NAN;
      g_hash_table_add (source_ids, GSIZE_TO_POINTER (atlas_sources_find_id (store, f->source)));
    }

  result->missing_factors = describe_missing (missing);

  return load_sources (store, result, source_ids, error);
}

static AtlasQueryResult *
query_run (AtlasStore         *store,
           const AtlasFilter  *filter,
           AtlasGroupBy        by,
           AtlasCurrencyMode   mode,
           guint               small_sample_threshold,
           GError            **error)
{
  g_autoptr(AtlasQueryResult) result = NULL;
  g_autoptr(AtlasRates) rates = NULL;
  g_autoptr(GHashTable) infos = NULL;
  SortContext ctx = { filter, by };

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  rates = atlas_rates_load (store, error);
  if (rates == NULL)
    return NULL;

  result = g_new0 (AtlasQueryResult, 1);
  result->by = by;
  result->mode = mode;
  result->small_sample_threshold = small_sample_threshold;
  result->groups = g_ptr_array_new_with_free_func (atlas_group_free);
  result->sources = g_ptr_array_new_with_free_func (atlas_query_source_free);

  infos = load_source_infos (store, error);
  if (infos == NULL)
    return NULL;
  result->superseded = describe_superseded (infos);

  if (!query_records (store, rates, filter, infos, result, error))
    return NULL;

  if (result->n_records == 0)
    {
      result->from_figures = TRUE;
      g_clear_pointer (&result->missing_factors, g_free);
      if (!query_figures (store, rates, filter, result, error))
        return NULL;
    }

  /* A list of companies is not led by a single row. */
  if (by == ATLAS_GROUP_COMPANY && (filter->company == NULL || *filter->company == '\0'))
    {
      result->company_min_n = filter->company_min_n > 0 ? filter->company_min_n
                                                        : ATLAS_COMPANY_MIN_N_DEFAULT;
      for (guint i = result->groups->len; i-- > 0;)
        {
          const AtlasGroup *group = g_ptr_array_index (result->groups, i);

          if (group->summary.n < result->company_min_n)
            {
              result->n_groups_below_min++;
              g_ptr_array_remove_index (result->groups, i);
            }
        }
    }

  g_ptr_array_sort_with_data (result->groups, compare_groups, &ctx);

  return g_steal_pointer (&result);
}

void
_atlas_query_append_filter (GString           *sql,
                            GPtrArray         *params,
                            const AtlasFilter *filter,
                            const char        *prefix)
{
  QueryBuilder b = { sql, params };

  builder_add_filter (&b, filter, prefix, TRUE, NULL, TRUE);
}

GStrv
atlas_query_suggest_companies (AtlasStore  *store,
                               const char  *text,
                               guint        max,
                               GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *key = NULL;
  g_autofree char *like = NULL;
  g_autofree char *like_text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  key = atlas_company_normalise_key (text);
  like = escape_like (key != NULL ? key : text);
  like_text = escape_like (text);
  /* Companies whose key or name contains the text, those with most
   * records (record_facets, facet 3) first. */
  stmt = atlas_store_prepare (store,
                              "SELECT c.display_name FROM companies c"
                              " LEFT JOIN (SELECT value AS id, sum (n) AS n FROM record_facets"
                              "   WHERE facet = 3 GROUP BY value) f ON f.id = c.id"
                              " WHERE c.key LIKE '%' || ?1 || '%' ESCAPE '\\'"
                              "    OR c.display_name LIKE '%' || ?2 || '%' ESCAPE '\\'"
                              " ORDER BY coalesce (f.n, 0) DESC, c.display_name LIMIT ?3",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, like, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, like_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) MIN (max, 100));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading companies"));
      return NULL;
    }

  return g_strv_builder_end (names);
}

AtlasQueryResult *
atlas_query_run (AtlasStore         *store,
                 const AtlasFilter  *filter,
                 AtlasGroupBy        by,
                 AtlasCurrencyMode   mode,
                 guint               small_sample_threshold,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  AtlasQueryResult *result;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (cancellable != NULL)
    atlas_store_set_cancellable (store, cancellable);
  result = query_run (store, filter, by, mode, small_sample_threshold, &local_error);
  if (cancellable != NULL)
    atlas_store_set_cancellable (store, NULL);

  /* An interrupted statement says "interrupted": say why instead. */
  if (result == NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (result == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return result;
}
