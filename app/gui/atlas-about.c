/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-about.c: the About window, with the data sources and their licences
 * as legal sections (the app ships aggregates of them). */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-about.h"

GtkWindow *
atlas_about_window_new (GtkWindow *parent)
{
  const char *developers[] = { _("The Salary Atlas developers"), NULL };
  GtkWidget *about;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Salary Atlas"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Salary Atlas developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Compare machine-learning pay in the US and India, "
                                      "by company and by experience. Every figure names its "
                                      "source, date and licence."),
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_BUGREPORT,
                        /* Translators: the copyright line of the About window */
                        "copyright", _("© 2025–2026 The Salary Atlas developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "designers", developers,
                        "artists", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("aijobs.net salary survey"),
                                      _("Salary survey by aijobs.net, snapshot of 19 January 2025."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Dedicated to the public domain under CC0 1.0 "
                                        "(<a href=\"https://creativecommons.org/publicdomain/zero/1.0/\">CC0 1.0</a>)."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("US Department of Labor LCA disclosures"),
                                      _("H-1B Labor Condition Application data of the US Department "
                                        "of Labor (OFLC), as republished by h1bdata.info."),
                                      GTK_LICENSE_CUSTOM,
                                      _("The underlying facts are US government data in the public "
                                        "domain; the republished compilations carry no licence, so "
                                        "only aggregates with their citation are shipped."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Glassdoor India software salaries 2022"),
                                      _("Salary reports collated from Glassdoor India (July 2022)."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Licence unclear: only aggregates with their citation are shipped."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("World Bank World Development Indicators"),
                                      _("Official exchange rates (PA.NUS.FCRF) and PPP conversion "
                                        "factors for private consumption (PA.NUS.PRVT.PP)."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Licensed under "
                                        "<a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>."));
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Data"),
                                                (const char *[]) {
                                                  "aijobs.net https://aijobs.net/salaries/",
                                                  "h1bdata.info https://h1bdata.info/",
                                                  "World Bank https://data.worldbank.org/",
                                                  NULL });

  return GTK_WINDOW (about);
}
