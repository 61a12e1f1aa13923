/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-http.c: one HTTP(S) download with libcurl (atlas-feed-http.h).
 *
 * The callbacks run in the thread that called curl_easy_perform().  The
 * write callback sniffs the first bytes of a 200 body, then streams it to
 * the body function; a callback that must stop the transfer keeps its
 * error in self->error, which wins over libcurl's own.
 *
 * libcurl is loaded with the first download (see load_curl()), not linked:
 * with GnuTLS, Kerberos and LDAP behind it, it was a third of the libraries
 * and of the start-up time of every command, most of which never download. */

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <gmodule.h>
#include <string.h>

#include "atlas-feed-http.h"
#include "atlas-quote.h"
#include "atlas-feed-private.h"
#include "atlas-network.h"

#define USER_AGENT "SalaryAtlas/" PACKAGE_VERSION " (libcurl)"
#define SNIFF_BYTES 512
#define MAX_REDIRECTS 5
#define PROGRESS_INTERVAL_US (100 * 1000)
#define MAX_RETRY_AFTER_S 60
/* Real servers send a few KiB of headers; libcurl itself stops at 300 KiB
 * with a message that reads like a broken connection (and would be
 * retried).  Past this, the answer is refused at once, as too large. */
#define MAX_HEADER_BYTES (128 * 1024)

struct _AtlasFeedTransfer
{
  AtlasFeedRequest       request;
  char                  *name;         /* the URL as messages quote it */
  gint64                 timeout_ms;   /* of the next try; 0: none */
  CURL                  *curl;
  struct curl_slist     *headers;
  char                   errbuf[CURL_ERROR_SIZE];

  /* State of the current try, reset by attempt_reset(). */
  GByteArray            *sniff;
  gboolean               sniffed;
  guint64                bytes;
  guint64                newlines;
  gsize                  header_bytes; /* of the current response */
  GError                *error;      /* set by a callback that stopped the transfer */
  long                   status;
  char                  *reason;
  char                  *etag;
  char                  *last_modified;
  char                  *content_type;
  char                  *location;
  char                  *effective_url;
  AtlasFeedProgress      progress;
  gint64                 last_progress_time;
};

/* The functions of libcurl this file calls, from the library loaded by
 * _atlas_feed_http_init(); all NULL when it could not be loaded. */
static struct
{
  CURLcode            (*global_init)    (long flags);
  CURL               *(*easy_init)      (void);
  CURLcode            (*easy_setopt)    (CURL *curl, CURLoption option, ...);
  CURLcode            (*easy_getinfo)   (CURL *curl, CURLINFO info, ...);
  CURLcode            (*easy_perform)   (CURL *curl);
  void                (*easy_cleanup)   (CURL *curl);
  const char         *(*easy_strerror)  (CURLcode code);
  struct curl_slist  *(*slist_append)   (struct curl_slist *list, const char *string);
  void                (*slist_free_all) (struct curl_slist *list);
} curl_api;

/* Why libcurl could not be loaded; NULL when it was. */
static char *curl_load_error;

static void
load_curl (void)
{
  static const char *const names[] = {
    "curl_global_init", "curl_easy_init", "curl_easy_setopt", "curl_easy_getinfo",
    "curl_easy_perform", "curl_easy_cleanup", "curl_easy_strerror", "curl_slist_append",
    "curl_slist_free_all",
  };
  gpointer *slots[] = {
    (gpointer *) &curl_api.global_init, (gpointer *) &curl_api.easy_init,
    (gpointer *) &curl_api.easy_setopt, (gpointer *) &curl_api.easy_getinfo,
    (gpointer *) &curl_api.easy_perform, (gpointer *) &curl_api.easy_cleanup,
    (gpointer *) &curl_api.easy_strerror, (gpointer *) &curl_api.slist_append,
    (gpointer *) &curl_api.slist_free_all,
  };
  GModule *module;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (slots));

  /* The library stays loaded until the process ends. */
  module = g_module_open (CURL_SONAME, G_MODULE_BIND_LOCAL);
  for (guint i = 0; module != NULL && i < G_N_ELEMENTS (names); i++)
    if (!g_module_symbol (module, names[i], slots[i]))
      module = NULL;

  if (module == NULL)
    {
      curl_load_error = g_strdup_printf ("%s: %s", CURL_SONAME, g_module_error ());
      memset (&curl_api, 0, sizeof curl_api);
      return;
    }

  curl_api.global_init (CURL_GLOBAL_DEFAULT);
}

void
_atlas_feed_http_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      load_curl ();
      g_once_init_leave (&initialised, 1);
    }
}

static void
report_progress (AtlasFeedTransfer *self,
                 gboolean           force)
{
  gint64 now;

  if (self->request.progress == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!force && now - self->last_progress_time < PROGRESS_INTERVAL_US)
    return;
  self->last_progress_time = now;

  self->progress.bytes = self->bytes;
  self->progress.rows = self->newlines > 0 ? self->newlines - 1 : 0;
  self->request.progress (&self->progress, self->request.progress_data);
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  AtlasFeedTransfer *self = user_data;

  if (g_cancellable_is_cancelled (self->request.cancellable))
    return 1;

  self->progress.downloaded = dlnow;
  self->progress.total = dltotal;
  report_progress (self, FALSE);

  return 0;
}

static size_t
header_cb (char   *buffer,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  AtlasFeedTransfer *self = user_data;
  size_t len = size * nitems;
  g_autofree char *line = g_strndup (buffer, len);
  char *colon;

  g_strchomp (line);

  /* A status line starts the headers of each response, redirects included. */
  if (g_str_has_prefix (line, "HTTP/"))
    self->header_bytes = 0;
  self->header_bytes += len;
  if (self->header_bytes > MAX_HEADER_BYTES)
    {
      g_autofree char *limit = g_format_size (MAX_HEADER_BYTES);

      g_set_error (&self->error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TOO_LARGE,
                   _("%s: the server’s headers are larger than the limit of %s"),
                   self->name, limit);
      return 0;
    }

  if (g_str_has_prefix (line, "HTTP/"))
    {
      const char *p = strchr (line, ' ');

      g_clear_pointer (&self->reason, g_free);
      g_clear_pointer (&self->etag, g_free);
      g_clear_pointer (&self->last_modified, g_free);
      g_clear_pointer (&self->content_type, g_free);
      g_clear_pointer (&self->location, g_free);
      self->status = 0;
      if (p != NULL)
        {
          self->status = strtol (p + 1, NULL, 10);
          p = strchr (p + 1, ' ');
          if (p != NULL && p[1] != '\0')
            self->reason = atlas_quote (p + 1);  /* the server's bytes, in messages */
        }
      return len;
    }

  colon = strchr (line, ':');
  if (colon == NULL)
    return len;
  *colon = '\0';

  {
    const char *value = colon + 1;

    while (*value == ' ' || *value == '\t')
      value++;

    if (g_ascii_strcasecmp (line, "ETag") == 0)
      _atlas_feed_set_str (&self->etag, value);
    else if (g_ascii_strcasecmp (line, "Last-Modified") == 0)
      _atlas_feed_set_str (&self->last_modified, value);
    else if (g_ascii_strcasecmp (line, "Content-Type") == 0)
      _atlas_feed_set_str (&self->content_type, value);
    else if (g_ascii_strcasecmp (line, "Location") == 0)
      _atlas_feed_set_str (&self->location, value);
  }

  return len;
}

static const char *
format_label (AtlasFeedTransfer *self)
{
  return self->request.kind == ATLAS_FEED_BODY_JSON ? _("a Salary Atlas JSON feed") : _("CSV");
}

/* Looks at the first bytes of the body: an HTML error page served with
 * status 200, or binary data, must not reach the importer. */
static gboolean
sniff_body (AtlasFeedTransfer  *self,
            GError            **error)
{
  const guchar *p = self->sniff->data;
  const guchar *end = p + self->sniff->len;
  const char *url = self->name;
  gboolean json = self->request.kind == ATLAS_FEED_BODY_JSON;
  g_autofree char *lower = NULL;

  if (self->sniff->len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;

  if (memchr (self->sniff->data, '\0', self->sniff->len) != NULL)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent binary data, not %s"), url, format_label (self));
      return FALSE;
    }

  lower = g_ascii_strdown ((const char *) p, end - p);
  if ((p < end && *p == '<') || strstr (lower, "<html") != NULL ||
      strstr (lower, "<!doctype") != NULL)
    {
      /* "a web page (text/csv)" would contradict itself: the declared type
       * is named only when it says HTML. */
      g_autofree char *declared = atlas_quote (self->content_type ? self->content_type : "");

      if (self->content_type != NULL && strstr (self->content_type, "html") != NULL)
        g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                     _("%s: the server sent a web page (%s), not %s"),
                     url, declared, format_label (self));
      else
        {
          g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                       _("%s: the server sent a web page, not %s (though it said “%s”)"),
                       url, format_label (self), declared);
        }
      return FALSE;
    }

  if (json && p < end && *p != '{')
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent something that is not %s"), url, format_label (self));
      return FALSE;
    }

  if (!json && p < end && (*p == '{' || *p == '['))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent JSON, not %s"), url, format_label (self));
      return FALSE;
    }

  return TRUE;
}

static gboolean
deliver (AtlasFeedTransfer  *self,
         const char         *data,
         gsize               len,
         GError            **error)
{
  if (len == 0)
    return TRUE;

  return self->request.body (data, len, self->request.body_data, error);
}

static gboolean
sniff_and_deliver (AtlasFeedTransfer  *self,
                   GError            **error)
{
  self->sniffed = TRUE;
  if (!sniff_body (self, error))
    return FALSE;

  return deliver (self, (const char *) self->sniff->data, self->sniff->len, error);
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  AtlasFeedTransfer *self = user_data;
  size_t len = size * nmemb;

  if (self->error != NULL)
    return CURL_WRITEFUNC_ERROR;

  if (g_cancellable_set_error_if_cancelled (self->request.cancellable, &self->error))
    return CURL_WRITEFUNC_ERROR;

  if (self->status != 200)
    {
      /* Only a 200 carries a snapshot; FAILONERROR handles 4xx/5xx. */
      g_set_error (&self->error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_HTTP,
                   _("%s: unexpected HTTP %ld %s"), self->name, self->status,
                   self->reason ? self->reason : "");
      return CURL_WRITEFUNC_ERROR;
    }

  /* Counted after decoding, so that a small gzip cannot expand past the limit. */
  self->bytes += len;
  if (self->bytes > self->request.options->max_size)
    {
      g_autofree char *limit = g_format_size (self->request.options->max_size);

      g_set_error (&self->error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TOO_LARGE,
                   _("%s: the download is larger than the limit of %s"),
                   self->name, limit);
      return CURL_WRITEFUNC_ERROR;
    }

  for (const char *p = data, *end = data + len; (p = memchr (p, '\n', end - p)) != NULL; p++)
    self->newlines++;

  if (!self->sniffed)
    {
      gsize take = MIN (len, SNIFF_BYTES - self->sniff->len);

      g_byte_array_append (self->sniff, (const guint8 *) data, take);
      if (self->sniff->len < SNIFF_BYTES)
        return len;
      if (!sniff_and_deliver (self, &self->error) ||
          !deliver (self, data + take, len - take, &self->error))
        return CURL_WRITEFUNC_ERROR;
    }
  else if (!deliver (self, data, len, &self->error))
    return CURL_WRITEFUNC_ERROR;

  report_progress (self, FALSE);
  return len;
}

static void
attempt_reset (AtlasFeedTransfer *self)
{
  g_byte_array_set_size (self->sniff, 0);
  self->sniffed = FALSE;
  self->bytes = 0;
  self->newlines = 0;
  self->header_bytes = 0;
  g_clear_error (&self->error);
  self->status = 0;
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->effective_url, g_free);
  self->errbuf[0] = '\0';
  memset (&self->progress, 0, sizeof self->progress);
}

/* Turns a failed transfer into an error that names the URL and the reason;
 * returns whether another try may help. */
static gboolean
transfer_error (AtlasFeedTransfer  *self,
                CURLcode            code,
                GError            **error)
{
  const char *url = self->name;
  g_autoptr(GString) detail_quoted = g_string_new (NULL);
  const char *detail;

  /* libcurl's message can quote the URL or a server's bytes. */
  atlas_quote_append_len (detail_quoted,
                          self->errbuf[0] ? self->errbuf :
                          curl_api.easy_strerror != NULL ? curl_api.easy_strerror (code) : "",
                          -1, ATLAS_QUOTE_MAX_NAME_CHARS);
  detail = detail_quoted->str;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  switch ((int) code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      if (!g_cancellable_set_error_if_cancelled (self->request.cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), url);
      return FALSE;

    case CURLE_HTTP_RETURNED_ERROR:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_HTTP,
                   /* Translators: URL: HTTP 404 Not Found */
                   _("%s: HTTP %ld %s"), url, self->status,
                   self->reason ? self->reason : "");
      return self->status >= 500 || self->status == 408 || self->status == 429;

    case CURLE_UNSUPPORTED_PROTOCOL:
      if (self->location != NULL)
        {
          g_autofree char *location = atlas_quote_name (self->location);

          g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_REDIRECT,
                       _("%s: redirected to “%s”; only http and https are allowed"),
                       url, location);
        }
      else
        g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL, "%s: %s", url, detail);
      return FALSE;

    case CURLE_TOO_MANY_REDIRECTS:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_REDIRECT,
                   _("%s: more than %d redirects"), url, MAX_REDIRECTS);
      return FALSE;

    case CURLE_FILESIZE_EXCEEDED:
      {
        g_autofree char *limit = g_format_size (self->request.options->max_size);

        g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TOO_LARGE,
                     _("%s: the file is larger than the limit of %s"), url, limit);
        return FALSE;
      }

    case CURLE_BAD_CONTENT_ENCODING:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the compressed download does not decompress (%s)"), url, detail);
      return FALSE;

    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TIMEOUT,
                   /* Translators: the numbers are seconds; keep the variable's name */
                   _("%s: timed out (%s); a try may take %u s "
                     "(SALARY_ATLAS_FEED_ATTEMPT_TIMEOUT), all tries %u s "
                     "(SALARY_ATLAS_FEED_DEADLINE)"),
                   url, detail, self->request.options->attempt_timeout,
                   self->request.options->deadline);
      return TRUE;

    case CURLE_PARTIAL_FILE:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK,
                   _("%s: the connection closed before the whole file arrived (%s)"), url, detail);
      return TRUE;

    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK,
                   _("%s: the connection broke off (%s)"), url, detail);
      return TRUE;

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TLS,
                   _("%s: secure connection failed (%s)"), url, detail);
      return FALSE;

    default:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK, "%s: %s", url, detail);
      return FALSE;
    }
}

static CURL *
create_handle (AtlasFeedTransfer *self)
{
  const AtlasFeedOptions *options = self->request.options;
  CURL *curl = curl_api.easy_init ();

  if (curl == NULL)
    return NULL;

  curl_api.easy_setopt (curl, CURLOPT_URL, self->request.url);
  curl_api.easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_api.easy_setopt (curl, CURLOPT_ERRORBUFFER, self->errbuf);
  curl_api.easy_setopt (curl, CURLOPT_USERAGENT, USER_AGENT);
  curl_api.easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_api.easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_api.easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_api.easy_setopt (curl, CURLOPT_MAXREDIRS, (long) MAX_REDIRECTS);
  curl_api.easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_api.easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_api.easy_setopt (curl, CURLOPT_FAILONERROR, 1L);
  /* "" offers every encoding this libcurl decodes (gzip, deflate, …). */
  curl_api.easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_api.easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) options->connect_timeout);
  curl_api.easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, (long) options->low_speed_limit);
  curl_api.easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) options->low_speed_time);
  curl_api.easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) options->max_size);
  curl_api.easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_api.easy_setopt (curl, CURLOPT_HEADERDATA, self);
  curl_api.easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_api.easy_setopt (curl, CURLOPT_WRITEDATA, self);
  curl_api.easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_api.easy_setopt (curl, CURLOPT_XFERINFODATA, self);
  curl_api.easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  /* Bigger pieces mean fewer trips through the importer's feed function. */
  curl_api.easy_setopt (curl, CURLOPT_BUFFERSIZE, 128L * 1024);
  /* The proxy is set for each try (apply_proxy), from the desktop's settings. */

  return curl;
}

static struct curl_slist *
request_headers (AtlasFeedTransfer *self)
{
  struct curl_slist *headers = NULL;
  gboolean force = self->request.options->force;

  headers = curl_api.slist_append (headers, self->request.kind == ATLAS_FEED_BODY_JSON ?
                               "Accept: application/json, */*;q=0.1" :
                               "Accept: text/csv, text/plain;q=0.9, */*;q=0.1");
  if (!force && self->request.etag != NULL)
    {
      g_autofree char *line = g_strdup_printf ("If-None-Match: %s", self->request.etag);
      headers = curl_api.slist_append (headers, line);
    }
  if (!force && self->request.last_modified != NULL)
    {
      g_autofree char *line = g_strdup_printf ("If-Modified-Since: %s",
                                               self->request.last_modified);
      headers = curl_api.slist_append (headers, line);
    }

  return headers;
}

AtlasFeedTransfer *
_atlas_feed_transfer_new (const AtlasFeedRequest *request)
{
  AtlasFeedTransfer *self = g_new0 (AtlasFeedTransfer, 1);

  _atlas_feed_http_init ();

  self->request = *request;
  self->name = atlas_quote_name (request->url);
  self->sniff = g_byte_array_sized_new (SNIFF_BYTES);
  if (curl_api.easy_init == NULL)
    return self;   /* without libcurl: each try fails (see _atlas_feed_transfer_perform) */
  self->curl = create_handle (self);
  self->headers = request_headers (self);
  curl_api.easy_setopt (self->curl, CURLOPT_HTTPHEADER, self->headers);

  return self;
}

void
_atlas_feed_transfer_free (AtlasFeedTransfer *self)
{
  if (self == NULL)
    return;

  attempt_reset (self);
  if (curl_api.easy_init != NULL)
    {
      curl_api.slist_free_all (self->headers);
      curl_api.easy_cleanup (self->curl);
    }
  g_byte_array_unref (self->sniff);
  g_free (self->name);
  g_free (self);
}

/* Asks the proxy resolver (GNOME's proxy settings, a PAC file) about this
 * URL before each try: the settings may change between tries, and a PAC
 * file may answer differently per URL. Without a proxy module, libcurl keeps
 * following http_proxy, https_proxy and no_proxy. */
static gboolean
apply_proxy (AtlasFeedTransfer  *self,
             GError            **error)
{
  g_autofree char *proxy = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!atlas_network_proxy_for_url (self->request.options->proxy_resolver, self->request.url,
                                    self->request.cancellable, &proxy, &local_error))
    {
      /* The resolver's message may quote the URL. */
      g_autofree char *reason = atlas_quote_name (local_error->message);

      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK,
                   _("%s: no proxy: %s"), self->name, reason);
      return FALSE;
    }

  if (proxy == NULL)
    return TRUE;

  /* "" connects directly, even when the environment names a proxy; a
   * proxy from the settings is not bypassed by the environment's no_proxy,
   * the settings' own ignore list having been applied by the resolver. */
  curl_api.easy_setopt (self->curl, CURLOPT_PROXY, proxy);
  curl_api.easy_setopt (self->curl, CURLOPT_NOPROXY, *proxy != '\0' ? "" : NULL);
  return TRUE;
}

void
_atlas_feed_transfer_set_timeout (AtlasFeedTransfer *self,
                                  gint64             timeout_ms)
{
  self->timeout_ms = MAX (timeout_ms, 1);
}

gboolean
_atlas_feed_transfer_perform (AtlasFeedTransfer  *self,
                              guint               attempt,
                              gboolean           *retry,
                              GError            **error)
{
  CURLcode code;
  char *effective_url = NULL;

  *retry = FALSE;
  attempt_reset (self);
  self->progress.attempt = attempt;

  /* No libcurl (not installed, or its handle could not be made): the
   * error names the library, libcurl's own messages being English too. */
  if (self->curl == NULL)
    {
      g_strlcpy (self->errbuf, curl_load_error != NULL ? curl_load_error : "curl_easy_init",
                 sizeof self->errbuf);
      transfer_error (self, CURLE_FAILED_INIT, error);
      return FALSE;
    }
  if (self->timeout_ms > 0)
    curl_api.easy_setopt (self->curl, CURLOPT_TIMEOUT_MS, (long) self->timeout_ms);

  if (!apply_proxy (self, error))
    return FALSE;

  code = curl_api.easy_perform (self->curl);
  curl_api.easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &self->status);

  /* A body shorter than the sniffed bytes is only looked at now. */
  if (code == CURLE_OK && self->error == NULL && self->status == 200 && !self->sniffed)
    sniff_and_deliver (self, &self->error);

  if (code != CURLE_OK || self->error != NULL)
    {
      *retry = transfer_error (self, code, error);
      return FALSE;
    }

  curl_api.easy_getinfo (self->curl, CURLINFO_EFFECTIVE_URL, &effective_url);
  self->effective_url = g_strdup (effective_url);
  report_progress (self, TRUE);

  if (self->status == 304)
    {
      /* "Not modified" answers a conditional request only: to one without
       * validators it claims a copy this database does not have. */
      if (self->request.options->force ||
          (self->request.etag == NULL && self->request.last_modified == NULL))
        {
          g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_HTTP,
                       _("%s: HTTP 304 Not Modified to a request that had no validators "
                         "(nothing stored to compare with)"), self->name);
          return FALSE;
        }
      return TRUE;
    }

  if (self->status != 200)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_HTTP,
                   _("%s: HTTP %ld %s"), self->name, self->status,
                   self->reason ? self->reason : "");
      return FALSE;
    }

  if (self->bytes == 0)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent an empty file"), self->name);
      return FALSE;
    }

  return TRUE;
}

guint
_atlas_feed_transfer_get_status (AtlasFeedTransfer *self)
{
  return (guint) self->status;
}

const char *
_atlas_feed_transfer_get_etag (AtlasFeedTransfer *self)
{
  return self->etag;
}

const char *
_atlas_feed_transfer_get_last_modified (AtlasFeedTransfer *self)
{
  return self->last_modified;
}

const char *
_atlas_feed_transfer_get_url (AtlasFeedTransfer *self)
{
  return self->effective_url;
}

guint64
_atlas_feed_transfer_get_bytes (AtlasFeedTransfer *self)
{
  return self->bytes;
}

guint64
_atlas_feed_transfer_retry_delay (AtlasFeedTransfer *self,
                                  guint64            delay_ms)
{
  curl_off_t retry_after = 0;

  /* A server that says when to come back is believed, within reason. */
  if (self->curl != NULL)
    curl_api.easy_getinfo (self->curl, CURLINFO_RETRY_AFTER, &retry_after);
  if (retry_after > 0 && (guint64) retry_after * 1000 > delay_ms)
    delay_ms = MIN ((guint64) retry_after, MAX_RETRY_AFTER_S) * 1000;

  return delay_ms;
}

gboolean
_atlas_feed_transfer_pause (AtlasFeedTransfer  *self,
                            guint64             ms,
                            GError            **error)
{
  GCancellable *cancellable = self->request.cancellable;
  GPollFD pollfd;

  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_poll (&pollfd, 1, (int) MIN (ms, G_MAXINT));
      g_cancellable_release_fd (cancellable);
    }
  else
    g_usleep (ms * 1000);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
