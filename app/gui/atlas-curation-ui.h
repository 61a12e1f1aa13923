/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-ui.h: the window's curation actions — exclude,
 * restore, undo — run as query-pool jobs (atlas-records-async.h); when one
 * is done the session queries everything again (every chart and page
 * follows) and a toast says what happened, with Undo. The Records page,
 * a record's detail and the Curated dialog share them. */
#pragma once

#include <gtk/gtk.h>

#include "atlas-curation.h"
#include "atlas-records.h"
#include "atlas-session.h"

G_BEGIN_DECLS

/* The exclusion reasons as menu items that activate @action with the
 * reason's name ("outlier") as a string target. */
GMenuModel *atlas_curation_ui_reason_menu      (const char              *action);

/* @widget is any widget of the main window or of a dialog of it: the toast
 * goes to the main window's toast overlay. */
void        atlas_curation_ui_exclude         (GtkWidget               *widget,
                                               AtlasSession            *session,
                                               const char              *uid,
                                               AtlasExclusionReason     reason);
void        atlas_curation_ui_restore         (GtkWidget               *widget,
                                               AtlasSession            *session,
                                               const char              *uid);
void        atlas_curation_ui_undo            (GtkWidget               *widget,
                                               AtlasSession            *session);
void        atlas_curation_ui_split           (GtkWidget               *widget,
                                               AtlasSession            *session,
                                               const char              *name);
/* Merges the companies @keys into @into_name as one action. */
void        atlas_curation_ui_merge           (GtkWidget               *widget,
                                               AtlasSession            *session,
                                               const char * const      *keys,
                                               const char              *into_name);
/* Asks whether to exclude the @n records @query shows (with a reason),
 * then excludes them as one action. */
void        atlas_curation_ui_exclude_query (GtkWidget               *widget,
                                                  AtlasSession            *session,
                                                  const AtlasRecordsQuery *query,
                                                  gint64                   n);
/* After an action another file ran (adding a figure): the session
 * queries everything again and a toast says @message, with Undo. With a
 * NULL @session, @message is an error: a toast without Undo. */
void        atlas_curation_ui_changed         (GtkWidget               *widget,
                                               AtlasSession            *session,
                                               const char              *message);
/* The last toast's text (for tests). */
const char *atlas_curation_ui_get_last_message (void);

G_END_DECLS
