/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-export.c: PNG, SVG and PDF files, written to a temporary file
 * in the target folder and renamed into place, so that a failed export never
 * leaves a partial file. */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "atlas-chart-private.h"
#include "atlas-png-writer.h"

/* cairo's image surfaces are limited to 32767 pixels a side. */
#define MAX_PIXELS 32767

static const cairo_user_data_key_t pixels_key;

static const char * const format_names[] = { "png", "svg", "pdf" };

const char *
atlas_chart_format_to_string (AtlasChartFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

gboolean
atlas_chart_format_from_string (const char       *str,
                                AtlasChartFormat *format)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (str, format_names[i]) == 0)
      {
        if (format != NULL)
          *format = (AtlasChartFormat) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
atlas_chart_format_from_path (const char       *path,
                              AtlasChartFormat *format)
{
  g_autofree char *base = NULL;
  const char *dot;

  if (path == NULL)
    return FALSE;
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  return dot != NULL && atlas_chart_format_from_string (dot + 1, format);
}

typedef struct
{
  int    fd;
  int    saved_errno;
} FdWriter;

static cairo_status_t
write_fd_cb (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  FdWriter *w = closure;

  while (length > 0)
    {
      ssize_t n = write (w->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          w->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_bytes_cb (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t   status,
             const FdWriter  *writer,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  if (status == CAIRO_STATUS_WRITE_ERROR && writer != NULL && writer->saved_errno != 0)
    g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRITE,
                 _("Could not write “%s”: %s"), path, g_strerror (writer->saved_errno));
  else
    g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_RENDER,
                 _("Could not draw the chart for “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
write_all (FdWriter    *writer,
           const void  *data,
           gsize        len,
           const char  *path,
           GError     **error)
{
  const guint8 *p = data;

  /* cairo's callback takes unsigned int lengths; feed it in chunks. */
  while (len > 0)
    {
      unsigned int chunk = (unsigned int) MIN (len, 1u << 30);

      if (write_fd_cb (writer, p, chunk) != CAIRO_STATUS_SUCCESS)
        return check_cairo (CAIRO_STATUS_WRITE_ERROR, writer, path, error);
      p += chunk;
      len -= chunk;
    }
  return TRUE;
}

/* cairo's SVG surface has no API for <title>/<desc>; add them as the first
 * children of the root element, where SVG 1.1 wants them. */
static GByteArray *
svg_with_metadata (GByteArray *svg,
                   const char *title,
                   const char *desc)
{
  g_autofree char *t = g_markup_escape_text (title != NULL ? title : "", -1);
  g_autofree char *d = g_markup_escape_text (desc != NULL ? desc : "", -1);
  g_autofree char *meta = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", t, d);
  const char *data = (const char *) svg->data;
  const char *root = g_strstr_len (data, svg->len, "<svg");
  const char *end = root != NULL ? memchr (root, '>', svg->len - (root - data)) : NULL;
  GByteArray *out;
  gsize head;

  if (end == NULL)
    return g_byte_array_ref (svg);

  head = (gsize) (end - data) + 1;
  out = g_byte_array_sized_new (svg->len + strlen (meta));
  g_byte_array_append (out, svg->data, head);
  g_byte_array_append (out, (const guint8 *) meta, strlen (meta));
  g_byte_array_append (out, svg->data + head, svg->len - head);
  return out;
}

/* cairo names the page's group after the surface's serial number, which
 * counts every cairo surface the process made before ("surface163" in a
 * window that has drawn for a while, "surface1" on the command line). The
 * same chart must be the same file wherever it is exported from, so the
 * group gets a fixed name; nothing refers to it. */
static void
svg_fix_page_id (GByteArray *svg)
{
  static const char prefix[] = "<g id=\"surface";
  const char *data = (const char *) svg->data;
  const char *start = g_strstr_len (data, svg->len, prefix);
  const char *digits;
  const char *end;

  if (start == NULL)
    return;

  digits = start + strlen (prefix);
  for (end = digits; end < data + svg->len && g_ascii_isdigit (*end); end++)
    ;
  if (end == digits || end >= data + svg->len || *end != '"')
    return;

  /* "surface163" → "surface1": the first digit becomes 1, the others go. */
  svg->data[digits - data] = '1';
  g_byte_array_remove_range (svg, (guint) (digits - data) + 1, (guint) (end - digits) - 1);
}

typedef struct
{
  void  *data;
  gsize  size;
} MappedPixels;

static void
mapped_pixels_free (void *data)
{
  MappedPixels *pixels = data;

  munmap (pixels->data, pixels->size);
  g_free (pixels);
}

/* An image surface whose pixels are mapped with MAP_POPULATE: the kernel
 * hands over all the pages (already zeroed) in one call, instead of one page
 * fault per 4 KiB as cairo's malloc'd buffer is first painted — 600 faults
 * for a 1000 × 625 chart, a tenth of an export's CPU time on a virtual
 * machine where a fault costs tens of microseconds.  Falls back to cairo's
 * own buffer. */
static cairo_surface_t *
create_image_surface (cairo_format_t format,
                      int            width,
                      int            height)
{
  int stride = cairo_format_stride_for_width (format, width);
  MappedPixels *pixels;
  cairo_surface_t *surface;
  void *data;
  gsize size;

  if (stride <= 0 || height <= 0)
    return cairo_image_surface_create (format, width, height);

  size = (gsize) stride * (gsize) height;
  data = mmap (NULL, size, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (data == MAP_FAILED)
    return cairo_image_surface_create (format, width, height);

  surface = cairo_image_surface_create_for_data (data, format, width, height, stride);
  pixels = g_new (MappedPixels, 1);
  pixels->data = data;
  pixels->size = size;
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_set_user_data (surface, &pixels_key, pixels, mapped_pixels_free) !=
        CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      mapped_pixels_free (pixels);
      return cairo_image_surface_create (format, width, height);
    }

  return surface;
}

static gboolean
render_to_fd (const AtlasChartSpec   *spec,
              const AtlasQueryResult *result,
              FdWriter               *writer,
              const char             *path,
              AtlasChartFormat        format,
              int                     width,
              int                     height,
              double                  scale,
              GError                **error)
{
  g_autoptr(AtlasChartLayout) layout = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case ATLAS_CHART_FORMAT_PNG:
      /* An opaque chart needs no alpha channel: smaller, faster PNGs. */
      surface = create_image_surface (spec->palette.background.alpha >= 1.0
                                      ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                      (int) (width * scale + 0.5),
                                      (int) (height * scale + 0.5));
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      layout = atlas_chart_render (spec, result, cr, width, height);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24
          ? atlas_png_write_rgb24 (surface, write_fd_cb, writer)
          : cairo_surface_write_to_png_stream (surface, write_fd_cb, writer);
      cairo_surface_destroy (surface);
      return check_cairo (status, writer, path, error);

    case ATLAS_CHART_FORMAT_SVG:
      {
        g_autoptr(GByteArray) svg = g_byte_array_new ();
        g_autoptr(GByteArray) out = NULL;
        g_autofree char *desc = NULL;

        surface = cairo_svg_surface_create_for_stream (write_bytes_cb, svg, width, height);
        cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
        cr = cairo_create (surface);
        layout = atlas_chart_render (spec, result, cr, width, height);
        status = cairo_status (cr);
        cairo_destroy (cr);
        cairo_surface_finish (surface);
        if (status == CAIRO_STATUS_SUCCESS)
          status = cairo_surface_status (surface);
        cairo_surface_destroy (surface);
        if (!check_cairo (status, writer, path, error))
          return FALSE;

        desc = g_strdup_printf ("%s\n%s", atlas_chart_layout_get_title (layout),
                                atlas_chart_layout_get_caption (layout));
        svg_fix_page_id (svg);
        out = svg_with_metadata (svg, atlas_chart_layout_get_title (layout), desc);
        return write_all (writer, out->data, out->len, path, error);
      }

    case ATLAS_CHART_FORMAT_PDF:
      {
        g_autofree char *subject = NULL;

        /* Logical pixels become points: a 1000 × 625 chart is a 35 × 22 cm page. */
        surface = cairo_pdf_surface_create_for_stream (write_fd_cb, writer, width, height);
        cr = cairo_create (surface);
        layout = atlas_chart_render (spec, result, cr, width, height);
        cairo_show_page (cr);
        status = cairo_status (cr);
        cairo_destroy (cr);

        subject = g_strdup_printf ("%s. %s",
                                   spec->subtitle != NULL ? spec->subtitle : "",
                                   atlas_chart_layout_get_caption (layout));
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                        atlas_chart_layout_get_title (layout));
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                        "Salary Atlas " PACKAGE_VERSION);
        cairo_surface_finish (surface);
        if (status == CAIRO_STATUS_SUCCESS)
          status = cairo_surface_status (surface);
        cairo_surface_destroy (surface);
        return check_cairo (status, writer, path, error);
      }

    default:
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_FORMAT,
                   _("Unknown image format for “%s”"), path);
      return FALSE;
    }
}

/* fsync(), or a test's stand-in (_atlas_chart_export_set_fsync()). */
static int (*export_fsync) (int fd) = fsync;

void
_atlas_chart_export_set_fsync (int (*func) (int fd))
{
  export_fsync = func != NULL ? func : fsync;
}

gboolean
atlas_chart_export_to_file (const AtlasChartSpec   *spec,
                            const AtlasQueryResult *result,
                            const char             *path,
                            AtlasChartFormat        format,
                            int                     width,
                            int                     height,
                            double                  scale,
                            GError                **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  FdWriter writer = { -1, 0 };
  gboolean ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format > ATLAS_CHART_FORMAT_PDF)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_FORMAT,
                   _("Unknown image format for “%s”; use .png, .svg or .pdf"), path);
      return FALSE;
    }

  if (format != ATLAS_CHART_FORMAT_PNG)
    scale = 1.0;
  if (width < 100 || height < 100 || !(scale >= 1.0 && scale <= 8.0)
      || width * scale > MAX_PIXELS || height * scale > MAX_PIXELS)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_RENDER,
                   _("Cannot draw a chart of %d × %d at scale %g: sizes run from 100 "
                     "to %d pixels a side and scales from 1 to 8"),
                   width, height, scale, MAX_PIXELS);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  /* 0666 through the umask, as a plain file would get; mkstemp's 0600 would
   * survive the rename. */
  writer.fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (writer.fd < 0)
    {
      int saved = errno;

      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRITE,
                   _("Cannot write into folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  ok = render_to_fd (spec, result, &writer, path, format, width, height, scale, error);

  /* The bytes reach the disk before the name does: without fsync a crash
   * after the rename can leave an empty or partial file under the
   * target's name (ext4's delayed allocation). */
  if (ok && export_fsync (writer.fd) != 0)
    {
      int saved = errno;

      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }

  if (close (writer.fd) != 0 && ok)
    {
      int saved = errno;

      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }

  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (tmp);

  return ok;
}
