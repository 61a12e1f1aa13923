/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-json.c: reading Salary Atlas JSON feeds (docs/feed-format.md). */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atlas-bounds.h"
#include "atlas-feed-json.h"
#include "atlas-quote.h"
#include "atlas-figure.h"
#include "atlas-money.h"
#include "atlas-store-private.h"

G_DEFINE_QUARK (atlas-feed-json-error-quark, atlas_feed_json_error)

#define FEED_FORMAT_NAME "salary-atlas-feed"

/* The record members, in CSV column order; each is also a mapping key. */
static const char * const record_keys[] = {
  "title", "company", "country", "city", "state", "experience", "years",
  "amount", "amount_usd", "currency", "year", "date", "employment_type",
  "remote_ratio", "weight", "kind", "company_country", "company_size",
};

static const char mapping_data[] =
  "# Reads the CSV that atlas_feed_json_records_to_csv() writes.\n"
  "[columns]\n"
  "title=title\n"
  "company=company\n"
  "country=country\n"
  "city=city\n"
  "state=state\n"
  "experience=experience\n"
  "years=years\n"
  "amount=amount\n"
  "amount_usd=amount_usd\n"
  "currency=currency\n"
  "year=year\n"
  "date=date\n"
  "employment_type=employment_type\n"
  "remote_ratio=remote_ratio\n"
  "weight=weight\n"
  "kind=kind\n"
  "company_country=company_country\n"
  "company_size=company_size\n"
  "[options]\n"
  "amount-unit=year\n";

struct _AtlasFeedJson
{
  char      *display_name;
  guint      version;
  char      *title;
  char      *licence;
  char      *attribution;
  GPtrArray *records;    /* of GStrv, one string per record_keys entry (NULL: empty) */
  GArray    *figures;    /* of AtlasFigure; uid holds the feed's own id */
};

static void
record_free (gpointer data)
{
  char **fields = data;

  for (guint i = 0; i < G_N_ELEMENTS (record_keys); i++)
    g_free (fields[i]);
  g_free (fields);
}

void
atlas_feed_json_free (AtlasFeedJson *self)
{
  if (self == NULL)
    return;

  g_free (self->display_name);
  g_free (self->title);
  g_free (self->licence);
  g_free (self->attribution);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->figures, g_array_unref);
  g_free (self);
}

/* Reading members with errors that name the JSON path. */

typedef struct
{
  AtlasFeedJson *feed;
  const char    *where;   /* "records[3]" */
  GError       **error;
} Reader;

static gboolean
invalid (Reader     *reader,
         const char *member,
         const char *problem)
{
  g_set_error (reader->error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_INVALID,
               /* Translators: FEED: PATH.MEMBER: PROBLEM, e.g. "feed.json: records[3].amount: must be a number" */
               _("%s: %s%s%s: %s"), reader->feed->display_name,
               reader->where, *reader->where ? "." : "", member, problem);
  return FALSE;
}

/* Reads an optional string member; a JSON null is the same as absent. */
static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             gboolean     required,
             char       **out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *copy = NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (reader, member, _("is missing")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (reader, member, _("must be a string"));

  /* Surrounding blanks are dropped; a blank string counts as absent. */
  copy = g_strstrip (g_strdup (json_node_get_string (node)));
  if (*copy == '\0')
    return required ? invalid (reader, member, _("must not be empty")) : TRUE;
  *out = g_steal_pointer (&copy);

  return TRUE;
}

static gboolean
read_number (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             gboolean     required,
             gboolean    *present,
             double      *out)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  *present = FALSE;
  *out = NAN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (reader, member, _("is missing")) : TRUE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return invalid (reader, member, _("must be a number"));

  *out = json_node_get_double (node);
  if (!isfinite (*out))
    return invalid (reader, member, _("must be a finite number"));
  *present = TRUE;

  return TRUE;
}

static gboolean
read_amount (Reader     *reader,
             JsonObject *object,
             const char *member,
             gboolean    required,
             double     *out)
{
  gboolean present;

  if (!read_number (reader, object, member, required, &present, out))
    return FALSE;
  if (present && *out < 0)
    return invalid (reader, member, _("must not be negative"));

  return TRUE;
}

static gboolean
read_integer (Reader     *reader,
              JsonObject *object,
              const char *member,
              gboolean    required,
              gint64      min,
              gint64      max,
              gint64     *out)
{
  gboolean present;
  double value;

  *out = 0;
  if (!read_number (reader, object, member, required, &present, &value))
    return FALSE;
  if (!present)
    return TRUE;
  if (value != floor (value))
    return invalid (reader, member, _("must be a whole number"));
  if (value < min || value > max)
    {
      g_autofree char *problem = g_strdup_printf (_("must be between %" PRId64
                                                    " and %" PRId64),
                                                  min, max);
      return invalid (reader, member, problem);
    }
  *out = (gint64) value;

  return TRUE;
}

static gboolean
check_country (Reader     *reader,
               const char *member,
               const char *code)
{
  if (code != NULL && !atlas_money_is_country (code))
    return invalid (reader, member, _("must be an ISO 3166 alpha-2 country code such as US or IN"));
  return TRUE;
}

static gboolean
check_currency (Reader     *reader,
                const char *member,
                const char *code)
{
  if (code != NULL && !atlas_money_is_currency (code))
    return invalid (reader, member, _("must be an ISO 4217 currency code such as USD or INR"));
  return TRUE;
}

static gboolean
check_experience (Reader     *reader,
                  const char *member,
                  const char *level)
{
  if (level != NULL && !g_strv_contains ((const char * const[]) { "EN", "MI", "SE", "EX", NULL }, level))
    return invalid (reader, member, _("must be one of EN, MI, SE, EX"));
  return TRUE;
}

static gboolean
check_date (Reader     *reader,
            const char *member,
            const char *date)
{
  guint y, m, d;
  char tail;

  if (date == NULL)
    return TRUE;

  if (sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || strlen (date) != 10 ||
      !g_date_valid_dmy (d, m, y))
    return invalid (reader, member, _("must be a date written YYYY-MM-DD"));

  return TRUE;
}

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;

  /* Whole numbers without ".0", so the CSV looks like what people write. */
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
}

static gboolean
read_record (AtlasFeedJson *self,
             JsonNode      *node,
             guint          index,
             GError       **error)
{
  g_autofree char *where = g_strdup_printf ("records[%u]", index);
  Reader reader = { self, where, error };
  char **fields = g_new0 (char *, G_N_ELEMENTS (record_keys) + 1);
  g_autoptr(GPtrArray) guard = g_ptr_array_new_with_free_func (record_free);
  JsonObject *object;
  double amount, amount_usd, years;
  gint64 year, remote_ratio, weight;
  gboolean present;

  g_ptr_array_add (guard, fields);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_INVALID,
                   _("%s: %s: must be an object"), self->display_name, where);
      return FALSE;
    }
  object = json_node_get_object (node);

  /* Field order follows record_keys. */
  if (!read_string (&reader, object, "title", TRUE, &fields[0]) ||
      !read_string (&reader, object, "company", FALSE, &fields[1]) ||
      !read_string (&reader, object, "country", TRUE, &fields[2]) ||
      !check_country (&reader, "country", fields[2]) ||
      !read_string (&reader, object, "city", FALSE, &fields[3]) ||
      !read_string (&reader, object, "state", FALSE, &fields[4]) ||
      !read_string (&reader, object, "experience", FALSE, &fields[5]) ||
      !check_experience (&reader, "experience", fields[5]) ||
      !read_number (&reader, object, "years", FALSE, &present, &years) ||
      !read_amount (&reader, object, "amount", TRUE, &amount) ||
      !read_amount (&reader, object, "amount_usd", FALSE, &amount_usd) ||
      !read_string (&reader, object, "currency", TRUE, &fields[9]) ||
      !check_currency (&reader, "currency", fields[9]) ||
      !read_integer (&reader, object, "year", TRUE, 1900, 2100, &year) ||
      !read_string (&reader, object, "date", FALSE, &fields[11]) ||
      !check_date (&reader, "date", fields[11]) ||
      !read_string (&reader, object, "employment_type", FALSE, &fields[12]) ||
      !read_integer (&reader, object, "remote_ratio", FALSE, 0, 100, &remote_ratio) ||
      !read_integer (&reader, object, "weight", FALSE, 1, G_MAXINT32, &weight) ||
      !read_string (&reader, object, "kind", FALSE, &fields[15]) ||
      !read_string (&reader, object, "company_country", FALSE, &fields[16]) ||
      !check_country (&reader, "company_country", fields[16]) ||
      !read_string (&reader, object, "company_size", FALSE, &fields[17]))
    return FALSE;

  if (present && years < 0)
    return invalid (&reader, "years", _("must not be negative"));
  if (fields[15] != NULL &&
      !g_strv_contains ((const char * const[]) { "survey", "posting", "filing", "report", NULL },
                        fields[15]))
    return invalid (&reader, "kind", _("must be one of survey, posting, filing, report"));

  fields[6] = format_double (years);
  fields[7] = format_double (amount);
  fields[8] = format_double (amount_usd);
  fields[10] = g_strdup_printf ("%" G_GINT64_FORMAT, year);
  if (json_object_has_member (object, "remote_ratio") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "remote_ratio")))
    fields[13] = g_strdup_printf ("%" G_GINT64_FORMAT, remote_ratio);
  fields[14] = weight > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, weight) : NULL;
  if (fields[15] == NULL)
    fields[15] = g_strdup ("survey");

  g_ptr_array_add (self->records, g_ptr_array_steal_index (guard, 0));
  return TRUE;
}

static gboolean
read_figure (AtlasFeedJson *self,
             JsonNode      *node,
             guint          index,
             GHashTable    *seen_ids,
             GError       **error)
{
  g_autofree char *where = g_strdup_printf ("figures[%u]", index);
  Reader reader = { self, where, error };
  AtlasFigure figure = { 0 };
  gint64 year = 0;
  JsonObject *object;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_INVALID,
                   _("%s: %s: must be an object"), self->display_name, where);
      return FALSE;
    }
  object = json_node_get_object (node);

  ok = read_string (&reader, object, "id", TRUE, &figure.uid) &&
       read_string (&reader, object, "role_family", FALSE, &figure.role_family) &&
       read_string (&reader, object, "job_title", FALSE, &figure.job_title) &&
       read_string (&reader, object, "country", TRUE, &figure.country) &&
       check_country (&reader, "country", figure.country) &&
       read_string (&reader, object, "company", FALSE, &figure.company) &&
       read_string (&reader, object, "experience", FALSE, &figure.experience) &&
       check_experience (&reader, "experience", figure.experience) &&
       read_integer (&reader, object, "year", FALSE, 1900, 2100, &year) &&
       read_string (&reader, object, "currency", TRUE, &figure.currency) &&
       check_currency (&reader, "currency", figure.currency) &&
       read_amount (&reader, object, "p25", FALSE, &figure.p25) &&
       read_amount (&reader, object, "median", FALSE, &figure.median) &&
       read_amount (&reader, object, "p75", FALSE, &figure.p75) &&
       read_amount (&reader, object, "mean", FALSE, &figure.mean) &&
       read_integer (&reader, object, "n", FALSE, 1, G_MAXINT64 / 2, &figure.n) &&
       read_string (&reader, object, "statistic", FALSE, &figure.statistic) &&
       read_string (&reader, object, "citation", TRUE, &figure.citation) &&
       read_string (&reader, object, "url", FALSE, &figure.url) &&
       read_string (&reader, object, "licence", FALSE, &figure.licence) &&
       read_string (&reader, object, "retrieved", FALSE, &figure.retrieved) &&
       read_string (&reader, object, "note", FALSE, &figure.note);

  figure.year = (int) year;
  if (ok && g_hash_table_contains (seen_ids, figure.uid))
    ok = invalid (&reader, "id", _("is used by an earlier figure"));
  if (ok && isnan (figure.p25) && isnan (figure.median) && isnan (figure.p75) && isnan (figure.mean))
    ok = invalid (&reader, "median", _("a figure needs at least one of p25, median, p75, mean"));
  /* The same plausibility bounds as a record's amount (atlas-bounds.h). */
  if (ok)
    {
      const struct { const char *member; double value; } amounts[] = {
        { "p25", figure.p25 }, { "median", figure.median },
        { "p75", figure.p75 }, { "mean", figure.mean },
      };
      g_autoptr(GString) reason = g_string_new (NULL);

      for (guint i = 0; ok && i < G_N_ELEMENTS (amounts); i++)
        if (!isnan (amounts[i].value) &&
            !atlas_bounds_check_annual (amounts[i].value, figure.currency, NAN, reason))
          ok = invalid (&reader, amounts[i].member, reason->str);
    }
  if (ok && figure.statistic == NULL)
    figure.statistic = g_strdup (isnan (figure.median) && !isnan (figure.mean) ? "mean" : "median");
  if (ok && !g_strv_contains ((const char * const[]) { "median", "mean", "p25", "p75", NULL },
                              figure.statistic))
    ok = invalid (&reader, "statistic", _("must be one of median, mean, p25, p75"));
  if (ok)
    {
      double stated = g_str_equal (figure.statistic, "mean") ? figure.mean :
                      g_str_equal (figure.statistic, "p25") ? figure.p25 :
                      g_str_equal (figure.statistic, "p75") ? figure.p75 : figure.median;
      if (isnan (stated))
        ok = invalid (&reader, figure.statistic,
                      _("is missing, but “statistic” names it as the figure’s headline"));
    }
  if (ok && figure.licence == NULL)
    figure.licence = g_strdup (self->licence);

  if (!ok)
    {
      atlas_figure_clear (&figure);
      return FALSE;
    }

  g_hash_table_add (seen_ids, g_strdup (figure.uid));
  g_array_append_val (self->figures, figure);
  return TRUE;
}

static gboolean
read_array (AtlasFeedJson *self,
            JsonObject    *root,
            const char    *member,
            JsonArray    **out,
            GError       **error)
{
  JsonNode *node = json_object_get_member (root, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_INVALID,
                   _("%s: %s: must be an array"), self->display_name, member);
      return FALSE;
    }
  *out = json_node_get_array (node);

  return TRUE;
}

AtlasFeedJson *
atlas_feed_json_parse (const char  *data,
                       gsize        len,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(AtlasFeedJson) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen_ids = NULL;
  g_autofree char *format = NULL;
  Reader reader;
  JsonNode *root_node;
  JsonObject *root;
  JsonArray *records = NULL;
  JsonArray *figures = NULL;
  gint64 version;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = g_new0 (AtlasFeedJson, 1);
  /* Every message names the feed: a URL or file name may hold control
   * characters. */
  self->display_name = atlas_quote_name (display_name);
  display_name = self->display_name;
  self->records = g_ptr_array_new_with_free_func (record_free);
  self->figures = g_array_new (FALSE, TRUE, sizeof (AtlasFigure));
  g_array_set_clear_func (self->figures, (GDestroyNotify) atlas_figure_clear);
  reader = (Reader) { self, "", error };

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib's message can quote the offending bytes. */
      g_autoptr(GString) quoted = g_string_new (NULL);

      atlas_quote_append_len (quoted, local_error->message, -1, 2 * ATLAS_QUOTE_MAX_CHARS);
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_SYNTAX,
                   _("%s: not valid JSON: %s"), display_name, quoted->str);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_VERSION,
                   _("%s: not a Salary Atlas feed (the document is not a JSON object)"),
                   display_name);
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!read_string (&reader, root, "format", FALSE, &format))
    return NULL;
  if (g_strcmp0 (format, FEED_FORMAT_NAME) != 0)
    {
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_VERSION,
                   _("%s: not a Salary Atlas feed (“format” must be “%s”)"),
                   display_name, FEED_FORMAT_NAME);
      return NULL;
    }
  if (!read_integer (&reader, root, "version", TRUE, 1, G_MAXINT32, &version))
    return NULL;
  if (version > ATLAS_FEED_JSON_VERSION)
    {
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_VERSION,
                   _("%s: feed format version %" PRId64 " is newer than this "
                     "Salary Atlas reads (%d); update Salary Atlas"),
                   display_name, version, ATLAS_FEED_JSON_VERSION);
      return NULL;
    }
  self->version = (guint) version;

  if (!read_string (&reader, root, "title", TRUE, &self->title) ||
      !read_string (&reader, root, "licence", TRUE, &self->licence) ||
      !read_string (&reader, root, "attribution", TRUE, &self->attribution) ||
      !read_array (self, root, "records", &records, error) ||
      !read_array (self, root, "figures", &figures, error))
    return NULL;

  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    if (!read_record (self, json_array_get_element (records, i), i, error))
      return NULL;

  seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; figures != NULL && i < json_array_get_length (figures); i++)
    if (!read_figure (self, json_array_get_element (figures, i), i, seen_ids, error))
      return NULL;

  if (self->records->len == 0 && self->figures->len == 0)
    {
      g_set_error (error, ATLAS_FEED_JSON_ERROR, ATLAS_FEED_JSON_ERROR_EMPTY,
                   _("%s: the feed has neither records nor figures"), display_name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
atlas_feed_json_get_title (AtlasFeedJson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
atlas_feed_json_get_licence (AtlasFeedJson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->licence;
}

const char *
atlas_feed_json_get_attribution (AtlasFeedJson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->attribution;
}

guint
atlas_feed_json_get_version (AtlasFeedJson *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->version;
}

guint
atlas_feed_json_get_n_records (AtlasFeedJson *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->records->len;
}

guint
atlas_feed_json_get_n_figures (AtlasFeedJson *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->figures->len;
}

const char *
atlas_feed_json_get_mapping_data (void)
{
  return mapping_data;
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

GBytes *
atlas_feed_json_records_to_csv (AtlasFeedJson *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->records->len == 0)
    return NULL;

  out = g_string_sized_new (128 + 96 * self->records->len);
  for (guint k = 0; k < G_N_ELEMENTS (record_keys); k++)
    {
      if (k > 0)
        g_string_append_c (out, ',');
      g_string_append (out, record_keys[k]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < self->records->len; i++)
    {
      char **fields = g_ptr_array_index (self->records, i);

      for (guint k = 0; k < G_N_ELEMENTS (record_keys); k++)
        {
          if (k > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, fields[k]);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}

gboolean
atlas_feed_json_store_figures (AtlasFeedJson  *self,
                               AtlasStore     *store,
                               gint64          source_id,
                               const char     *source_name,
                               GError        **error)
{
  g_autoptr(AtlasFigureWriter) writer = NULL;
  sqlite3_stmt *remove = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (source_id > 0, FALSE);

  remove = atlas_store_prepare (store, "DELETE FROM figures WHERE source_id = ?", error);
  if (remove == NULL)
    goto out;
  sqlite3_bind_int64 (remove, 1, source_id);
  if (sqlite3_step (remove) != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("removing the previous figures of a feed"));
      goto out;
    }

  writer = atlas_figure_writer_new (store, error);
  if (writer == NULL)
    goto out;

  for (guint i = 0; i < self->figures->len; i++)
    {
      AtlasFigure figure = g_array_index (self->figures, AtlasFigure, i);
      g_autofree char *uid = g_strdup_printf ("feed:%s:%s", source_name, figure.uid);

      /* A shallow copy: only the uid differs in the store. */
      figure.uid = uid;
      if (!atlas_figure_writer_add (writer, source_id, &figure, error))
        goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (remove);
  return ok;
}
