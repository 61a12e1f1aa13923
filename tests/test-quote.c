/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 13, item 5: input quoted in messages is escaped and capped. */

#include "config.h"

#include <string.h>

#include "atlas-quote.h"

static void
check (const char *input,
       gssize      len,
       const char *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  atlas_quote_append_len (out, input, len, ATLAS_QUOTE_MAX_CHARS);
  g_assert_cmpstr (out->str, ==, expected);
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
}

static void
test_escape (void)
{
  /* Plain text, accents and the rupee sign pass unchanged. */
  check ("Data Scientist", -1, "Data Scientist");
  check ("Ingénieur ₹", -1, "Ingénieur ₹");
  /* OSC 0 (set the terminal title) and a CSI colour sequence. */
  check ("\x1b]0;owned\x07title", -1, "\\u{001B}]0;owned\\u{0007}title");
  check ("\x1b[31mred", -1, "\\u{001B}[31mred");
  /* Line breaks and tabs stay visible as escapes. */
  check ("a\r\nb\tc", -1, "a\\r\\nb\\tc");
  /* C1 controls (U+009B is a one-character CSI), DEL, bidi override. */
  check ("x\xc2\x9b" "2J", -1, "x\\u{009B}2J");
  check ("\x7f", -1, "\\u{007F}");
  check ("abc\xe2\x80\xae" "fdp.exe", -1, "abc\\u{202E}fdp.exe");
  /* Invalid UTF-8 byte by byte: a lone continuation byte, a truncated
   * sequence, an overlong encoding of '/'. */
  check ("a\x80z", -1, "a\\x80z");
  check ("\xe2\x82", -1, "\\xE2\\x82");
  check ("\xc0\xaf", -1, "\\xC0\\xAF");
  /* NUL inside a counted buffer. */
  check ("a\0b", 3, "a\\x00b");
  check (NULL, -1, "");
}

static void
test_cap (void)
{
  g_autofree char *big = g_malloc (8 * 1024 * 1024 + 1);
  g_autofree char *quoted = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *xs = NULL;
  g_autoptr(GString) euro = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  memset (big, 'x', 8 * 1024 * 1024);
  big[8 * 1024 * 1024] = '\0';
  quoted = atlas_quote (big);
  xs = g_strnfill (ATLAS_QUOTE_MAX_CHARS, 'x');
  expected = g_strconcat (xs, "…", NULL);
  g_assert_cmpstr (quoted, ==, expected);

  /* The cap counts characters, not bytes, and never splits one. */
  for (guint i = 0; i < 100; i++)
    g_string_append (euro, "€");
  atlas_quote_append_len (out, euro->str, -1, 3);
  g_assert_cmpstr (out->str, ==, "€€€…");

  /* Exactly at the cap: no ellipsis. */
  g_string_truncate (out, 0);
  atlas_quote_append_len (out, "abc", -1, 3);
  g_assert_cmpstr (out->str, ==, "abc");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/quote/escape", test_escape);
  g_test_add_func ("/atlas/quote/cap", test_cap);

  return g_test_run ();
}
