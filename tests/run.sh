#!/bin/sh
# The README's test command: `sh tests/run.sh [pytest options]`. .ci/run calls it on a clean
# checkout. It works with the system Python of Debian 12 / Ubuntu 24.04 (which refuses
# `pip install`, PEP 668) and with any other Python 3.11+, because everything goes into the
# project's virtual environment .venv (scripts/venv.sh): the app, pytest, ruff and mypy.
# Then it checks the style (ruff), the types (mypy) and runs every test; any finding fails.
set -eu
cd "$(dirname "$0")/.."
. ./scripts/venv.sh

# Debian tools some tests drive for real: pdffonts/pdftotext (poppler-utils) to inspect our
# PDFs, LibreOffice to prove real Word-format clients read our .docx, Xvfb libraries for Qt,
# and python3-venv for the virtual environment itself.
need=""
command -v pdffonts >/dev/null 2>&1 || need="$need poppler-utils"
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
# LibreOffice Calc proves real spreadsheet programs read our .xlsx (月报, 台账).
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need="$need libreoffice-calc-nogui"
[ -e /usr/lib/x86_64-linux-gnu/libxcb-icccm.so.4 ] || need="$need libxcb-icccm4 libxcb-keysyms1"
# faketime runs the CLI with a dead-CMOS clock (1970, 2000) in the storage tests.
command -v faketime >/dev/null 2>&1 || need="$need faketime"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
  else
    echo "请先安装这些系统软件包：$need（需要管理员权限）" >&2
    exit 1
  fi
fi

ensure_venv "[test,build]"

# Style and types first: a new finding fails the run (rules and reasons in pyproject.toml).
echo "检查代码风格（ruff）……" >&2
"$PY" -m ruff check --quiet .
"$PY" -m ruff format --check --quiet .
echo "检查类型（mypy）……" >&2
"$PY" -m mypy
exec "$PY" -m pytest "$@"
