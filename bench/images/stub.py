#!/usr/bin/env python3
"""An instant stand-in for HuggingFace's text-to-image endpoint: answers every POST with a small PNG at once and
counts the prompts it was asked for, so the benchmark can tell duplicates (a prompt asked twice) from lost jobs."""
import base64, collections, json, sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

# 8x8 grey PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAD0lEQVR4nGNowAEYhpYEAILzYAGc7g8kAAAAAElFTkSuQmCC")
counts = collections.Counter()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        prompt = json.loads(body).get("inputs", "")
        with lock:
            counts[prompt] += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(PNG)))
        self.end_headers()
        self.wfile.write(PNG)

    def do_GET(self):
        with lock:
            stats = {"requests": sum(counts.values()), "prompts": len(counts),
                     "duplicates": sum(c - 1 for c in counts.values() if c > 1)}
            if self.path == "/reset":
                counts.clear()
        data = json.dumps(stats).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
