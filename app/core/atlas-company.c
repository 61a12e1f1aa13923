/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-company.c: employer names to stable keys and presentable names.
 *
 * The same employer is spelled many ways across sources: the H-1B files
 * upper-case it and strip punctuation ("AMAZONCOM SERVICES INC"), another
 * lower-cases it ("google inc"), Glassdoor writes the brand ("Amazon").  A key
 * is made by folding case and accents, dropping punctuation and legal-form
 * words at the end, and then looking the result up in the curated alias
 * table data/company-aliases.tsv (a resource).  The table is deliberately short: it names large employers that the data
 * compares (US H-1B sponsors and Indian IT services firms), and anything it
 * does not know keeps its own key rather than being guessed at. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "atlas-company.h"
#include "data/atlas-core-resources.h"

/* Words dropped from the end of a name, repeatedly: legal forms and
 * qualifiers that do not tell two employers apart. */
static const char * const trailing_words[] = {
  "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "pvt", "private",
  "corp", "corporation", "co", "company", "plc", "gmbh", "ag", "sa", "bv", "nv",
  "pllc", "pc", "pte", "srl", "sas", "pty", "services", "service", "corporate",
  "usa", "us", "america", "americas", "india",
};

/* Legal forms only: these are also dropped from display names. */
static const char * const legal_forms[] = {
  "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "pvt", "private",
  "corp", "corporation", "co", "plc", "gmbh", "ag", "sa", "bv", "nv", "pllc",
  "pc", "pte", "srl", "sas", "pty",
};

/* Placeholders found in employer columns that are not employers. */
static const char * const not_employers[] = {
  "fresher", "freshers", "confidential", "self employed", "self", "freelance",
  "freelancer", "na", "n a", "none", "unknown", "various", "student", "not applicable",
  "undisclosed", "anonymous", "private",
};

/* The curated identity table, data/company-aliases.tsv: canonical
 * companies (key -> display name), aliases (folded name -> key) and brand
 * first words. */
typedef struct
{
  GHashTable *canonical;
  GHashTable *aliases;
  GHashTable *brands;
} AliasTable;

#define ALIASES_RESOURCE "/org/salaryatlas/SalaryAtlas/data/company-aliases.tsv"

static gboolean
alias_table_parse (AliasTable  *table,
                   const char  *data,
                   gsize        len,
                   GError     **error)
{
  g_autofree char *text = g_strndup (data, len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      guint n;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      n = g_strv_length (f);
      if (n == 3 && g_str_equal (f[0], "company"))
        g_hash_table_insert (table->canonical, g_strdup (f[1]), g_strdup (f[2]));
      else if (n == 3 && g_str_equal (f[0], "alias"))
        g_hash_table_insert (table->aliases, g_strdup (f[1]), g_strdup (f[2]));
      else if (n == 2 && g_str_equal (f[0], "brand"))
        g_hash_table_add (table->brands, g_strdup (f[1]));
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "company-aliases.tsv:%u: not “company KEY NAME”, “alias NAME KEY” "
                       "or “brand WORD”", i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

static const AliasTable *
alias_table_get (void)
{
  static AliasTable *table;

  if (g_once_init_enter (&table))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      AliasTable *loaded = g_new0 (AliasTable, 1);
      gsize len;
      const char *data;

      loaded->canonical = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      loaded->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      loaded->brands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      bytes = g_resource_lookup_data (atlas_core_get_resource (), ALIASES_RESOURCE, 0, &error);
      if (bytes == NULL)
        g_error ("The company alias table is missing from the build: %s", error->message);
      data = g_bytes_get_data (bytes, &len);
      if (!alias_table_parse (loaded, data, len, &error))
        g_error ("The bundled company alias table is broken: %s", error->message);

      g_once_init_leave (&table, loaded);
    }

  return table;
}

static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *word)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (list[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* Folds @raw into lower-case ASCII-ish words: accents dropped, apostrophes and
 * dots joined ("BYJU’S" -> "byjus", "amazon.com" -> "amazoncom"), '&' and other
 * punctuation become word breaks. */
static GPtrArray *
fold_words (const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  g_autofree char *nfkd = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) word = g_string_new (NULL);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  if (nfkd == NULL)
    return words;

  for (const char *p = nfkd; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_ismark (c))
        continue;

      if (c != 0 && (c == '.' || c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x00B4))
        continue;

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }

      if (word->len > 0)
        {
          if (strcmp (word->str, "and") != 0)
            g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  /* "The Boston Consulting Group" and "Boston Consulting Group" meet. */
  if (words->len > 1 && strcmp (g_ptr_array_index (words, 0), "the") == 0)
    g_ptr_array_remove_index (words, 0);

  return words;
}

static char *
join_words (GPtrArray *words)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, g_ptr_array_index (words, i));
    }

  return g_string_free (s, FALSE);
}

/* The key a folded name stands for: an alias, or a canonical key
 * followed by "com" ("salesforcecom", "amazoncom"); NULL otherwise. */
static const char *
find_alias (const char *folded)
{
  const AliasTable *table = alias_table_get ();
  const char *key = g_hash_table_lookup (table->aliases, folded);
  gsize len = strlen (folded);

  if (key != NULL)
    return key;

  if (len > 3 && g_str_has_suffix (folded, "com"))
    {
      g_autofree char *stem = g_strndup (folded, len - 3);
      gpointer canonical_key;

      if (g_hash_table_lookup_extended (table->canonical, stem, &canonical_key, NULL))
        return canonical_key;
    }

  return NULL;
}

char *
atlas_company_normalise_key (const char *raw_name)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *full = NULL;
  g_autofree char *joined = NULL;
  const char *key;

  if (raw_name == NULL)
    return NULL;

  words = fold_words (raw_name);
  if (words->len == 0)
    return NULL;

  full = join_words (words);
  if (in_list (not_employers, G_N_ELEMENTS (not_employers), full) ||
      g_str_has_prefix (full, "i am a fresher") ||
      g_str_has_prefix (full, "im a fresher") ||
      g_str_has_prefix (full, "iam a fresher"))
    return NULL;

  /* Aliases may be spelled with the words that are dropped below. */
  if ((key = find_alias (full)) != NULL)
    return g_strdup (key);

  /* "Bank of America" and "Bank of India" keep their last word. */
  while (words->len > 1 &&
         in_list (trailing_words, G_N_ELEMENTS (trailing_words),
                  g_ptr_array_index (words, words->len - 1)) &&
         strcmp (g_ptr_array_index (words, words->len - 2), "of") != 0)
    g_ptr_array_remove_index (words, words->len - 1);

  joined = join_words (words);

  if ((key = find_alias (joined)) != NULL)
    return g_strdup (key);

  if (g_hash_table_contains (alias_table_get ()->brands, g_ptr_array_index (words, 0)))
    {
      const char *first = g_ptr_array_index (words, 0);

      if ((key = find_alias (first)) != NULL)
        return g_strdup (key);
      return g_strdup (first);
    }

  return g_steal_pointer (&joined);
}

static gboolean
has_vowel (const char *word)
{
  return strpbrk (word, "aeiouyAEIOUY") != NULL;
}

/* Title-cases one word of an all-upper or all-lower name; short words
 * without vowels are taken for acronyms ("KPMG", "HCL"). */
static void
append_proper_word (GString    *out,
                    const char *word,
                    gboolean    first)
{
  static const char * const small_words[] = { "of", "and", "the", "for", "in", "at", "on", "de" };
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gsize n_chars = g_utf8_strlen (word, -1);

  if (!first && in_list (small_words, G_N_ELEMENTS (small_words), lower))
    {
      g_string_append (out, lower);
      return;
    }

  if (n_chars <= 4 && !has_vowel (lower) && g_utf8_strlen (lower, -1) > 1)
    {
      g_autofree char *upper = g_utf8_strup (word, -1);
      g_string_append (out, upper);
      return;
    }

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Upper-case the first letter and any letter after a hyphen. */
      if (p == lower || p[-1] == '-' || p[-1] == '(' || p[-1] == '/')
        c = g_unichar_totitle (c);
      g_string_append_unichar (out, c);
    }
}

char *
atlas_company_display_name (const char *raw_name)
{
  g_autofree char *key = NULL;
  g_autofree char *valid = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = NULL;
  const char *known;
  gboolean has_upper = FALSE;
  gboolean has_lower = FALSE;
  guint n;

  if (raw_name == NULL)
    return NULL;

  key = atlas_company_normalise_key (raw_name);
  if (key != NULL && (known = g_hash_table_lookup (alias_table_get ()->canonical, key)) != NULL)
    return g_strdup (known);

  valid = g_utf8_make_valid (raw_name, -1);
  g_strstrip (valid);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      has_upper |= g_unichar_isupper (c);
      has_lower |= g_unichar_islower (c);
    }

  words = g_strsplit_set (valid, " \t", -1);
  n = g_strv_length (words);

  /* Drop legal forms at the end ("Microsoft Corporation" keeps its
   * "Corporation" only in the alias table, not on screen). */
  while (n > 1)
    {
      g_autofree char *w = g_utf8_strdown (words[n - 1], -1);
      gsize wl;

      /* "Ltd." and "Inc," count as well. */
      g_strdelimit (w, ".,", ' ');
      g_strstrip (w);
      wl = strlen (w);
      if (wl == 0 || in_list (legal_forms, G_N_ELEMENTS (legal_forms), w))
        {
          g_clear_pointer (&words[n - 1], g_free);
          n--;
        }
      else
        break;
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (has_upper && has_lower)
        g_string_append (out, words[i]);
      else
        append_proper_word (out, words[i], out->len == 0);
    }

  /* A trailing comma left by a dropped legal form ("Foo, Inc."). */
  while (out->len > 0 && (out->str[out->len - 1] == ',' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);

  if (out->len == 0)
    return g_strdup (valid);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
