/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-accessible.c: one accessible name per button. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <adwaita.h>

#include "atlas-accessible.h"

char *
atlas_accessible_strip_mnemonic (const char *label)
{
  GString *out;

  g_return_val_if_fail (label != NULL, NULL);

  out = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The mnemonic label of @button, or NULL. */
static const char *
button_mnemonic_label (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  /* AdwButtonContent names the button through its label alone. */
  if (ADW_IS_BUTTON_CONTENT (child))
    return NULL;

  if (gtk_button_get_use_underline (button))
    return gtk_button_get_label (button);

  return NULL;
}

void
atlas_accessible_fix_mnemonics (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    {
      const char *label = button_mnemonic_label (GTK_BUTTON (root));

      if (label != NULL && *label != '\0')
        {
          g_autofree char *name = atlas_accessible_strip_mnemonic (label);

          /* The name comes from the label property alone: the relation to
           * the label widget would add its text a second time. */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    atlas_accessible_fix_mnemonics (child);
}
