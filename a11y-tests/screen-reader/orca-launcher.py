"""Starts Orca exactly as /usr/bin/orca does, but with its debug log line-buffered.

Usage: /usr/bin/python3 orca-launcher.py LOG_FILE [orca options...]

`orca --debug-file` opens the log block-buffered, so what Orca says reaches the file only in
8 kB chunks (or when Orca exits); the harness needs each utterance as it is spoken. Here the
log is opened line-buffered first and Orca's own launcher runs without --debug-file, so it
keeps this file. INFO level is enough for every "SPEECH DISPATCHER: Speaking" record and keeps
Orca quick. Run it with the system python, which has pyatspi.
"""

import importlib.machinery
import importlib.util
import sys

from orca import debug

log_file, orca_args = sys.argv[1], sys.argv[2:]
debug.debugLevel = debug.LEVEL_INFO
debug.eventDebugLevel = debug.LEVEL_OFF
debug.debugFile = open(log_file, "w", buffering=1, encoding="utf-8")

loader = importlib.machinery.SourceFileLoader("orca_launcher", "/usr/bin/orca")
spec = importlib.util.spec_from_loader("orca_launcher", loader)
launcher = importlib.util.module_from_spec(spec)
loader.exec_module(launcher)

sys.argv = ["orca", *orca_args]
sys.exit(launcher.main())
