#!/usr/bin/python3
"""Interrupts a running %%sql cell the way Jupyter does (interrupt_request), for NotebookInterruptIT.

    interrupt_cell.py KERNEL TDR_JAR GO_FILE SQL

Starts KERNEL (restarting it if it does not answer on its shell and control channels:
rapaio-jupyter-kernel 3.0.1 sometimes starts without one of its loop threads), loads TDR, runs "%%sql" over SQL, waits until GO_FILE exists (the
test creates it once the query runs on the server), interrupts the kernel, then runs one more
"%sql select 1" to show the kernel still works. Prints one JSON line per cell:
{"cell": ..., "status": ..., "errors": [...], "text": ...}.
"""
import json
import os
import queue
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager


def loop_threads(km):
    """The kernel's "Shell-N" loop threads (shell and control), from jstack ($TDR_JSTACK)."""
    for _ in range(50):
        out = subprocess.run([os.environ["TDR_JSTACK"], str(km.provisioner.process.pid)],
                             capture_output=True, text=True).stdout
        if out:
            return sum(1 for line in out.splitlines() if line.startswith('"Shell-'))
        time.sleep(0.1)
    return 0


def start(name):
    for attempt in range(5):
        km = KernelManager(kernel_name=name)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=15)
            # The same race can leave the control channel without its loop thread (rapaio names
            # both the shell's and the control's "Shell-N"): then no interrupt ever arrives.
            if loop_threads(km) < 2:
                raise RuntimeError("the kernel started without its control loop")
            return km, kc
        except RuntimeError:
            print(f"kernel {name} did not answer (attempt {attempt + 1}); restarting it", file=sys.stderr)
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    raise SystemExit("the kernel never answered")


def collect(kc, msg_id, timeout=300, also=None):
    """The outputs and reply of request msg_id. rapaio-jupyter-kernel 3.0.1 keeps one "current
    request" for all channels, so what a cell sends after an interrupt names the interrupt as its
    parent: messages with parent `also` count too."""
    ids = {msg_id, also}
    errors, text, status = [], [], None
    deadline = time.time() + timeout
    quiet_until = None
    while time.time() < deadline:
        try:
            reply = kc.get_shell_msg(timeout=0.1)
            if reply["parent_header"].get("msg_id") in ids and reply["msg_type"] == "execute_reply":
                status = reply["content"].get("status", "?")
                quiet_until = time.time() + 1.0  # outputs may come just after the reply
        except queue.Empty:
            pass
        try:
            while True:
                msg = kc.get_iopub_msg(timeout=0.1)
                if msg["parent_header"].get("msg_id") not in ids:
                    continue
                t, c = msg["msg_type"], msg["content"]
                if t == "error":
                    errors.append(c.get("ename", "") + ": " + c.get("evalue", ""))
                elif t in ("execute_result", "display_data"):
                    text.append(c.get("data", {}).get("text/plain", ""))
                elif t == "stream":
                    text.append(c.get("text", ""))
        except queue.Empty:
            pass
        if quiet_until is not None and time.time() > quiet_until:
            break
    return {"status": status, "errors": errors, "text": "".join(text)}


def run(kc, cell, code):
    out = collect(kc, kc.execute(code))
    out["cell"] = cell
    print(json.dumps(out), flush=True)
    return out


def main():
    kernel, jar, go_file, sql = sys.argv[1:5]
    km, kc = start(kernel)
    try:
        run(kc, "jar", "%jar " + jar)
        run(kc, "load", "dev.tdr.notebook.rapaio.TdrRapaio.load()")
        msg_id = kc.execute("%%sql slow\n" + sql)
        while not os.path.exists(go_file):
            time.sleep(0.05)
        interrupt = kc.session.msg("interrupt_request", {})
        kc.control_channel.send(interrupt)  # what KernelManager.interrupt_kernel() sends (interrupt_mode "message")
        out = collect(kc, msg_id, timeout=60, also=interrupt["header"]["msg_id"])
        out["cell"] = "interrupted"
        print(json.dumps(out), flush=True)
        run(kc, "java after", "40 + 2")
        run(kc, "after", "%sql select 1 as one")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
