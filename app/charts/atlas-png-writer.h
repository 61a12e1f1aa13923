/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-png-writer.h: writes an opaque cairo image surface as PNG, faster
 * than cairo's own writer (which always uses zlib's default level). */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes @surface (CAIRO_FORMAT_RGB24) through @write_func, as cairo's
 * cairo_surface_write_to_png_stream() does. Charts are flat colours, for
 * which a fast zlib level costs little size. */
cairo_status_t atlas_png_write_rgb24 (cairo_surface_t    *surface,
                                      cairo_write_func_t  write_func,
                                      void               *closure);

G_END_DECLS
