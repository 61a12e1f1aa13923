/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-roles.c: the role-family rules table and title classification. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "atlas-roles.h"
#include "data/atlas-core-resources.h"

#define ROLES_RESOURCE "/org/salaryatlas/SalaryAtlas/data/role-families.tsv"
#define OTHER_FAMILY "Other"

typedef struct
{
  const char *family;   /* interned */
  char       *pattern;  /* case-folded */
} Rule;

struct _AtlasRoles
{
  GArray    *rules;     /* Rule */
  GPtrArray *families;  /* interned strings, NULL-terminated */
};

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_free (rule->pattern);
}

static void
atlas_roles_add_family (AtlasRoles *self,
                        const char *family)
{
  /* The array is NULL-terminated: search and insert before the terminator. */
  for (guint i = 0; i + 1 < self->families->len; i++)
    if (g_ptr_array_index (self->families, i) == family)
      return;

  g_ptr_array_insert (self->families, self->families->len - 1, (gpointer) family);
}

AtlasRoles *
atlas_roles_new_from_data (const char  *data,
                           gsize        len,
                           GError     **error)
{
  g_autoptr(AtlasRoles) self = g_new0 (AtlasRoles, 1);
  g_autofree char *text = g_strndup (data, len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  self->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_array_set_clear_func (self->rules, rule_clear);
  self->families = g_ptr_array_new ();
  g_ptr_array_add (self->families, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *tab;
      Rule rule;

      if (*line == '\0' || *line == '#')
        continue;

      if (*line == '=')
        {
          atlas_roles_add_family (self, g_intern_string (g_strstrip (line + 1)));
          continue;
        }

      tab = strchr (line, '\t');
      if (tab == NULL || tab == line || tab[1] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Role rules, line %u: expected “FAMILY<tab>pattern”"), i + 1);
          return NULL;
        }

      *tab = '\0';
      rule.family = g_intern_string (g_strstrip (line));
      rule.pattern = g_utf8_casefold (g_strstrip (tab + 1), -1);
      g_array_append_val (self->rules, rule);
      atlas_roles_add_family (self, rule.family);
    }

  atlas_roles_add_family (self, g_intern_static_string (OTHER_FAMILY));

  return g_steal_pointer (&self);
}

AtlasRoles *
atlas_roles_get_default (void)
{
  static AtlasRoles *roles;

  if (g_once_init_enter (&roles))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      AtlasRoles *loaded;
      gsize len;
      const char *data;

      bytes = g_resource_lookup_data (atlas_core_get_resource (), ROLES_RESOURCE, 0, &error);
      if (bytes == NULL)
        g_error ("The role rules are missing from the build: %s", error->message);

      data = g_bytes_get_data (bytes, &len);
      loaded = atlas_roles_new_from_data (data, len, &error);
      if (loaded == NULL)
        g_error ("The bundled role rules are broken: %s", error->message);

      g_once_init_leave (&roles, loaded);
    }

  return roles;
}

void
atlas_roles_free (AtlasRoles *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->families, g_ptr_array_unref);
  g_free (self);
}

static gboolean
is_word_char (char c)
{
  /* Bytes of multi-byte UTF-8 sequences count as word characters. */
  return g_ascii_isalnum (c) || (c & 0x80) != 0;
}

static gboolean
contains_word (const char *haystack,
               const char *needle)
{
  gsize needle_len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gboolean start_ok = p == haystack || !is_word_char (p[-1]);
      gboolean end_ok = !is_word_char (p[needle_len]);

      if (start_ok && end_ok)
        return TRUE;
    }

  return FALSE;
}

const char *
atlas_roles_classify (AtlasRoles *self,
                      const char *title)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, OTHER_FAMILY);

  if (title == NULL || *title == '\0')
    return OTHER_FAMILY;

  folded = g_utf8_casefold (title, -1);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, i);

      if (contains_word (folded, rule->pattern))
        return rule->family;
    }

  return OTHER_FAMILY;
}

const char * const *
atlas_roles_list_families (AtlasRoles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->families->pdata;
}
