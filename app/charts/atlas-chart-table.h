/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-table.h: the aggregated table behind a chart — one line per
 * group (box, bar or point) of the result the chart draws — written as CSV
 * or JSON. The window's Export Records… and `salary-atlas export --format
 * csv|json` write it from the same AtlasChartRequest, so the file holds the
 * figures the chart, its table and `stats` show for that filter. */
#pragma once

#include <gio/gio.h>

#include "atlas-chart-request.h"
#include "atlas-records.h"

G_BEGIN_DECLS

/* Runs the queries of @request that have no result yet on @store (NULL:
 * every result must be there), then writes the table of its drawn result to
 * @out, with the chart, the filter in words, the currency mode and the
 * small-sample threshold in the file (a column each in CSV, members in
 * JSON). Returns the number of lines (groups) written, or -1. */
gint64 atlas_chart_table_write (AtlasChartRequest  *request,
                                AtlasStore         *store,
                                AtlasRecordsFormat  format,
                                GOutputStream      *out,
                                GCancellable       *cancellable,
                                GError            **error);

G_END_DECLS
