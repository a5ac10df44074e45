#!/usr/bin/env python3
"""A load check, not a benchmark: offline image jobs through the gateway the way the browser makes them (cookie
session + CSRF header), each person on one keep-alive connection that is reused after the chosen idle gaps (e.g. just
under and over the gateway's keep-alive timeout). Waits for every job to end and prints the final statuses, the POST
answers, network errors (no HTTP answer at all) and every job that did not succeed with its stored error.

  python3 bench/images/jobs-through-gateway.py http://127.0.0.1:8080 10 14 "0,0,0.5,19,21"
  (base URL of a running `./studio run`, people, jobs per person, idle gaps in seconds before each POST)
Start ./studio run with STUDIO_IMAGES_MAX_QUEUED_PER_USER=40 (as the browser tests do) to keep 429s out of the way.
"""
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
import uuid

BASE = sys.argv[1]
USERS = int(sys.argv[2])
PER_USER = int(sys.argv[3])
GAPS = [float(g) for g in sys.argv[4].split(",")] if len(sys.argv) > 4 and sys.argv[4] else [0]
u = urllib.parse.urlparse(BASE)
HOST, PORT = u.hostname, u.port

lock = threading.Lock()
reg_lock = threading.Lock()
net_errors = []      # (user, what, exception) for errors without an HTTP status
statuses = {}        # status code -> count for POST /api/images
jobs = []            # (user index, job id)


class Browser:
    def __init__(self, name):
        self.name = name
        self.cookies = {}
        self.conn = None
        self.reused = 0

    def _conn(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
        return self.conn

    def request(self, method, path, body=None):
        headers = {"Accept": "application/json", "Origin": BASE}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "studio_csrf" in self.cookies and method not in ("GET", "HEAD"):
            headers["X-CSRF-Token"] = urllib.parse.unquote(self.cookies["studio_csrf"])
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn = self._conn()
        was_open = conn.sock is not None
        try:
            conn.request(method, path, body=data, headers=headers)
            res = conn.getresponse()
            text = res.read()
        except Exception as e:  # a network error: no HTTP answer at all
            conn.close()
            self.conn = None
            with lock:
                net_errors.append((self.name, f"{method} {path} (reused connection: {was_open})", repr(e)))
            return None, None
        if was_open:
            self.reused += 1
        for value in res.headers.get_all("Set-Cookie") or []:
            k, v = value.split(";", 1)[0].split("=", 1)
            self.cookies[k.strip()] = v.strip()
        if (res.getheader("Connection") or "").lower() == "close":
            conn.close()
            self.conn = None
        return res.status, text


def user_flow(i):
    b = Browser(f"u{i}")
    b.request("GET", "/api/auth/me")  # CSRF cookie
    with reg_lock:
        for attempt in range(10):
            name = "load" + uuid.uuid4().hex[:10]
            s, t = b.request("POST", "/api/auth/register", {"username": name, "password": "correct horse battery staple " + uuid.uuid4().hex[:6]})
            if s == 201:
                break
            print("register", s, t, flush=True)
        else:
            return
    for n in range(PER_USER):
        gap = random.choice(GAPS)
        if gap:
            time.sleep(gap)
        body = {"model": "offline-pattern", "prompt": f"load {i} {n}", "width": 128, "height": 128, "steps": 1}
        while True:
            s, t = b.request("POST", "/api/images", body)
            with lock:
                statuses[s] = statuses.get(s, 0) + 1
            if s == 202:
                with lock:
                    jobs.append((b, json.loads(t)["id"]))
                break
            if s in (429,):
                time.sleep(0.5)
                continue
            if s is None:
                time.sleep(0.2)
                continue
            print("POST", s, t[:300], flush=True)
            break
    # wait for this user's jobs
    deadline = time.time() + 600
    while time.time() < deadline:
        s, t = b.request("GET", "/api/images?limit=100")
        if s == 200:
            items = json.loads(t)["items"]
            if not [j for j in items if j["status"] in ("queued", "running")]:
                with lock:
                    for j in items:
                        final[j["id"]] = j
                return
        time.sleep(2)
    print("user", i, "timed out waiting for its jobs", flush=True)


final = {}
started = time.time()
threads = [threading.Thread(target=user_flow, args=(i,)) for i in range(USERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
by = {}
for j in final.values():
    by[j["status"]] = by.get(j["status"], 0) + 1
print(json.dumps({"seconds": round(time.time() - started, 1), "jobs_accepted": len(jobs), "final": by,
                  "post_statuses": {str(k): v for k, v in statuses.items()}, "network_errors": len(net_errors)}))
for e in net_errors:
    print("NETWORK ERROR", e)
for j in final.values():
    if j["status"] != "succeeded":
        print("NOT SUCCEEDED", j["id"], j["status"], j.get("attempts"), j.get("error"))
    elif j.get("attempts", 1) != 1:
        print("SUCCEEDED AFTER", j["attempts"], "attempts", j["id"], j.get("error"))
