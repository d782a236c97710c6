#!/usr/bin/python3
"""Executes a notebook headless and writes it with its outputs.

    /usr/bin/python3 docs/notebooks/execute.py IN.ipynb OUT.ipynb [--kernel NAME]
        [--startup-timeout S] [--cell-timeout S] [--attempts N]

Uses Debian's python3-nbclient / jupyter-client. rapaio-jupyter-kernel 3.0.1 sometimes never
answers its first request (a race between its loop threads, about one start in four here), so
a kernel that is not ready within --startup-timeout seconds is shut down and started again, and
this script says so on stderr. Cells tagged "raises-exception" may fail (they show errors on
purpose); any other failing cell fails the run (exit status 1).
"""
import argparse
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--kernel", default=None, help="kernel name (default: the notebook's kernelspec)")
    ap.add_argument("--startup-timeout", type=float, default=15)
    ap.add_argument("--cell-timeout", type=float, default=600)
    ap.add_argument("--attempts", type=int, default=5)
    args = ap.parse_args()

    cwd = os.path.dirname(os.path.abspath(args.input))
    for attempt in range(1, args.attempts + 1):
        nb = nbformat.read(args.input, as_version=4)
        name = args.kernel or nb.metadata.get("kernelspec", {}).get("name")
        client = NotebookClient(nb, kernel_name=name, timeout=int(args.cell_timeout),
                                startup_timeout=int(args.startup_timeout), resources={"metadata": {"path": cwd}})
        try:
            client.execute(cwd=cwd)
            nbformat.write(nb, args.output)
            if attempt > 1:
                print(f"kernel {name} answered on attempt {attempt}", file=sys.stderr)
            return 0
        except CellExecutionError as e:
            nbformat.write(nb, args.output)
            print(str(e), file=sys.stderr)
            return 1
        except RuntimeError as e:
            if "didn't respond" not in str(e):
                raise
            print(f"kernel {name} did not answer within {args.startup_timeout:g} s (attempt {attempt} of"
                  f" {args.attempts}); restarting it", file=sys.stderr)
            if client.km is not None:
                client._cleanup_kernel()
    print(f"kernel {name} did not answer in {args.attempts} attempts", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
