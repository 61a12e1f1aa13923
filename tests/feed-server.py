#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small HTTP server for the feed tests, standard library only.

It binds 127.0.0.1 on an ephemeral port and prints that port on the first
line of its standard output.  It serves the files of --root with a strong
ETag (sha256 of the content) and Last-Modified, answers conditional requests
with 304, gzips bodies for clients that accept it, and injects faults.

Paths:
  /files/NAME           a file of --root
  /alias/NAME           the file that an alias currently points to
  /_control?...         changes the server's state, answers a JSON object:
      alias=NAME&file=FILE   points alias NAME at FILE
      fault=MODE             the fault applied to the next requests for files
                             (MODE "none" clears it); "500-then-ok" clears
                             itself after one failed answer
      log=clear              forgets the request log
  /_log                 the request log as JSON: one object per file request
                        with path, query, if_none_match, if_modified_since,
                        accept_encoding and the status answered

A fault can also be chosen per request with ?fault=MODE, which wins over the
one set by /_control (?fault=none: no fault for this request).  Modes:
  404, 500, 500-then-ok, reset (connection reset mid-body), short (body
  shorter than Content-Length, then a clean close), stall (headers and a
  little body, then nothing), chunked (no Content-Length, to exercise size
  limits on a stream), redirect-file, redirect-ftp, redirect-ok (one
  redirect to the same file), redirect-loop, html (200 with an HTML page),
  bad-gzip (Content-Encoding: gzip over bytes that do not decompress),
  slow (the body in small pieces with pauses), drip (headers, then two bytes
  every half second for two minutes: never below a 1 byte/s low-speed limit),
  not-modified (304 whatever the request, also to one without validators),
  gzip-bomb (Content-Encoding: gzip over 64 MiB of "a", 64 KiB on the
  wire, no Content-Length), huge-headers (a 200 whose headers are 1 MiB),
  evil-reason (a 403 whose reason phrase holds a terminal escape sequence),
  html-evil (an HTML page whose Content-Type holds one), html-as-csv (an
  HTML page sent as text/csv), redirect-evil (a
  redirect to an ftp URL with a right-to-left override in it).

The server exits when its standard input reaches end of file, so a test
that dies does not leave it behind.
"""

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse


class State:
    def __init__(self, root):
        self.root = root
        self.lock = threading.Lock()
        self.aliases = {}
        self.fault = None
        self.log = []
        self.cache = {}

    def resolve(self, kind, name):
        with self.lock:
            if kind == "alias":
                name = self.aliases.get(name)
                if name is None:
                    return None
        # Plain names only; symbolic links in the root are followed on purpose.
        if name in ("", ".", "..") or "/" in name or "\\" in name:
            return None
        path = os.path.join(self.root, name)
        return path if os.path.isfile(path) else None

    def load(self, path):
        """Returns (body, gzipped body, etag, mtime), cached by path, size and mtime."""
        st = os.stat(path)
        key = (path, st.st_size, st.st_mtime_ns)
        with self.lock:
            hit = self.cache.get(key)
        if hit is not None:
            return hit
        with open(path, "rb") as f:
            body = f.read()
        entry = (body, gzip.compress(body, compresslevel=1),
                 '"%s"' % hashlib.sha256(body).hexdigest()[:32], int(st.st_mtime))
        with self.lock:
            self.cache[key] = entry
        return entry


HTML_PAGE = (b"<!DOCTYPE html>\n<html><head><title>Maintenance</title></head>\n"
             b"<body><h1>We'll be back soon</h1><p>This is an error page served with "
             b"status 200.</p></body></html>\n")


_GZIP_BOMB = None


def gzip_bomb():
    """64 MiB of the letter a (text, so that only the size limit stops it),
    gzipped (about 64 KiB), made once."""
    global _GZIP_BOMB
    if _GZIP_BOMB is None:
        import zlib
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = b"a" * (1 << 20)
        out = [z.compress(zeros) for _ in range(64)]
        out.append(z.flush())
        _GZIP_BOMB = b"".join(out)
    return _GZIP_BOMB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AtlasFeedTestServer/1"

    def log_message(self, fmt, *args):
        pass

    def send_json(self, obj, status=200):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        st = self.server.state
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)

        if url.path == "/_control":
            with st.lock:
                if "alias" in query and "file" in query:
                    st.aliases[query["alias"][0]] = query["file"][0]
                if "fault" in query:
                    mode = query["fault"][0]
                    st.fault = None if mode == "none" else mode
                if query.get("log") == ["clear"]:
                    st.log.clear()
                reply = {"aliases": st.aliases, "fault": st.fault}
            self.send_json(reply)
            return
        if url.path == "/_log":
            with st.lock:
                reply = list(st.log)
            self.send_json(reply)
            return

        entry = {
            "path": url.path,
            "query": url.query,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "user_agent": self.headers.get("User-Agent"),
            "status": None,
        }
        with st.lock:
            st.log.append(entry)
            fault = query.get("fault", [None])[0]
            if fault is None:
                fault = st.fault
                if fault == "500-then-ok":
                    st.fault = None
            elif fault == "none":
                fault = None

        parts = url.path.split("/", 2)
        path = None
        if len(parts) == 3 and parts[1] in ("files", "alias"):
            path = st.resolve(parts[1], urllib.parse.unquote(parts[2]))
        if path is None or fault == "404":
            entry["status"] = 404
            self.send_error(404, "Not Found")
            return
        if fault == "evil-reason":
            # A reason phrase that would retitle a terminal if echoed raw.
            entry["status"] = 403
            self.send_response(403, "\x1b]0;owned\x07Forbidden")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault in ("500", "500-then-ok"):
            entry["status"] = 500
            self.send_error(500, "Internal Server Error")
            return
        if fault == "not-modified":
            entry["status"] = 304
            self.send_response(304)
            self.send_header("ETag", '"unsolicited"')
            self.end_headers()
            return
        if fault == "huge-headers":
            entry["status"] = 200
            self.send_response(200)
            for i in range(2048):
                self.send_header("X-Padding-%d" % i, "p" * 500)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault == "gzip-bomb":
            entry["status"] = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(gzip_bomb())
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass
            self.close_connection = True
            return
        if fault in ("redirect-file", "redirect-ftp", "redirect-ok", "redirect-loop",
                     "redirect-evil"):
            target = {
                "redirect-file": "file:///etc/passwd",
                "redirect-ftp": "ftp://127.0.0.1:%d/salaries.csv" % self.server.server_port,
                # U+202E (right-to-left override) as UTF-8 bytes: libcurl
                # refuses control characters in a URL, not this.
                "redirect-evil": "ftp://127.0.0.1/\xe2\x80\xaeevil.csv",
                "redirect-ok": url.path + "?fault=none",
                "redirect-loop": url.path + "?fault=redirect-loop",
            }[fault]
            entry["status"] = 302
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return

        body, gz, etag, mtime = st.load(path)
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        use_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")

        if fault is None:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            not_modified = False
            if inm is not None:
                not_modified = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
            elif ims is not None:
                try:
                    not_modified = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
                except (TypeError, ValueError):
                    not_modified = False
            if not_modified:
                entry["status"] = 304
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", last_modified)
                self.end_headers()
                return

        if fault == "html":
            body, use_gzip, content_type = HTML_PAGE, False, "text/html; charset=utf-8"
        elif fault == "html-evil":
            body, use_gzip, content_type = HTML_PAGE, False, "text/html\x1b]0;evil\x07"
        elif fault == "html-as-csv":
            body, use_gzip, content_type = HTML_PAGE, False, "text/csv"
        elif fault == "bad-gzip":
            # A gzip header followed by bytes that are no deflate stream.
            body, use_gzip, content_type = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 4096, False, "text/csv"
        else:
            content_type = "application/json" if path.endswith(".json") else "text/csv"
        payload = gz if use_gzip else body

        entry["status"] = 200
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        if use_gzip or fault == "bad-gzip":
            self.send_header("Content-Encoding", "gzip")
        if fault == "chunked":
            self.send_header("Connection", "close")
        else:
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()

        try:
            if fault in ("reset", "short"):
                self.wfile.write(payload[: len(payload) // 2])
                self.wfile.flush()
                if fault == "reset":
                    # SO_LINGER with a zero timeout makes close() send a RST.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()
            elif fault == "stall":
                self.wfile.write(payload[:1024])
                self.wfile.flush()
                time.sleep(30)
                self.close_connection = True
            elif fault == "drip":
                for i in range(0, min(len(payload), 480), 2):
                    self.wfile.write(payload[i:i + 2])
                    self.wfile.flush()
                    time.sleep(0.5)
                self.close_connection = True
            elif fault == "slow":
                for i in range(0, len(payload), 16384):
                    self.wfile.write(payload[i:i + 16384])
                    self.wfile.flush()
                    time.sleep(0.05)
            else:
                self.wfile.write(payload)
                if fault == "chunked":
                    self.close_connection = True
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # Clients that hang up (a cancelled download, a client that gave
        # up on a stalled body) are part of the tests, not server errors.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="directory of the files to serve")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--alias", action="append", default=[], metavar="NAME=FILE")
    parser.add_argument("--ignore-stdin", action="store_true",
                        help="keep running when standard input is closed")
    args = parser.parse_args()

    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args.root)
    for spec in args.alias:
        name, _, target = spec.partition("=")
        server.state.aliases[name] = target

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        os._exit(0)

    if not args.ignore_stdin:
        threading.Thread(target=watch_stdin, daemon=True).start()
    # Compressing the bomb takes seconds on a loaded machine: made ahead, so
    # that its first request is not slow enough to trip a client's
    # low-speed limit (and be retried).
    threading.Thread(target=gzip_bomb, daemon=True).start()
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
