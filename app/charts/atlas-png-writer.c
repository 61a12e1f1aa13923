/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-png-writer.c: opaque PNGs through libpng at a fast compression level. */

#include <png.h>
#include <setjmp.h>

#include "atlas-png-writer.h"

typedef struct
{
  cairo_write_func_t write_func;
  void              *closure;
  cairo_status_t     status;
} PngSink;

static void
png_write_cb (png_structp  png,
              png_bytep    data,
              png_size_t   len)
{
  PngSink *sink = png_get_io_ptr (png);

  if (sink->status == CAIRO_STATUS_SUCCESS)
    sink->status = sink->write_func (sink->closure, data, len);
  if (sink->status != CAIRO_STATUS_SUCCESS)
    png_error (png, "write failed");
}

static void
png_flush_cb (png_structp png)
{
}

cairo_status_t
atlas_png_write_rgb24 (cairo_surface_t    *surface,
                       cairo_write_func_t  write_func,
                       void               *closure)
{
  PngSink sink = { write_func, closure, CAIRO_STATUS_SUCCESS };
  png_structp png;
  png_infop info;
  unsigned char *data;
  int width, height, stride;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24,
                        CAIRO_STATUS_INVALID_FORMAT);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  if (png == NULL)
    return CAIRO_STATUS_NO_MEMORY;
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return CAIRO_STATUS_NO_MEMORY;
    }

  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      return sink.status != CAIRO_STATUS_SUCCESS ? sink.status : CAIRO_STATUS_WRITE_ERROR;
    }

  png_set_write_fn (png, &sink, png_write_cb, png_flush_cb);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  /* Flat areas compress well with the cheap "up" filter and a fast level. */
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_set_compression_level (png, 3);
  png_write_info (png, info);

  /* cairo keeps each pixel as a native-endian 32-bit xRGB word. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  png_set_bgr (png);
  png_set_filler (png, 0, PNG_FILLER_AFTER);
#else
  png_set_filler (png, 0, PNG_FILLER_BEFORE);
#endif

  for (int y = 0; y < height; y++)
    png_write_row (png, data + (gsize) y * stride);

  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  return sink.status;
}
