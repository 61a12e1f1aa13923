/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-mark-menu.h: what activating a chart's mark (a click, Enter or
 * Space on it) offers, in a menu at the mark: the records behind it (the
 * Records page filtered to exactly them, as many as the mark's n) and
 * narrowing the filter to it. The actions are "mark.records" and
 * "mark.narrow" on the chart view, for the mark the menu was last opened
 * for. */
#pragma once

#include "atlas-chart-view.h"
#include "atlas-session.h"

G_BEGIN_DECLS

void atlas_mark_menu_popup (AtlasChartView *view,
                            AtlasSession   *session,
                            guint           index);

G_END_DECLS
