/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-region-card.c: the overview's card of one region. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-money.h"
#include "atlas-region-card.h"

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css_class, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  gtk_box_append (box, label);

  return label;
}

/* What a region card shows; its labels are changed in place when a new
 * result has other figures for the region, and left alone (their text
 * keeps its shaped layout) when the figures are the same. */
struct _AtlasRegionCard
{
  char     *region;
  GtkWidget *card;         /* borrowed: the flow box owns it */
  GtkLabel *name;
  GtkLabel *amount;
  GtkLabel *statistic;
  GtkLabel *iqr;           /* NULL without quartiles */
  GtkLabel *n;
  GtkLabel *warning;       /* NULL without a small sample */
  char     *accessible;
};

void
atlas_region_card_free (AtlasRegionCard *card)
{
  g_free (card->region);
  g_free (card->accessible);
  g_free (card);
}

typedef struct
{
  const char *name;
  char       *amount;
  const char *statistic;
  char       *iqr;
  char       *n;
  gboolean    small_sample;
  char       *accessible;
} CardText;

static void
card_text_clear (CardText *text)
{
  g_free (text->amount);
  g_free (text->iqr);
  g_free (text->n);
  g_free (text->accessible);
}

static void
card_text_init (CardText         *text,
                const AtlasGroup *group)
{
  const char *name = atlas_money_country_name (group->region);
  gboolean has_median = !isnan (group->summary.median);
  double value = has_median ? group->summary.median : group->summary.mean;
  g_autofree char *n = atlas_money_group_digits (group->summary.n, FALSE);

  text->name = name ? name : group->region;
  text->amount = atlas_money_format (value, group->currency, ATLAS_MONEY_FULL);
  text->statistic = has_median ? _("median a year") : _("mean a year");
  text->iqr = NULL;
  if (!isnan (group->summary.p25) && !isnan (group->summary.p75))
    {
      g_autofree char *p25 = atlas_money_format (group->summary.p25, group->currency, ATLAS_MONEY_SHORT);
      g_autofree char *p75 = atlas_money_format (group->summary.p75, group->currency, ATLAS_MONEY_SHORT);

      /* Translators: the interquartile range, "Middle half: $110K–$180K" */
      text->iqr = g_strdup_printf (_("Middle half: %s–%s"), p25, p75);
    }
  if (group->origin == ATLAS_GROUP_FROM_FIGURE)
    /* Translators: n of a published figure */
    text->n = g_strdup_printf (_("n = %s · published figure"), n);
  else
    text->n = g_strdup_printf (_("n = %s salaries"), n);
  text->small_sample = group->small_sample;
  /* Translators: what a screen reader says for a region card */
  text->accessible = g_strdup_printf (_("%s: median %s, n = %s"), text->name, text->amount, n);
}

static AtlasRegionCard *
build_card (const CardText *text,
            const char     *region)
{
  AtlasRegionCard *card = g_new0 (AtlasRegionCard, 1);
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));

  card->region = g_strdup (region);
  card->card = GTK_WIDGET (box);
  gtk_widget_add_css_class (card->card, "card");
  gtk_widget_add_css_class (card->card, "region-card");

  card->name = GTK_LABEL (add_label (box, text->name, "heading"));
  card->amount = GTK_LABEL (add_label (box, text->amount, "title-1 numeric"));
  gtk_widget_set_name (GTK_WIDGET (card->amount), "median");
  card->statistic = GTK_LABEL (add_label (box, text->statistic, "caption dim-label"));
  if (text->iqr != NULL)
    card->iqr = GTK_LABEL (add_label (box, text->iqr, NULL));
  card->n = GTK_LABEL (add_label (box, text->n, "dim-label numeric"));
  if (text->small_sample)
    {
      card->warning = GTK_LABEL (add_label (box, _("Small sample: read with care"), "warning caption"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (card->warning),
                                   _("Fewer observations than the small-sample threshold set in Preferences"));
    }
  card->accessible = g_strdup (text->accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  card->accessible, -1);

  return card;
}

static void
set_text_if_changed (GtkLabel   *label,
                     const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* The card of the region with the same labels, updated in place. */
static gboolean
update_card (AtlasRegionCard *card,
             const CardText  *text)
{
  if ((card->iqr != NULL) != (text->iqr != NULL) ||
      (card->warning != NULL) != text->small_sample)
    return FALSE;

  set_text_if_changed (card->name, text->name);
  set_text_if_changed (card->amount, text->amount);
  set_text_if_changed (card->statistic, text->statistic);
  if (card->iqr != NULL)
    set_text_if_changed (card->iqr, text->iqr);
  set_text_if_changed (card->n, text->n);
  if (g_strcmp0 (card->accessible, text->accessible) != 0)
    {
      g_free (card->accessible);
      card->accessible = g_strdup (text->accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (card->card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      card->accessible, -1);
    }

  return TRUE;
}

AtlasRegionCard *
atlas_region_card_new (const AtlasGroup *group)
{
  CardText text;
  AtlasRegionCard *card;

  card_text_init (&text, group);
  card = build_card (&text, group->region);
  card_text_clear (&text);

  return card;
}

/* FALSE when the card lacks a label the figures need (or has one they do
 * not): the caller makes a new card. */
gboolean
atlas_region_card_update (AtlasRegionCard  *card,
                          const AtlasGroup *group)
{
  CardText text;
  gboolean updated;

  if (g_strcmp0 (card->region, group->region) != 0)
    return FALSE;
  card_text_init (&text, group);
  updated = update_card (card, &text);
  card_text_clear (&text);

  return updated;
}

GtkWidget *
atlas_region_card_get_widget (AtlasRegionCard *card)
{
  return card->card;
}

/* The median (or mean) as the card shows it. */
const char *
atlas_region_card_get_amount (AtlasRegionCard *card)
{
  return gtk_label_get_label (card->amount);
}
