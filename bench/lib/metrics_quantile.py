#!/usr/bin/env python3
"""Reads Prometheus text from stdin and prints the share of requests of one
route answered within each histogram bucket, and the bucket that holds the
99th percentile (server-side latency, without the network and the client).

usage: curl -s .../metrics | metrics_quantile.py /api/search [METHOD, default GET]
"""
import re
import sys

route = sys.argv[1]
method = sys.argv[2] if len(sys.argv) > 2 else "GET"
buckets = []
for line in sys.stdin:
    m = re.match(r'stadtkern_http_request_duration_seconds_bucket\{method="([^"]*)",route="([^"]*)",le="([^"]+)"\} (\S+)', line)
    if m and m.group(1) == method and m.group(2) == route:
        buckets.append((float("inf") if m.group(3) == "+Inf" else float(m.group(3)), float(m.group(4))))
if not buckets:
    sys.exit(f"no histogram for route {route}")
total = buckets[-1][1]
p99 = next(le for le, count in buckets if count >= 0.99 * total)
within5 = next(count for le, count in buckets if le >= 0.005) / total
print(f"requests={int(total)} p99<={p99 * 1000:g}ms within_5ms={within5 * 100:.2f}%")
