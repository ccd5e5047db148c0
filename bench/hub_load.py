"""A class arriving at the hub: N simulated trainees (default 20) over 60 s, against one
trainee alone as the baseline in the same run (three lone trainees, one after another: median).

Boots a class server the way `make hub` does (real local accounts `lt-*`, its own PostgreSQL
cluster, loopback only; all removed at the end). Each trainee logs in, starts a server, opens
module 01 in JupyterLab, runs its cells through the kernel websocket and answers its questions
through the widgets' comm messages (bench/hubload/). Prints server start p50/p95, module run
and cell execution p95, answer round trips, failures, CPU-seconds per server start, memory per
trainee, each beside the lone trainee's figure with the ratio. Aims: 0 failures, p95 server
start <= 3x alone. Exit 1 when an aim is missed. Needs root (accounts).

    python bench/hub_load.py [--trainees 20] [--arrival 60] [--alone 3] [--seed 14] [--json F]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import sys
import time
from dataclasses import asdict

from hubload import procstat
from hubload.classhub import PREFIX, class_server
from hubload.trainee import Trainee

from course_lib.content.bank import load_questions

MAX_TRAINEES, MAX_ARRIVAL, MAX_DEADLINE = 50, 300, 1800  # the bench stays bounded


def measure(trainee) -> None:
    trainee.journey.start_cpu_s = procstat.cpu_seconds(trainee.name)


async def measure_done(trainee) -> None:
    j = trainee.journey
    j.pss_mb, j.rss_mb = procstat.memory_mb(trainee.name)
    j.work_cpu_s = procstat.cpu_seconds(trainee.name) - j.start_cpu_s


async def wave(url, passwords, names, offsets, questions, deadline) -> list:
    """Each trainee starts at their offset; everyone still busy at the deadline has failed."""
    trainees = [Trainee(url, n, passwords[n], questions, measure, measure_done) for n in names]
    start = time.perf_counter()

    async def arrive(trainee, offset):
        await asyncio.sleep(offset)
        trainee.journey.arrived = time.perf_counter() - start
        await trainee.run()

    tasks = [asyncio.ensure_future(arrive(t, o)) for t, o in zip(trainees, offsets, strict=True)]
    done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for t in trainees:
        if t.journey.failure is None and t.journey.stage != "done":
            t.journey.failure = f"{t.journey.stage}: still running at the {deadline:.0f} s limit"
    return [t.journey for t in trainees]


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def row(label: str, alone: float | None, crowd: list[float], unit: str = "s") -> str:
    if alone is None or not crowd:
        return f"{label:34} {'—':>8}"
    p50, p95 = pct(crowd, 50), pct(crowd, 95)
    ratio = p95 / alone if alone else float("nan")
    return f"{label:34} {alone:8.2f} {p50:8.2f} {p95:8.2f} {ratio:7.2f}  {unit}"


def alone(solos: list, attr: str) -> float | None:
    """The lone trainees' median: one start alone is at the mercy of whatever else runs."""
    values = [getattr(j, attr) for j in solos if not j.failure and getattr(j, attr) is not None]
    return statistics.median(values) if values else None


def report(solos, crowd, hub_cpu, hub_pss, total_pss, n, arrival) -> bool:
    ok = [j for j in crowd if j.failure is None]
    print(f"\nhub load: {n} trainees over {arrival:.0f} s, module 01 run and answered through "
          f"widget comm messages; baseline: {len(solos)} trainees one at a time (median), same "
          f"hub, same run")
    print(f"{'':34} {'alone':>8} {'p50':>8} {'p95':>8} {'p95/1':>7}")
    print(row("server start", alone(solos, "start_s"), [j.start_s for j in ok]))
    print(row("CPU per server start", alone(solos, "start_cpu_s"),
              [j.start_cpu_s for j in ok], "CPU-s"))
    print(row("module 01 run (every cell)", alone(solos, "module_s"), [j.module_s for j in ok]))
    print(row("one cell's execution", pct([s for j in solos for s in j.cells_s], 95),
              [s for j in ok for s in j.cells_s]))
    print(row("answer: controls + Check -> verdict",
              pct([s for j in solos for s in j.answers_s], 95),
              [s for j in ok for s in j.answers_s]))
    print(row("CPU to open, run and answer 01", alone(solos, "work_cpu_s"),
              [j.work_cpu_s for j in ok], "CPU-s"))
    print(row("memory per trainee (PSS)", alone(solos, "pss_mb"), [j.pss_mb for j in ok], "MiB"))
    print(row("memory per trainee (RSS)", alone(solos, "rss_mb"), [j.rss_mb for j in ok], "MiB"))
    print(f"{'hub + proxy + services CPU/trainee':34} {hub_cpu[0]:8.2f} {hub_cpu[1]:8.2f}"
          f"{'':18}CPU-s (mean)")
    print(f"hub + proxy + services memory: {hub_pss:.0f} MiB; all {n} trainees' processes at "
          f"the end: {total_pss:.0f} MiB")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          f"(other work on the machine shows here)")
    failures = [j for j in [*solos, *crowd] if j.failure]
    print(f"failures: {len(failures)} of {n + len(solos)}")
    for j in failures:
        print(f"    {j.name}: {j.failure}")
    base = alone(solos, "start_s")
    start_ratio = pct([j.start_s for j in ok], 95) / base if ok and base else 0
    met = not failures and 0 < start_ratio <= 3.0
    print(f"aims: 0 failures; p95 server start <= 3x alone ({start_ratio:.2f}x): "
          f"{'met' if met else 'NOT met'}")
    return met


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--trainees", type=int, default=20)
    p.add_argument("--arrival", type=float, default=60.0, help="seconds over which they arrive")
    p.add_argument("--alone", type=int, default=3, help="lone trainees before the class")
    p.add_argument("--seed", type=int, default=14, help="arrival times: uniform, this seed")
    p.add_argument("--deadline", type=float, default=900.0, help="the whole wave's limit, s")
    p.add_argument("--json", help="write every trainee's measurements here")
    args = p.parse_args(argv)
    if not (1 <= args.trainees <= MAX_TRAINEES and 1 <= args.alone <= 5
            and 0 <= args.arrival <= MAX_ARRIVAL and 0 < args.deadline <= MAX_DEADLINE):
        p.error(f"bounds: 1-{MAX_TRAINEES} trainees, 1-5 alone, arrival <= {MAX_ARRIVAL} s, "
                f"deadline <= {MAX_DEADLINE} s")
    # a plain `kill` must still remove the accounts and the cluster (class_server's finally)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if os.geteuid() != 0:
        print("hub_load: needs root (it creates real accounts and a PostgreSQL cluster)",
              file=sys.stderr)
        return 2
    questions = {q.id: q for q in load_questions("m01")}
    solo_names = [f"{PREFIX}solo{n}" for n in range(1, args.alone + 1)]
    names = [f"{PREFIX}{n:02d}" for n in range(1, args.trainees + 1)]
    rng = random.Random(args.seed)
    offsets = sorted(rng.uniform(0, args.arrival) for _ in names)
    print(f"hub_load: booting a class server with {len(names) + len(solo_names)} accounts ... "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
    with class_server([*solo_names, *names]) as (url, passwords, hub_pid):
        everyone = {*solo_names, *names}
        before = procstat.hub_usage(hub_pid, everyone)[0]
        solos = []
        for name in solo_names:
            solos += asyncio.run(wave(url, passwords, [name], [0.0], questions, 300))
            # each lone trainee's server stops before the next: the class runs N, not N+k
            asyncio.run(_stop_server(url, name, passwords[name]))
        middle = procstat.hub_usage(hub_pid, everyone)[0]
        print(f"hub_load: baseline done; {len(names)} trainees arrive over {args.arrival:.0f} s",
              flush=True)
        crowd = asyncio.run(wave(url, passwords, names, offsets, questions, args.deadline))
        hub_cpu, hub_pss = procstat.hub_usage(hub_pid, everyone)
        total_pss = sum(procstat.memory_mb(n)[0] for n in names)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"alone": [asdict(j) for j in solos], "crowd": [asdict(j) for j in crowd],
                       "offsets": offsets}, f, indent=1)
    met = report(solos, crowd, ((middle - before) / len(solos), (hub_cpu - middle) / len(names)),
                 hub_pss, total_pss, len(names), args.arrival)
    return 0 if met else 1


async def _stop_server(url: str, name: str, password: str) -> None:
    trainee = Trainee(url, name, password, {}, None, None)
    await trainee.stop_server()


if __name__ == "__main__":
    sys.exit(main())
