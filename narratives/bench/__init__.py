"""`narratives bench`: throughput, floor, naive baseline, memory and API latency.

Each case runs in its own subprocess (`python -m narratives.bench.cases CASE`) so its
peak RSS is its own; `runner` starts them, combines their JSON and derives the ratios.
"""
