/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-curate.c: salary-atlas curate exclude|restore|add|merge|split|list|companies|undo
 *
 *   curate exclude ID --reason R [--note TEXT]
 *   curate exclude --matching [FILTERS] [--search TEXT] --reason R [--note TEXT]
 *   curate restore ID
 *   curate add --kind posting|figure --title … --country … --currency … --amount …
 *              --year … --publisher … --reference … --date YYYY-MM-DD [more]
 *   curate merge ALIAS INTO
 *   curate split NAME
 *   curate list [--format table|csv|json]
 *   curate companies [--search TEXT] [--format table|csv|json]
 *   curate undo */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-cli-output.h"
#include "atlas-curation.h"
#include "atlas-curation-companies.h"

static const char *usage_text =
  N_("curate: say what to do: exclude, restore, add, merge, split, list, companies or undo");

typedef struct
{
  AtlasCliCommon  common;
  char           *reason;
  char           *note;
  char           *search;
  gboolean        matching;
  char           *format;
  /* add */
  char           *kind;
  char           *title;
  char           *company;
  char           *country;
  char           *city;
  char           *experience;
  char           *currency;
  char           *amount;
  char           *low;
  char           *high;
  gint64          n;
  int             year;
  char           *publisher;
  char           *reference;
  char           *date;
} Options;

static void
options_clear (Options *o)
{
  atlas_cli_common_clear (&o->common);
  g_free (o->reason);
  g_free (o->note);
  g_free (o->search);
  g_free (o->format);
  g_free (o->kind);
  g_free (o->title);
  g_free (o->company);
  g_free (o->country);
  g_free (o->city);
  g_free (o->experience);
  g_free (o->currency);
  g_free (o->amount);
  g_free (o->low);
  g_free (o->high);
  g_free (o->publisher);
  g_free (o->reference);
  g_free (o->date);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Descriptions quote the data (titles from files and feeds): no control
 * character of theirs reaches the terminal. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_amount (const char  *option,
              const char  *text,
              double      *value,
              GError     **error)
{
  char *end = NULL;

  if (text == NULL)
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a number"), option, text);
      return FALSE;
    }
  return TRUE;
}

static int
run_exclude (AtlasStore *store,
             Options    *o,
             int         argc,
             char      **argv)
{
  g_autoptr(GError) error = NULL;
  AtlasExclusionReason reason;

  if (o->reason == NULL || !atlas_exclusion_reason_from_string (o->reason, &reason))
    return atlas_cli_fail_message (_("curate exclude: give --reason outlier, duplicate, "
                                     "monthly-as-annual, not-this-role or other"));

  if (o->matching)
    {
      g_autoptr(AtlasFilter) filter = atlas_cli_common_get_filter (&o->common, &error);
      gint64 n;

      if (filter == NULL)
        return atlas_cli_fail (error);
      if (argc > 2)
        return atlas_cli_fail_message (_("curate exclude --matching takes filters, not ids"));
      n = atlas_curation_exclude_filter (store, filter, o->search, reason, o->note, &error);
      if (n < 0)
        return atlas_cli_fail (error);
      printf (g_dngettext (GETTEXT_PACKAGE, "Excluded %" PRId64 " record\n",
                           "Excluded %" PRId64 " records\n", n), n);
      return 0;
    }

  if (argc < 3)
    return atlas_cli_fail_message (_("curate exclude: give the id of a record or figure "
                                     "(see “records”), or --matching with filters"));
  for (int i = 2; i < argc; i++)
    {
      if (!atlas_curation_exclude (store, argv[i], reason, o->note, &error))
        return atlas_cli_fail (error);
      printf (_("Excluded %s (%s)\n"), argv[i], atlas_exclusion_reason_to_string (reason));
    }
  return 0;
}

static int
run_add (AtlasStore *store,
         Options    *o)
{
  g_autoptr(AtlasAddition) a = atlas_addition_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (o->kind == NULL || g_str_equal (o->kind, "posting"))
    a->kind = ATLAS_ADDITION_POSTING;
  else if (g_str_equal (o->kind, "figure"))
    a->kind = ATLAS_ADDITION_FIGURE;
  else
    return atlas_cli_fail_message (_("curate add: --kind is posting or figure"));

  if (!parse_amount ("--amount", o->amount, &a->amount, &error) ||
      !parse_amount ("--low", o->low, &a->amount_low, &error) ||
      !parse_amount ("--high", o->high, &a->amount_high, &error))
    return atlas_cli_fail (error);

  a->title = g_strdup (o->title);
  a->company = g_strdup (o->company);
  a->country = o->country ? g_ascii_strup (o->country, -1) : NULL;
  a->city = g_strdup (o->city);
  a->experience = o->experience ? g_ascii_strup (o->experience, -1) : NULL;
  a->currency = o->currency ? g_ascii_strup (o->currency, -1) : NULL;
  a->n = o->n;
  a->year = o->year;
  a->publisher = g_strdup (o->publisher);
  a->reference = g_strdup (o->reference);
  a->cited_on = g_strdup (o->date);
  a->note = g_strdup (o->note);

  id = atlas_curation_add (store, a, &error);
  if (id == 0)
    return atlas_cli_fail (error);
  printf (_("Added %s %" PRId64 "\n"),
          a->kind == ATLAS_ADDITION_POSTING ? _("posting") : _("figure"), id);
  return 0;
}

static const char * const list_columns[] = {
  "kind", "key", "reason", "description", "created_at", "orphaned", "note",
};

static int
run_list (AtlasStore *store,
          Options    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = atlas_curation_list (store, &error);
  g_autoptr(AtlasCliTable) table = atlas_cli_table_new (list_columns, G_N_ELEMENTS (list_columns));
  static const char * const kinds[] = { "exclusion", "addition", "merge" };

  if (entries == NULL)
    return atlas_cli_fail (error);
  if (!atlas_cli_table_set_format (table, o->format, &error))
    return atlas_cli_fail (error);

  for (guint i = 0; i < entries->len; i++)
    {
      const AtlasCurationEntry *e = g_ptr_array_index (entries, i);

      atlas_cli_table_begin_row (table);
      atlas_cli_table_add_string (table, kinds[e->kind]);
      atlas_cli_table_add_string (table, e->key);
      atlas_cli_table_add_string (table, e->reason);
      atlas_cli_table_add_string (table, e->description);
      atlas_cli_table_add_string (table, e->created_at);
      atlas_cli_table_add_bool (table, e->orphaned);
      atlas_cli_table_add_string (table, e->note);
    }
  atlas_cli_table_print (table, stdout);
  return 0;
}

/* One row per company as the statistics count it and per company merged
 * into it, with the raw spellings the built-in rules fold into each. */
static const char * const company_columns[] = {
  "company", "company_records", "company_figures", "name", "key", "records", "figures",
  "merged", "spellings",
};

static int
run_companies (AtlasStore *store,
               Options    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = atlas_curation_companies (store, o->search, &error);
  g_autoptr(AtlasCliTable) table = atlas_cli_table_new (company_columns,
                                                        G_N_ELEMENTS (company_columns));

  if (groups == NULL)
    return atlas_cli_fail (error);
  if (!atlas_cli_table_set_format (table, o->format, &error))
    return atlas_cli_fail (error);

  for (guint i = 0; i < groups->len; i++)
    {
      const AtlasCompanyGroup *group = g_ptr_array_index (groups, i);

      for (guint j = 0; j < group->members->len; j++)
        {
          const AtlasCompanyMember *member = g_ptr_array_index (group->members, j);
          g_autofree char *spellings = g_strjoinv ("; ", member->spellings);

          atlas_cli_table_begin_row (table);
          atlas_cli_table_add_string (table, group->name);
          atlas_cli_table_add_int (table, group->n_records);
          atlas_cli_table_add_int (table, group->n_figures);
          atlas_cli_table_add_string (table, member->name);
          atlas_cli_table_add_string (table, member->key);
          atlas_cli_table_add_int (table, member->n_records);
          atlas_cli_table_add_int (table, member->n_figures);
          atlas_cli_table_add_bool (table, member->merged);
          atlas_cli_table_add_string (table, spellings);
        }
    }
  atlas_cli_table_print (table, stdout);
  return 0;
}

int
atlas_cli_curate (int    argc,
                  char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  const char *action;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason,
      N_("exclude: outlier, duplicate, monthly-as-annual, not-this-role or other"), N_("REASON") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &o.note, N_("A note kept with the entry"), N_("TEXT") },
    { "matching", 0, 0, G_OPTION_ARG_NONE, &o.matching,
      N_("exclude: every record the filters and --search match"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &o.search,
      N_("exclude --matching: text in the title or company; companies: text in a name"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format, N_("list, companies: table, csv or json"), N_("FORMAT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind, N_("add: posting (default) or figure"), N_("KIND") },
    { "job-title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("add: the job title"), N_("TEXT") },
    { "employer", 0, 0, G_OPTION_ARG_STRING, &o.company, N_("add: the employer"), N_("NAME") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &o.country, N_("add: ISO 3166 code"), N_("CODE") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &o.city, N_("add: the city"), N_("NAME") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &o.experience, N_("add: EN, MI, SE or EX"), N_("LEVEL") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &o.currency, N_("add: ISO 4217 code"), N_("CODE") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &o.amount,
      N_("add: annual pay (a figure’s median)"), N_("NUMBER") },
    { "low", 0, 0, G_OPTION_ARG_STRING, &o.low, N_("add: low end of the range"), N_("NUMBER") },
    { "high", 0, 0, G_OPTION_ARG_STRING, &o.high, N_("add: high end of the range"), N_("NUMBER") },
    { "n", 0, 0, G_OPTION_ARG_INT64, &o.n, N_("add: reports behind a figure"), N_("N") },
    { "year", 0, 0, G_OPTION_ARG_INT, &o.year, N_("add: the year the pay is for"), N_("YEAR") },
    { "publisher", 0, 0, G_OPTION_ARG_STRING, &o.publisher,
      N_("add: who published it (required)"), N_("NAME") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &o.reference,
      N_("add: URL or reference (required)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date,
      N_("add: when it was published or seen, YYYY-MM-DD (required)"), N_("DATE") },
    { NULL }
  };

  context = g_option_context_new (_("exclude|restore|add|merge|split|list|companies|undo — your own curation"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&o.common, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  if (argc < 2)
    return atlas_cli_fail_message ("%s", _(usage_text));
  action = argv[1];

  if (!g_strv_contains ((const char * const[]) { "exclude", "restore", "add", "merge", "split",
                                                 "list", "companies", "undo", NULL }, action))
    return atlas_cli_fail_message ("%s", _(usage_text));

  store = atlas_cli_common_open_store (&o.common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);

  if (g_str_equal (action, "exclude"))
    return run_exclude (store, &o, argc, argv);
  if (g_str_equal (action, "add"))
    return run_add (store, &o);
  if (g_str_equal (action, "list"))
    return run_list (store, &o);
  if (g_str_equal (action, "companies"))
    return run_companies (store, &o);

  if (g_str_equal (action, "restore"))
    {
      if (argc < 3)
        return atlas_cli_fail_message (_("curate restore: give the id of an excluded record"));
      for (int i = 2; i < argc; i++)
        {
          if (!atlas_curation_restore (store, argv[i], &error))
            return atlas_cli_fail (error);
          printf (_("Restored %s\n"), argv[i]);
        }
      return 0;
    }

  if (g_str_equal (action, "merge"))
    {
      if (argc != 4)
        return atlas_cli_fail_message (_("curate merge: give two names: ALIAS INTO"));
      if (!atlas_curation_merge (store, argv[2], argv[3], &error))
        return atlas_cli_fail (error);
      printf (_("Merged “%s” into “%s”\n"), argv[2], argv[3]);
      return 0;
    }

  if (g_str_equal (action, "split"))
    {
      if (argc != 3)
        return atlas_cli_fail_message (_("curate split: give the name of a merged company"));
      if (!atlas_curation_split (store, argv[2], &error))
        return atlas_cli_fail (error);
      printf (_("“%s” counts on its own again\n"), argv[2]);
      return 0;
    }

  /* undo */
  {
    g_autofree char *description = NULL;
    g_autofree char *shown = NULL;

    if (!atlas_curation_undo (store, &description, &error))
      return atlas_cli_fail (error);
    shown = printable (description);
    printf (_("Undone: %s\n"), shown);
    return 0;
  }
}
