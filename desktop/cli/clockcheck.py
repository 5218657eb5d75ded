"""Imported first by the ``desktop.cli`` package: a clock past the year 2262 makes Python's own
logging import crash with a traceback, so the command line refuses it here, in one sentence,
before anything else is imported."""

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
