#!/usr/bin/env python3
"""Edit-to-served latency of `gazette serve`: figures, not assertions.

    benches/serve_edits.py GAZETTE SITE [EDITS] [GAP_SECONDS]

Starts `GAZETTE serve` on SITE (e.g. a site from examples/gen_corpus.rs), then EDITS
times (default 20) rewrites one article's title in place (truncate and write, as
std::fs::write and many editors do) and polls its page over HTTP every 2 ms until the new
title is served. Waits GAP_SECONDS (default 0.5) between edits, restores the article and
prints each latency, p50, p95 and max. With one core busy:

    (while :; do :; done) & HOG=$!; benches/serve_edits.py ...; kill $HOG
"""
import glob
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def main():
    gazette, site = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    gap = float(sys.argv[4]) if len(sys.argv) > 4 else 0.5
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [gazette, "serve", "--root", site, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    printed = []
    threading.Thread(
        target=lambda: [printed.append(line.rstrip()) for line in server.stdout],
        daemon=True,
    ).start()

    def get(path):
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            s.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(1 << 16):
                data += chunk
        return data.decode("utf-8", "replace")

    deadline = time.time() + 600
    while not any(line.startswith("Serving") for line in printed):
        if server.poll() is not None or time.time() > deadline:
            sys.exit("serve did not start:\n" + "\n".join(printed))
        time.sleep(0.05)

    # An article with a fixed slug, so a new title keeps its URL (an incremental update).
    articles = sorted(glob.glob(f"{site}/content/**/*.md", recursive=True))
    article = next(a for a in articles[137:] + articles if "\nslug: " in open(a).read())
    text = open(article).read()
    slug = re.search(r"^slug: (.+)$", text, re.M).group(1).strip()
    year, month = re.search(r'^date: "?(\d{4})-(\d{2})', text, re.M).groups()
    url = f"/{year}/{month}/{slug}/"
    title = re.search(r"^title: (.*)$", text, re.M).group(1)
    assert get(url).startswith("HTTP/1.0 200"), url

    latencies = []
    try:
        for i in range(edits):
            new = f"Edited {i}-{time.time_ns()}"
            edited = text.replace(f"title: {title}", f'title: "{new}"', 1)
            start = time.perf_counter()
            with open(article, "w") as f:
                f.write(edited)
            while new not in get(url):
                if time.perf_counter() - start > 60:
                    sys.exit(f"edit {i} not served after 60 s")
                time.sleep(0.002)
            latencies.append((time.perf_counter() - start) * 1000)
            print(f"edit {i}: {latencies[-1]:.0f} ms", flush=True)
            time.sleep(gap)
    finally:
        with open(article, "w") as f:
            f.write(text)
        time.sleep(1)
        server.terminate()
        server.wait()
    ranked = sorted(latencies)
    p95 = ranked[max(0, round(0.95 * len(ranked)) - 1)]
    rebuilds = sum(line.startswith("Rebuilt") for line in printed)
    print(
        f"p50 {statistics.median(ranked):.0f} ms, p95 {p95:.0f} ms, max {ranked[-1]:.0f} ms "
        f"over {len(ranked)} edits; {rebuilds} rebuilds for {len(ranked) + 1} saves"
    )


if __name__ == "__main__":
    main()
