/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-quote.c: escaping and capping input quoted in messages. */

#include "config.h"

#include <string.h>

#include "atlas-quote.h"

/* Characters that change how the rest of a line is shown rather than being
 * shown themselves. */
static gboolean
needs_escape (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0) ||
         c == 0x2028 || c == 0x2029 ||              /* line and paragraph separators */
         c == 0x200e || c == 0x200f || c == 0x061c || /* direction marks */
         (c >= 0x202a && c <= 0x202e) ||            /* embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069) ||            /* isolates */
         c == 0xfeff;                               /* a BOM inside text */
}

void
atlas_quote_append_len (GString    *out,
                        const char *text,
                        gssize      len,
                        guint       max_chars)
{
  const char *p, *end;
  guint n = 0;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  if (len < 0)
    len = (gssize) strlen (text);

  p = text;
  end = text + len;
  while (p < end)
    {
      gunichar c;
      const char *next;

      if (n == max_chars)
        {
          g_string_append (out, "…");
          return;
        }
      n++;

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guchar) *p);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      switch (c)
        {
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (needs_escape (c))
            g_string_append_printf (out, "\\u{%04X}", c);
          else
            g_string_append_len (out, p, next - p);
        }
      p = next;
    }
}

char *
atlas_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  atlas_quote_append_len (out, text, -1, ATLAS_QUOTE_MAX_CHARS);
  return g_string_free (out, FALSE);
}

char *
atlas_quote_name (const char *text)
{
  GString *out = g_string_new (NULL);

  atlas_quote_append_len (out, text, -1, ATLAS_QUOTE_MAX_NAME_CHARS);
  return g_string_free (out, FALSE);
}
