/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-network.h: network etiquette of the feeds — the desktop's proxy
 * settings for each download, and no automatic refresh on a metered or
 * missing connection. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What to give libcurl as CURLOPT_PROXY for @url, as @resolver (NULL: the
 * default resolver, which follows GNOME's proxy settings where GLib's proxy
 * module is installed) says:
 *   NULL  leave libcurl alone (no proxy module: libcurl then follows the
 *         http_proxy/https_proxy/no_proxy environment as before);
 *   ""    connect directly, whatever the environment says;
 *   else  the first proxy URI libcurl can use (http, https, socks4,
 *         socks4a, socks5).
 * Returns FALSE with @error when the lookup fails or every proxy it offers
 * has a scheme libcurl cannot use. */
gboolean atlas_network_proxy_for_url          (GProxyResolver  *resolver,
                                               const char      *url,
                                               GCancellable    *cancellable,
                                               char           **proxy,
                                               GError         **error);

/* Whether an automatic refresh may run now: the network is up and not
 * metered (a phone's hotspot, a capped mobile plan). @monitor NULL: the
 * default monitor. A refresh the user asks for always runs. */
gboolean atlas_network_auto_refresh_allowed   (GNetworkMonitor *monitor);

G_END_DECLS
