/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-network.c: the proxy for a download, from GProxyResolver, and
 * whether an automatic refresh may use the network (GNetworkMonitor). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-network.h"
#include "atlas-quote.h"

/* GLib's fallback when no proxy module (glib-networking's GNOME or libproxy
 * resolver) is installed: it answers "direct://" for everything, which would
 * silently override the proxy environment variables libcurl reads itself. */
static gboolean
is_dummy_resolver (GProxyResolver *resolver)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (resolver), "GDummyProxyResolver");
}

static gboolean
curl_knows_scheme (const char *uri)
{
  static const char * const schemes[] = { "http", "https", "socks4", "socks4a", "socks5", NULL };
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL && g_strv_contains (schemes, scheme);
}

gboolean
atlas_network_proxy_for_url (GProxyResolver  *resolver,
                             const char      *url,
                             GCancellable    *cancellable,
                             char           **proxy,
                             GError         **error)
{
  g_auto(GStrv) proxies = NULL;

  g_return_val_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (proxy != NULL, FALSE);

  *proxy = NULL;
  if (resolver == NULL)
    resolver = g_proxy_resolver_get_default ();
  if (is_dummy_resolver (resolver))
    return TRUE;

  proxies = g_proxy_resolver_lookup (resolver, url, cancellable, error);
  if (proxies == NULL)
    return FALSE;

  /* The resolver lists proxies in order of preference; take the first one
   * libcurl can speak (a PAC file may also offer, say, "ftp://"). */
  for (guint i = 0; proxies[i] != NULL; i++)
    {
      if (g_str_equal (proxies[i], "direct://"))
        {
          *proxy = g_strdup ("");
          return TRUE;
        }
      if (curl_knows_scheme (proxies[i]))
        {
          *proxy = g_strdup (proxies[i]);
          return TRUE;
        }
    }

  {
    g_autofree char *quoted_url = atlas_quote_name (url);
    g_autofree char *quoted_proxy = atlas_quote_name (proxies[0] != NULL ? proxies[0] : "-");

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("The proxy settings offer no proxy for %s that can be used (%s)"),
                 quoted_url, quoted_proxy);
  }
  return FALSE;
}

gboolean
atlas_network_auto_refresh_allowed (GNetworkMonitor *monitor)
{
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), FALSE);

  if (monitor == NULL)
    monitor = g_network_monitor_get_default ();

  return g_network_monitor_get_network_available (monitor) &&
         !g_network_monitor_get_network_metered (monitor);
}
