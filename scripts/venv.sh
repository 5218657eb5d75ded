# Sourced by ./run and tests/run.sh (POSIX sh): make sure the project's virtual environment
# exists and holds this checkout (editable) and its dependencies, then set PY to its python.
#
# Why a virtual environment: Debian 12 and Ubuntu 24.04 refuse `pip install` into the system
# Python (PEP 668, "externally-managed-environment"); a venv is the standard place for a
# project's packages on every system, so the same two commands work everywhere, without
# --break-system-packages. It sees the system's packages (--system-site-packages), so what is
# already installed is not downloaded again; what is missing or too old goes into .venv only.
#
# Environment: WUSONG_PYTHON (default python3) makes the venv; WUSONG_VENV (default .venv) is
# where. Afterwards the venv is first on PATH and PYTHON names its python, so every python3 a
# test or script starts (packaging/linux/build.sh, subprocesses) runs inside it too.

ensure_venv() {
  extras="$1" # "" for the app, "[test,build]" for the tests
  venv="${WUSONG_VENV:-.venv}"
  base="${WUSONG_PYTHON:-python3}"
  if [ ! -x "$venv/bin/python" ]; then
    if ! command -v "$base" >/dev/null 2>&1; then
      echo "没有找到 $base：请先安装 Python 3.11 或更新的版本，然后再运行这条命令。" >&2
      exit 1
    fi
    if ! "$base" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "本程序需要 Python 3.11 或更新的版本，现在的 $base 是 $("$base" -V 2>&1)：请安装新版本后再运行。" >&2
      exit 1
    fi
    if ! "$base" -c 'import ensurepip, venv' >/dev/null 2>&1; then
      # Debian and Ubuntu ship venv's pip bootstrap separately, in python3-venv.
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "正在安装 python3-venv（建立虚拟环境要用）……" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      else
        echo "建立虚拟环境需要系统软件包 python3-venv：请先运行 sudo apt install python3-venv，然后再运行这条命令。" >&2
        exit 1
      fi
    fi
    echo "正在建立本项目的虚拟环境 $venv（只在第一次）……" >&2
    "$base" -m venv --system-site-packages "$venv"
  fi
  PY="$venv/bin/python"
  VIRTUAL_ENV="$(cd "$venv" && pwd)"
  PATH="$VIRTUAL_ENV/bin:$PATH"
  PYTHON="$VIRTUAL_ENV/bin/python"
  export VIRTUAL_ENV PATH PYTHON
  # Reinstall only when pyproject.toml (the dependencies) or the extras changed.
  stamp="$venv/.wusong-installed"
  want="$(cksum < pyproject.toml) $extras"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "正在把本程序和它用到的软件包装进 $venv（第一次需要联网，要几分钟）……" >&2
    "$PY" -m pip install --quiet --disable-pip-version-check -e ".$extras"
    printf '%s' "$want" > "$stamp"
  fi
}
