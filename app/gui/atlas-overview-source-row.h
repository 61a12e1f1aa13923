/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-overview-source-row.h: a row of the overview's sources list. */
#pragma once

#include <adwaita.h>

#include "atlas-catalog.h"

G_BEGIN_DECLS

GtkWidget *atlas_overview_source_row_new (const AtlasCatalogSource *source);

G_END_DECLS
