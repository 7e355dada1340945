#!/usr/bin/env python3
"""Parsing and summarising for bench/run.sh (stdlib only).

Subcommands:
  parse-producer FILE PREFIX   ProducerPerformance stdout -> PREFIX_rec_s=..., PREFIX_p99_ms=... lines
  parse-consumer FILE PREFIX   ConsumerPerformance stdout -> PREFIX_fetch_mb_s=..., PREFIX_mb_s=..., ...
  parse-e2e FILE PREFIX        EndToEndLatency stdout     -> PREFIX_avg_ms=..., PREFIX_p99_ms=..., ...
  report RUN_DIR               reads RUN_DIR/r*-*/metrics.env (+ failures.txt), RUN_DIR/machine.txt and
                               RUN_DIR/command.txt; prints the table, writes RUN_DIR/RESULTS.md

A parse that does not find the tool's summary line prints nothing to stdout, a reason to stderr,
and exits 1, so run.sh records the workload as failed.
"""
import datetime
import pathlib
import re
import statistics
import sys

SYSTEMS = ["rafka", "kafka"]
SYSTEM_NAMES = {"rafka": "Rafka", "kafka": "Kafka"}

# (key, label, better) in table order; better is "lower", "higher" or "info" (no direction).
METRICS = [
    ("startup_ms", "start-up to first Metadata listing a broker (ms)", "lower"),
    ("idle_rss_mb", "idle RSS 3 s after start-up (MiB)", "lower"),
    ("kafka_format_ms", "Kafka only: `kafka-storage format` before start (ms)", "info"),
]


def producer_rows(wid, title, throughput_better, rss_label):
    """The rows of one ProducerPerformance run; a fixed-rate run's throughput is only a check ("info")."""
    return [
        (f"{wid}_rec_s", f"{title}: records/s", throughput_better),
        (f"{wid}_mb_s", f"{title}: MB/s", throughput_better),
        (f"{wid}_avg_ms", f"{title}: avg latency (ms)", "lower"),
        (f"{wid}_p50_ms", f"{title}: p50 latency (ms)", "lower"),
        (f"{wid}_p99_ms", f"{title}: p99 latency (ms)", "lower"),
        (f"{wid}_p999_ms", f"{title}: p99.9 latency (ms)", "lower"),
        (f"{wid}_max_ms", f"{title}: max latency (ms)", "lower"),
        (f"{wid}_peak_rss_mb", f"{title}: {rss_label} (MiB)", "lower"),
    ]


METRICS += producer_rows("w1", "w1 acks=1", "higher", "broker peak RSS during it")
METRICS += producer_rows("w1b", "w1b acks=all", "higher", "broker peak RSS during it")
METRICS += [
    ("w2_rec_s", "w2 acks=all 5,000/s: achieved records/s", "info"),
    ("w2_avg_ms", "w2 acks=all 5,000/s: avg latency (ms)", "lower"),
    ("w2_p50_ms", "w2 acks=all 5,000/s: p50 latency (ms)", "lower"),
    ("w2_p99_ms", "w2 acks=all 5,000/s: p99 latency (ms)", "lower"),
    ("w2_p999_ms", "w2 acks=all 5,000/s: p99.9 latency (ms)", "lower"),
    ("w2_max_ms", "w2 acks=all 5,000/s: max latency (ms)", "lower"),
    ("w4_fetch_mb_s", "w4 consume: fetch.MB.sec (excl. group join)", "higher"),
    ("w4_mb_s", "w4 consume: MB.sec (total)", "higher"),
    ("w4_rebalance_ms", "w4 consume: rebalance.time.ms (group join)", "lower"),
    ("w4_peak_rss_mb", "w4 consume: broker peak RSS during it (MiB)", "lower"),
    ("w5_create_ms", "w5 create 1,000-partition topic until all led (ms)", "lower"),
    ("w5_writable_ms", "w5 … until 1 record per partition acked (ms)", "lower"),
    ("w5_rec_s", "w5 produce over 1,000 partitions: records/s", "higher"),
    ("w5_mb_s", "w5 produce over 1,000 partitions: MB/s", "higher"),
    ("w5_p99_ms", "w5 produce over 1,000 partitions: p99 latency (ms)", "lower"),
    ("w5_peak_rss_mb", "w5: broker peak RSS during it (MiB)", "lower"),
    ("w6_avg_ms", "w6 end-to-end latency, 1 at a time: avg (ms)", "lower"),
    ("w6_p50_ms", "w6 end-to-end latency: p50 (ms)", "lower"),
    ("w6_p99_ms", "w6 end-to-end latency: p99 (ms)", "lower"),
    ("w6_p999_ms", "w6 end-to-end latency: p99.9 (ms)", "lower"),
    ("c_startup_ms", "3 nodes: start-up, first launch until Metadata lists all three (ms)", "lower"),
    ("c_idle_rss_mb", "3 nodes: idle RSS, sum of the three (MiB)", "lower"),
]
METRICS += producer_rows("w3", "w3 3 nodes RF 3 acks=all", "higher", "peak RSS, sum of the three")
METRICS += producer_rows("w3r", "w3r 3 nodes RF 3 acks=all 5,000/s", "info", "peak RSS, sum of the three")
METRICS += [
    ("w7_failover_ms", "w7 kill -9 a partition leader: until its partition acks again (ms)", "lower"),
    ("w7_others_max_ms", "w7 … until every other partition acks again (ms)", "lower"),
    ("w7c_failover_ms", "w7c kill -9 the active controller: until its partition acks again (ms)", "lower"),
    ("w7c_others_max_ms", "w7c … until every other partition acks again (ms)", "lower"),
    ("stop_ms", "SIGTERM until the process exited (ms)", "lower"),
    ("final_rss_mb", "RSS just before stop (MiB)", "lower"),
    ("bg_cpu_pct", "noise: other processes' CPU just before the run (% of machine)", "info"),
    ("foreign_cpu_pct", "noise: other processes' CPU during the run (% of machine)", "info"),
]

PRODUCER_RE = re.compile(
    r"(\d+) records sent, ([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency, "
    r"([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th")


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def parse_producer(path, prefix):
    lines = [m for m in (PRODUCER_RE.search(line) for line in open(path, errors="replace")) if m]
    if not lines:
        fail(f"no ProducerPerformance summary line in {path}")
    # The last match is the final summary; the earlier ones are 5-second progress lines.
    sent, rec_s, mb_s, avg, mx, p50, p95, p99, p999 = lines[-1].groups()
    out = dict(records=sent, rec_s=rec_s, mb_s=mb_s, avg_ms=avg, max_ms=mx,
               p50_ms=p50, p95_ms=p95, p99_ms=p99, p999_ms=p999)
    for key, value in out.items():
        print(f"{prefix}_{key}={value}")


def parse_consumer(path, prefix):
    rows = [line.strip() for line in open(path, errors="replace") if line.strip()]
    header_index = next((i for i, r in enumerate(rows) if r.startswith("start.time")), None)
    if header_index is None or header_index + 1 >= len(rows):
        fail(f"no ConsumerPerformance result line in {path}")
    names = [n.strip() for n in rows[header_index].split(",")]
    values = [v.strip() for v in rows[header_index + 1].split(",")]
    if len(values) != len(names):
        fail(f"ConsumerPerformance result line does not match its header in {path}")
    row = dict(zip(names, values))
    print(f"{prefix}_records={row['data.consumed.in.nMsg']}")
    print(f"{prefix}_mb={row['data.consumed.in.MB']}")
    print(f"{prefix}_mb_s={row['MB.sec']}")
    print(f"{prefix}_fetch_mb_s={row['fetch.MB.sec']}")
    print(f"{prefix}_rebalance_ms={row['rebalance.time.ms']}")
    print(f"{prefix}_fetch_ms={row['fetch.time.ms']}")


def parse_e2e(path, prefix):
    text = open(path, errors="replace").read()
    avg = re.search(r"Avg latency: ([\d.]+) ms", text)
    pct = re.search(r"Percentiles: 50th = ([\d.]+), 99th = ([\d.]+), 99\.9th = ([\d.]+)", text)
    if not avg or not pct:
        fail(f"no EndToEndLatency summary in {path}")
    print(f"{prefix}_avg_ms={avg.group(1)}")
    print(f"{prefix}_p50_ms={pct.group(1)}")
    print(f"{prefix}_p99_ms={pct.group(2)}")
    print(f"{prefix}_p999_ms={pct.group(3)}")


def read_env(path):
    values = {}
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    return values


def fmt(value):
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def cell(values):
    if not values:
        return "–"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt(med)
    return f"{fmt(med)} [{fmt(min(values))}–{fmt(max(values))}]"


def report(run_dir):
    run_dir = pathlib.Path(run_dir)
    runs = []  # (round, system, metrics, failures text)
    noisy = []  # runs set aside because other processes used the machine; (dir name, metrics, failures)
    for d in sorted(run_dir.glob("r*-*")):
        m = re.fullmatch(r"r(\d+)-(rafka|kafka)(\.noisy-\d+)?", d.name)
        if not m or not (d / "metrics.env").exists():
            continue
        failures = (d / "failures.txt").read_text(errors="replace") if (d / "failures.txt").exists() else ""
        if m.group(3):
            noisy.append((d.name, read_env(d / "metrics.env"), failures))
        else:
            runs.append((int(m.group(1)), m.group(2), read_env(d / "metrics.env"), failures))
    runs.sort(key=lambda r: (r[0], int(r[2].get("order", "0"))))

    table = ["| metric | better | Rafka median [min–max] | Kafka median [min–max] | Rafka/Kafka |",
             "| --- | --- | --- | --- | --- |"]
    for key, label, better in METRICS:
        per_system = {}
        for system in SYSTEMS:
            per_system[system] = [float(r[2][key]) for r in runs
                                  if r[1] == system and key in r[2] and r[2][key] != ""]
        if not per_system["rafka"] and not per_system["kafka"]:
            continue
        ratio = "–"
        if (per_system["rafka"] and per_system["kafka"] and statistics.median(per_system["kafka"]) > 0
                and not key.endswith("_cpu_pct")):
            ratio = f"{statistics.median(per_system['rafka']) / statistics.median(per_system['kafka']):.2f}"
        arrow = {"lower": "lower ↓", "higher": "higher ↑", "info": "–"}[better]
        table.append(f"| {label} | {arrow} | {cell(per_system['rafka'])} | {cell(per_system['kafka'])} | {ratio} |")

    failed = [r for r in runs if r[3].strip()]
    fail_lines = []
    for rnd, system, metrics, failures in failed:
        fail_lines.append(f"### round {rnd}, {SYSTEM_NAMES[system]}\n\n```\n{failures.strip()}\n```\n")

    # Transposed: one row per metric, one column per run, in the order the runs happened.
    raw = ["| metric | " + " | ".join(f"r{r[0]} {SYSTEM_NAMES[r[1]]}" for r in runs) + " |",
           "| --- | " + " | ".join("---" for _ in runs) + " |"]
    for key, _, _ in METRICS:
        if any(key in r[2] for r in runs):
            raw.append(f"| {key} | " + " | ".join(r[2].get(key, "–") for r in runs) + " |")

    machine = (run_dir / "machine.txt").read_text(errors="replace").strip() if (run_dir / "machine.txt").exists() else "?"
    command = (run_dir / "command.txt").read_text(errors="replace").strip() if (run_dir / "command.txt").exists() else "?"
    settings = (run_dir / "settings.txt").read_text(errors="replace").strip() if (run_dir / "settings.txt").exists() else ""
    wall = (run_dir / "wall.txt").read_text().strip() if (run_dir / "wall.txt").exists() else "?"

    table_text = "\n".join(table)
    print(table_text)
    if failed:
        print(f"\nFAILURES in {len(failed)} run(s): see {run_dir}/RESULTS.md and each run's failures.txt")

    md = [
        "# Rafka vs Apache Kafka: benchmark results",
        "",
        "Written by `bench/run.sh` (`bench/lib/summarize.py report`); do not edit by hand, re-run instead.",
        "How to read it: `bench/README.md`.",
        "",
        f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- command: `{command}`",
        f"- wall time of the whole run: {wall}",
        f"- raw output: `{run_dir.name}/` under `bench/target/` (not committed)",
        "",
        "## Machine",
        "",
        "```",
        machine,
        "```",
        "",
        "## Settings",
        "",
        "```",
        settings,
        "```",
        "",
        "## Results",
        "",
        "Median over rounds, [min–max] beside it; ratio = Rafka median / Kafka median. "
        "\"better\" says which direction wins for that row.",
        "",
        table_text,
        "",
        "## Failures",
        "",
    ]
    md += fail_lines if fail_lines else ["None: every workload of every run completed.", ""]
    if noisy:
        md += ["## Runs set aside as noisy", "",
               "Other processes used too much of the machine during these runs (`foreign_cpu_pct`); each was "
               "run again and is left out of the table. Their failures, if any, are listed too.", ""]
        for name, metrics, failures in noisy:
            md.append(f"- `{name}`: other processes used {metrics.get('foreign_cpu_pct', '?')} % of the machine"
                      + (f"; failures:\n\n```\n{failures.strip()}\n```" if failures.strip() else ""))
        md.append("")
    md += ["## Raw figures, every round", "", "Order within a round is the order the systems ran.", ""]
    md += raw
    md.append("")
    (run_dir / "RESULTS.md").write_text("\n".join(md))


def main(argv):
    if len(argv) < 2:
        fail(__doc__)
    command = argv[1]
    if command == "parse-producer" and len(argv) == 4:
        parse_producer(argv[2], argv[3])
    elif command == "parse-consumer" and len(argv) == 4:
        parse_consumer(argv[2], argv[3])
    elif command == "parse-e2e" and len(argv) == 4:
        parse_e2e(argv[2], argv[3])
    elif command == "report" and len(argv) == 3:
        report(argv[2])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main(sys.argv)
