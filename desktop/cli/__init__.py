"""``wusong``: the Qt-free command line. Every core capability is reachable from here, which
keeps the core honest. Errors print one Chinese sentence on stderr and exit non-zero."""

import sys
import time

try:
    time.time()
except OverflowError:  # a clock past 2262: Python's own logging import would crash with a traceback
    sys.stderr.write(
        "错误：电脑时钟的年份太大（晚于 2262 年），程序无法运行；"
        "请先在电脑右下角把日期时间改对，再打开（案件库没有改动）。\n"
    )
    raise SystemExit(1) from None

from desktop.cli.entry import main  # noqa: E402

__all__ = ["main"]
