/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-company.c: employer names to keys and display names. */

#include "config.h"

#include "atlas-company.h"

static void
assert_same_company (const char * const *names)
{
  g_autofree char *first = atlas_company_normalise_key (names[0]);

  g_assert_nonnull (first);
  for (guint i = 1; names[i] != NULL; i++)
    {
      g_autofree char *key = atlas_company_normalise_key (names[i]);

      if (g_strcmp0 (first, key) != 0)
        g_error ("“%s” -> “%s” but “%s” -> “%s”", names[0], first, names[i], key);
    }
}

static void
assert_different (const char *a,
                  const char *b)
{
  g_autofree char *ka = atlas_company_normalise_key (a);
  g_autofree char *kb = atlas_company_normalise_key (b);

  g_assert_nonnull (ka);
  g_assert_nonnull (kb);
  if (g_strcmp0 (ka, kb) == 0)
    g_error ("“%s” and “%s” both became “%s”", a, b, ka);
}

static void
assert_display (const char *raw,
                const char *expected)
{
  g_autofree char *display = atlas_company_display_name (raw);

  g_assert_cmpstr (display, ==, expected);
}

static void
test_amazon (void)
{
  /* The spellings of ../shared/data: H-1B upper case without punctuation,
   * another H-1B file in lower case, Glassdoor's brand. */
  const char * const names[] = {
    "AMAZONCOM SERVICES INC", "amazon corporate llc", "Amazon", "Amazon.com Services LLC",
    "AMAZON WEB SERVICES INC", "Amazon Development Centre India", NULL,
  };

  assert_same_company (names);
  assert_display ("AMAZONCOM SERVICES INC", "Amazon");
  assert_display ("amazon corporate llc", "Amazon");
}

static void
test_indian_it_services (void)
{
  const char * const tcs[] = {
    "Tata Consultancy Services", "TCS", "TATA CONSULTANCY SERVICES LIMITED",
    "Tata Consultancy Services Ltd.", NULL,
  };
  const char * const infosys[] = { "Infosys Limited", "Infosys", "INFOSYS LTD", "infosys bpm", NULL };
  const char * const cognizant[] = {
    "Cognizant Technology Solutions", "Cognizant", "COGNIZANT TECHNOLOGY SOLUTIONS US CORP",
    NULL,
  };
  const char * const accenture[] = { "Accenture", "ACCENTURE LLP", "Accenture Solutions Pvt Ltd", NULL };

  assert_same_company (tcs);
  assert_same_company (infosys);
  assert_same_company (cognizant);
  assert_same_company (accenture);

  assert_display ("TCS", "Tata Consultancy Services");
  assert_display ("Infosys Limited", "Infosys");
  assert_display ("COGNIZANT TECHNOLOGY SOLUTIONS US CORP", "Cognizant");
  assert_display ("ACCENTURE LLP", "Accenture");
}

static void
test_us_tech (void)
{
  const char * const google[] = { "GOOGLE INC", "Google LLC", "google inc", "Google", NULL };
  const char * const microsoft[] = { "microsoft corporation", "MICROSOFT CORPORATION", "Microsoft", NULL };
  const char * const meta[] = { "FACEBOOK INC", "Meta Platforms, Inc.", "Facebook", NULL };

  assert_same_company (google);
  assert_same_company (microsoft);
  assert_same_company (meta);
  assert_display ("GOOGLE INC", "Google");
  assert_display ("microsoft corporation", "Microsoft");
}

static void
test_not_employers (void)
{
  const char * const placeholders[] = {
    "Fresher", "FRESHERS", "", "   ", "-", "Confidential", "N/A", "I am a fresher",
    "Im a fresher stop asking me", "Anonymous", NULL,
  };

  for (guint i = 0; placeholders[i] != NULL; i++)
    {
      g_autofree char *key = atlas_company_normalise_key (placeholders[i]);

      if (key != NULL)
        g_error ("“%s” became the employer “%s”", placeholders[i], key);
    }

  g_assert_null (atlas_company_normalise_key (NULL));
}

static void
test_kept_apart (void)
{
  assert_different ("Tata Consultancy Services", "Tata Motors");
  assert_different ("Bank of America", "Bank of India");
  assert_different ("Amazon", "Amazing Co");
  assert_different ("Infosys", "Infostretch");
  assert_different ("Google", "Goldman Sachs");
}

static void
test_bank_of_keeps_country (void)
{
  g_autofree char *key = atlas_company_normalise_key ("Bank of America Corporation");

  g_assert_cmpstr (key, ==, "bank of america");
}

static void
test_punctuation_and_accents (void)
{
  const char * const byjus[] = { "BYJU\xE2\x80\x99S", "Byju's", "BYJUS", NULL };
  const char * const lakme[] = { "Lakm\xC3\xA9", "LAKME", "Lakme Lever Pvt Ltd", NULL };
  const char * const jj[] = { "Johnson & Johnson", "Johnson and Johnson", "JOHNSON  JOHNSON", NULL };
  g_autofree char *key = atlas_company_normalise_key ("Rus\xC3\xA9 Home");

  assert_same_company (byjus);
  assert_same_company (jj);
  g_assert_cmpstr (key, ==, "ruse home");

  /* "Lakme Lever" is a different legal entity from the brand "Lakmé". */
  {
    const char * const brand[] = { lakme[0], lakme[1], NULL };
    assert_same_company (brand);
  }
}

static void
test_display_names (void)
{
  /* Mixed case is kept as the source wrote it; all-upper or all-lower
   * names get proper case (short ones without vowels stay acronyms); legal
   * forms are dropped. */
  assert_display ("baker tilly virchow krause llp", "Baker Tilly Virchow Krause");
  assert_display ("BYJU\xE2\x80\x99S", "Byju\xE2\x80\x99s");   /* all caps is not a cue */
  assert_display ("Byju\xE2\x80\x99s Think and Learn", "Byju\xE2\x80\x99s Think and Learn");
  assert_display ("Lakm\xC3\xA9", "Lakm\xC3\xA9");
  assert_display ("KPMG LLP", "KPMG");
  assert_display ("BANK OF AMERICA CORPORATION", "Bank of America");
  assert_display ("Sasken Technologies Ltd.", "Sasken Technologies");
  assert_display ("Foo Bar, Inc.", "Foo Bar");
}

/* Rule: a canonical key followed by "com" is that company (the H-1B
 * files write Salesforce.com as "SALESFORCECOM INC"); only for companies
 * the table names, so other names ending in "com" keep it. */
static void
test_com_suffix (void)
{
  const char * const salesforce[] = {
    "Salesforce", "salesforce", "SALESFORCECOM INC", "salesforcecom inc", "Salesforce.com, Inc.",
    "Salesforce India Pvt Ltd", NULL,
  };

  assert_same_company (salesforce);
  assert_display ("SALESFORCECOM INC", "Salesforce");
  assert_different ("Bharti Telecom", "Bharti");
  assert_different ("Qualcomm", "Qualco");
  {
    g_autofree char *key = atlas_company_normalise_key ("Reliance Telecom Ltd");
    g_assert_cmpstr (key, ==, "reliance telecom");
  }
}

/* Rule: "Systems" and "International" are part of a name unless the table
 * has an alias line for it. */
static void
test_systems_international_only_by_table (void)
{
  const char * const adobe[] = {
    "Adobe", "ADOBE SYSTEMS INCORPORATED", "adobe systems incorporated", "ADOBE INC", "adobe",
    NULL,
  };
  const char * const mastercard[] = {
    "Mastercard", "MasterCard", "MASTERCARD INTERNATIONAL INCORPORATED", NULL,
  };

  assert_same_company (adobe);
  assert_same_company (mastercard);
  assert_display ("ADOBE SYSTEMS INCORPORATED", "Adobe");
  assert_display ("MasterCard", "Mastercard");
  /* Not in the table: kept apart. */
  assert_different ("Cisco Systems", "Cisco");
  assert_different ("Visa International", "Visa");
}

/* Rule: legal forms and "USA", "(US)", "India", "Private Limited" at the
 * end do not tell employers apart. */
static void
test_country_and_legal_suffixes (void)
{
  const char * const adobe[] = {
    "Adobe", "Adobe (US)", "Adobe USA", "Adobe Systems India Pvt Ltd", "Adobe India Private Limited",
    NULL,
  };
  const char * const cognizant[] = { "Cognizant", "Cognizant Technology Solutions India Pvt. Ltd.", NULL };

  assert_same_company (adobe);
  assert_same_company (cognizant);
}

/* Rule: a company is matched exactly, never by a substring of its name. */
static void
test_dice_is_not_windice (void)
{
  assert_different ("Dice", "Windice OPC");
  assert_different ("Dice", "DICE IT SOLUTIONS LLC");
  {
    const char * const dice[] = { "Dice", "DICE", "Dice Holdings Inc", "DHI Group, Inc.", NULL };
    assert_same_company (dice);
  }
}

/* Every line of the curated table does what it says. */
static void
test_alias_table_lines (void)
{
  const char *root = g_getenv ("ATLAS_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rules = 0;

  if (root == NULL)
    {
      g_test_skip ("ATLAS_SOURCE_ROOT is not set");
      return;
    }
  path = g_build_filename (root, "data", "company-aliases.tsv", NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      n_rules++;
      if (g_str_equal (f[0], "company"))
        {
          g_autofree char *key = atlas_company_normalise_key (f[2]);

          /* The display name is a spelling of the company. */
          if (g_strcmp0 (key, f[1]) != 0)
            g_error ("line %u: “%s” -> “%s”, not “%s”", i + 1, f[2], key, f[1]);
          assert_display (f[1], f[2]);
        }
      else if (g_str_equal (f[0], "alias"))
        {
          g_autofree char *key = atlas_company_normalise_key (f[1]);

          if (g_strcmp0 (key, f[2]) != 0)
            g_error ("line %u: “%s” -> “%s”, not “%s”", i + 1, f[1], key, f[2]);
        }
      else
        {
          /* A brand's first word settles the employer. */
          g_autofree char *alone = atlas_company_normalise_key (f[1]);
          g_autofree char *name = g_strconcat (f[1], " cloud solutions", NULL);
          g_autofree char *longer = atlas_company_normalise_key (name);

          g_assert_cmpstr (f[0], ==, "brand");
          g_assert_cmpstr (alone, ==, longer);
        }
    }
  g_assert_cmpuint (n_rules, >, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/company/amazon", test_amazon);
  g_test_add_func ("/atlas/company/indian-it-services", test_indian_it_services);
  g_test_add_func ("/atlas/company/us-tech", test_us_tech);
  g_test_add_func ("/atlas/company/not-employers", test_not_employers);
  g_test_add_func ("/atlas/company/kept-apart", test_kept_apart);
  g_test_add_func ("/atlas/company/bank-of", test_bank_of_keeps_country);
  g_test_add_func ("/atlas/company/punctuation-accents", test_punctuation_and_accents);
  g_test_add_func ("/atlas/company/display-names", test_display_names);
  g_test_add_func ("/atlas/company/com-suffix", test_com_suffix);
  g_test_add_func ("/atlas/company/systems-international", test_systems_international_only_by_table);
  g_test_add_func ("/atlas/company/country-legal-suffixes", test_country_and_legal_suffixes);
  g_test_add_func ("/atlas/company/dice-not-windice", test_dice_is_not_windice);
  g_test_add_func ("/atlas/company/alias-table-lines", test_alias_table_lines);

  return g_test_run ();
}
