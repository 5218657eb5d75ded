"""The one seam between click and the mediator: click's help pages and its refusals of a badly
written command line are English ("Error: Invalid value for '--year': 1999 is not in the range
2000<=x<=2100."). Here every usage error becomes ONE Chinese sentence saying what was wrong and
what to do, worked out from the error's kind and the option's own (Chinese) help text, and the
help pages get Chinese headings, value names and notes. ``run`` is what ``wusong`` executes."""

from __future__ import annotations

import ast
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

import click
from click.exceptions import NoArgsIsHelpError

PROG = "wusong"
#: Chinese names of the commands' positional arguments (click shows their upper-cased names).
ARGUMENT_NAMES = {
    "case_no": "案号",
    "case_nos": "案号",
    "text": "要找的文字",
    "path": "台账文件",
    "form": "文书名称",
    "package": "报送包文件",
    "packages": "报送包文件",
    "photos": "证件照片",
}
# Value names click prints after an option (--year INTEGER RANGE) and in usage lines.
_METAVARS = {
    **{name.upper(): chinese for name, chinese in ARGUMENT_NAMES.items()},
    "OPTIONS": "选项",
    "COMMAND": "命令",
    "ARGS": "参数",
    "INTEGER RANGE": "整数",
    "FLOAT RANGE": "数字",
    "INTEGER": "整数",
    "FLOAT": "数字",
    "TEXT": "文字",
    "FILENAME": "文件",
    "FILE": "文件",
    "DIRECTORY": "文件夹",
    "PATH": "路径",
    "BOOLEAN": "是或否",
    "UUID": "编号",
}
_METAVAR_WORDS = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_METAVARS, key=len, reverse=True)) + r")\b"
)
_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_HELP_TEXTS = {
    "Show this message and exit.": "显示这段说明。",
    "Show the version and exit.": "显示版本号。",
}
_NOTE = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
_RANGE = re.compile(r"^(?:(-?[\d.]+)(<=?))?x(?:(<=?)(-?[\d.]+))?$|^x(>=?)(-?[\d.]+)$")


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout with Chinese headings, value names and notes."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _METAVAR_WORDS.sub(_metavar, args), prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Terms and their help in two columns, measured in screen columns (a Chinese character
        takes two: click's own layout counts one and leaves the columns ragged), the help
        wrapped to the width left."""
        items = [(_METAVAR_WORDS.sub(_metavar, t), _definition(d)) for t, d in rows]
        first = min(max((_columns(t) for t, _ in items), default=0), col_max)
        indent = self.current_indent
        room = max((self.width or 78) - indent - first - col_spacing, 20)
        for term, text in items:
            self.write(" " * indent + term)
            lines = _wrap(text, room)
            if not lines:
                self.write("\n")
                continue
            used = _columns(term)
            lead = " " * (indent + first + col_spacing)
            if used <= first:
                self.write(" " * (first - used + col_spacing))
            else:
                self.write("\n" + lead)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(lead + line + "\n")


def _columns(text: str) -> int:
    """Screen columns ``text`` takes: two for wide (Chinese) characters, one for others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Punctuation a Chinese line never starts with: it stays at the end of the line before.
_NO_LINE_START = frozenset("，。、；：！？）》”’」』】")


def _wrap(text: str, room: int) -> list[str]:
    """``text`` cut into lines of at most ``room`` screen columns (Chinese text breaks between
    any two characters; a run of ASCII letters and digits is not split when it fits)."""
    lines: list[str] = []
    line, used = "", 0
    for piece in re.findall(r"[A-Za-z0-9_./:=-]+|.", " ".join(text.split())):
        width = _columns(piece)
        if used + width > room and line and piece not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
            if piece == " ":
                continue
        line += piece
        used += width
    if line.strip():
        lines.append(line.rstrip())
    return lines


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # -h as well as --help: what people type first (it was refused as an unknown option).
        kwargs.setdefault("help_option_names", ["-h", "--help"])
        super().__init__(*args, **kwargs)


_EMPTY_PATH = "empty path"


class UnusablePath(click.BadParameter):
    """A typed path holding a character no file name may hold (``paths.path_fault``):
    ``fault`` says which in Chinese, ``value`` is the path as typed."""

    def __init__(
        self, fault: str, value: str, ctx: click.Context | None, param: click.Parameter | None
    ) -> None:
        super().__init__("unusable path", ctx, param)
        self.fault, self.value = fault, value


class FilledPath(click.Path):
    """click.Path refusing an empty name (click takes "" as the current folder, so
    ``backup --to ""`` wrote into whatever folder the command was started in and ``-o ""``
    failed as if the file were in use) and a name holding a character no file name may hold
    (a NUL made Python's English ValueError, a control character an invisible file name)."""

    def convert(
        self,
        value: str | os.PathLike[str],
        param: click.Parameter | None,
        ctx: click.Context | None,
    ) -> str | bytes | os.PathLike[str]:
        if isinstance(value, str) and not value.strip():
            self.fail(_EMPTY_PATH, param, ctx)
        if isinstance(value, str):
            from desktop.core.paths import path_fault

            fault = path_fault(value)
            if fault:
                raise UnusablePath(fault, value, ctx, param)
        return super().convert(value, param, ctx)


def _metavar(match: re.Match[str]) -> str:
    return _METAVARS[match.group(1)]


def _definition(text: str) -> str:
    """An option's help with click's English note ([default: 2; 1<=x<=4]) in Chinese."""
    text = _HELP_TEXTS.get(text, text)
    note = _NOTE.search(text)
    if not note:
        return text
    parts = [_note_part(p.strip()) for p in note.group(1).split(";")]
    return text[: note.start()] + "（" + "；".join(p for p in parts if p) + "）"


def _note_part(part: str) -> str:
    if part == "required":
        return "必须写"
    if part.startswith("default:"):
        return "不写则为 " + _HELP_TEXTS.get(part[8:].strip(), part[8:].strip())
    if part.startswith("env var:"):
        return "也可用环境变量 " + part[8:].strip()
    described = _range_text(part)
    return described or part


def _range_text(part: str) -> str:
    """'1<=x<=4' -> '1 到 4'; 'x>=0' -> '不小于 0'; '' when ``part`` is no range."""
    m = _RANGE.match(part.replace(" ", ""))
    if not m:
        return ""
    low, low_op, high_op, high, only_op, only = m.groups()
    if only_op:
        return f"{'不小于' if only_op == '>=' else '大于'} {only}"
    if low and high:
        return f"{low} 到 {high}"
    if low:
        return f"{'不小于' if low_op == '<=' else '大于'} {low}"
    if high:
        return f"{'不大于' if high_op == '<=' else '小于'} {high}"
    return ""


_YES = frozenset({"是", "是的", "好", "好的", "对", "确认", "确定", "导入", "y", "yes"})
_NO = frozenset({"", "否", "不", "不是", "不要", "取消", "n", "no"})


def confirm(question: str) -> bool:
    """Ask ``question`` and read 是 or 否 (y/n also; Enter alone is 否). click.confirm asked
    “[y/N]” and answered a typed 是 with “Error: invalid input”, in English, again and again."""
    while True:
        answer = click.prompt(
            f"{question}（输入“是”确认，直接回车取消）",
            default="",
            show_default=False,
            prompt_suffix="：",
        )
        word = " ".join(str(answer).split()).lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
        click.echo(f"“{answer}”不是“是”或“否”：请输入“是”确认，或直接回车取消。", err=True)


def chinese_commands(group: click.Command) -> None:
    """Give every command of the tree the Chinese help context (click makes each command's
    context from its own ``context_class``)."""
    for cmd in _walk(group):
        cmd.context_class = ChineseContext
        _options_once(cmd)
        cached = getattr(cmd, "_help_option", None)  # click >= 8.1.8 caches it per command
        if cached is not None and "-h" not in cached.opts:
            cmd._help_option = None  # made by a call without -h (a test's CliRunner): remade
        if cmd.short_help is None and cmd.help:
            # A group lists its commands' first sentences whole: click cut them by characters
            # with "..." (read-id's ended "…读出当事人信息，以..."); the layout wraps them.
            cmd.short_help = cmd.help.split("。")[0].strip() + "。"
        for param in cmd.params:
            if type(param.type) is click.Path:  # same fields: only the check is added
                param.type.__class__ = FilledPath


class _OptionsOnce(click.Command):
    """Mixed into every command: an option written twice is refused. click silently keeps the
    last value (``--month 2026-10 … --month 2026-11`` made the November report, ``--mask
    --no-mask`` showed the numbers), which a mediator who typed both never notices. Options
    meant to repeat (``multiple``, counting ones) and --help/--version are left alone."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            # click's parser only collects (callbacks and conversion come later): reading the
            # line once more to see which option was written how often changes nothing.
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
            seen: set[str] = set()
            for param in order:
                if not isinstance(param, click.Option) or param.multiple or param.count:
                    continue
                if param.is_eager and not param.expose_value:  # --help, --version
                    continue
                key = param.name or ""
                if key in seen:
                    names = "/".join(param.opts + param.secondary_opts)
                    raise click.UsageError(
                        f"{names} 写了两次，每个选项只能写一次：请只留下要用的那一个再试。",
                        ctx,
                    )
                seen.add(key)
        return super().parse_args(ctx, args)


_ONCE_CLASSES: dict[type[click.Command], type[click.Command]] = {}


def _options_once(cmd: click.Command) -> None:
    """Give ``cmd`` the refusal of repeated options (its class keeps everything else)."""
    base = type(cmd)
    if issubclass(base, _OptionsOnce):
        return
    made = _ONCE_CLASSES.get(base)
    if made is None:
        made = _ONCE_CLASSES[base] = type(base.__name__, (_OptionsOnce, base), {})
    cmd.__class__ = made


def _walk(cmd: click.Command) -> Iterator[click.Command]:
    yield cmd
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            yield from _walk(sub)


def run(cli: click.Group, argv: list[str] | None) -> int:
    """Run the command line; click's usage errors and help pages in Chinese. Returns the exit
    code: 0 done, 1 refused by the command, 2 the command line itself was wrong."""
    args = list(sys.argv[1:] if argv is None else argv)
    from desktop.cli.interrupted import interrupted_sentence

    chinese_commands(cli)
    try:
        result = cli.main(args=args, prog_name=PROG, standalone_mode=False)
    except NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help())
        return 0
    except click.UsageError as exc:
        click.echo(f"错误：{usage_sentence(exc, args)}", err=True)
        return 2
    except click.ClickException as exc:  # the commands' own refusals: Chinese already
        click.echo(f"错误：{exc.format_message()}", err=True)
        return exc.exit_code
    except click.Abort:  # Ctrl-C (click's): said as what is really on disk
        click.echo(interrupted_sentence(), err=True)
        return 1
    return result if isinstance(result, int) else 0


def _ours(text: str) -> bool:
    """A message our commands wrote (Chinese, no English words), not one of click's own. The
    values click quotes are left out first: a Chinese file name made "File '…/中文' is a
    directory." look Chinese, and it reached the user in English."""
    text = _REPR.sub("", text)
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and not _ENGLISH.search(text)


# Two English words in a row: a sentence of click's (option names and values are no words).
_ENGLISH = re.compile(r"(?<![-\w])[A-Za-z]{2,}[ ,.]+[A-Za-z]{2,}")


def usage_sentence(exc: click.UsageError, argv: Sequence[str]) -> str:
    """One Chinese sentence for a usage error: what was wrong, and what to do."""
    ctx = exc.ctx
    path = ctx.command_path if ctx is not None else PROG
    help_hint = f"请用“{path} --help”查看用法。"
    message = exc.message
    if _ours(message) and not isinstance(exc, click.MissingParameter):
        # Raised by our own commands (or callbacks) in Chinese: said as it is.
        param = getattr(exc, "param", None)
        return f"{_param_name(param)}：{message}" if param is not None else message
    if isinstance(exc, click.NoSuchCommand):
        guess = _guess(exc.possibilities)
        return f"没有“{exc.command_name}”这个命令{guess}：请用“{path} --help”查看可用的命令。"
    if isinstance(exc, click.NoSuchOption):
        guess = _guess(exc.possibilities)
        return (
            f"“{path}”没有“{exc.option_name}”这个选项{guess}：请用“{path} --help”查看可以写的选项。"
        )
    if isinstance(exc, click.MissingParameter):
        return _missing(exc, path)
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc, argv) + "请改正后再试。"
    if isinstance(exc, click.BadOptionUsage):
        return _bad_option_usage(exc, ctx)
    extra = re.search(r"unexpected extra arguments? \((.*)\)", message)
    if extra:
        return (
            f"多写了“{extra.group(1)}”，“{path}”用不到它：请去掉；"
            "文字中间有空格时请用引号把整段括起来。"
        )
    if message.startswith("Missing command"):
        return f"“{path}”后面还要写一个命令：{help_hint}"
    return f"这条命令写得不对：{help_hint}"


def _guess(possibilities: list[str] | None) -> str:
    return f"（是不是“{'”或“'.join(possibilities)}”？）" if possibilities else ""


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return "参数"
    if isinstance(param, click.Argument):
        return ARGUMENT_NAMES.get(param.name or "", "参数")
    return "/".join(param.opts)


def _spaced(name: str) -> str:
    """``name`` as it stands before Chinese words: an option (--year) with a space after it, a
    Chinese name (台账文件) without one — “台账文件 要的是” read as a stray space."""
    return f"{name} " if name[-1:].isascii() else name


def _help_of(param: click.Parameter | None) -> str:
    text = getattr(param, "help", None) or ""
    return text.rstrip("。") + "。" if text else ""


def _missing(exc: click.MissingParameter, path: str) -> str:
    param = exc.param
    if isinstance(param, click.Argument):
        return f"少写了{_param_name(param)}：请写在“{path}”的后面（写法见“{path} --help”）。"
    name = _param_name(param)
    return f"没有写{' ' * name[:1].isascii()}{name}：{_help_of(param)}请写上后再试。"


def _typed_value(param: click.Parameter | None, argv: Sequence[str], message: str) -> str | None:
    """What the user typed for ``param`` (the last time it appears), if it can be found: from
    the command line for an option, else from click's message, which quotes it."""
    found = None
    if param is None or isinstance(param, click.Argument):
        return _quoted_in(message)
    for i, token in enumerate(argv):
        for opt in param.opts:
            if token == opt and i + 1 < len(argv):
                found = argv[i + 1]
            elif token.startswith(opt + "="):
                found = token[len(opt) + 1 :]
    return found


# click quotes a value with repr(): '…' or "…" when it holds a ', backslashes doubled.
_REPR = re.compile(r"'(?:[^'\\]|\\.)*'" + "|" + r'"(?:[^"\\]|\\.)*"')


def _quoted_in(message: str) -> str | None:
    """The value click's ``message`` quotes, as the user typed it (a Windows path's
    backslashes single again, a name holding ' read whole)."""
    found = _REPR.search(message)
    if not found:
        return None
    try:
        value = ast.literal_eval(found.group(0))
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _bad_value(exc: click.BadParameter, argv: Sequence[str]) -> str:
    param = exc.param
    name = _param_name(param)
    lead = _spaced(name)
    typed = _typed_value(param, argv, exc.message)
    shown = f"“{typed}”" if typed is not None else "写的值"
    kind = param.type if param is not None else None
    if isinstance(kind, click.IntRange | click.FloatRange):
        what = "整数" if isinstance(kind, click.IntRange) else "数字"
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            return f"{lead}应当是 {low} 到 {high} 之间的{what}，{shown}不行："
        if low is not None:
            return f"{lead}应当是不小于 {low} 的{what}，{shown}不行："
        return f"{lead}应当是不大于 {high} 的{what}，{shown}不行："
    if isinstance(kind, click.Choice):
        choices = "、".join(str(c) for c in kind.choices)
        # A space beside Latin words (pdf、docx), none between Chinese ones (在办、调解成功).
        before = " " if choices[:1].isascii() else ""
        after = " " if choices[-1:].isascii() else ""
        return f"{lead}只能是{before}{choices}{after}中的一个，{shown}不是："
    if isinstance(exc, UnusablePath):
        from desktop.core.paths import shown_path

        # Not on the command line: it came from the option's environment variable (WUSONG_DB).
        env = getattr(param, "envvar", None) if typed is None else None
        where = f"环境变量 {env} " if isinstance(env, str) else lead
        return (
            f"{where}写的“{shown_path(exc.value)}”里有{exc.fault}，文件和文件夹的名字里不能有它："
        )
    if isinstance(kind, click.Path):
        if exc.message == _EMPTY_PATH:
            what = "文件夹" if not kind.file_okay else "文件"
            return f"{lead}后面写的{what}名是空的（要写上{what}名，可以带上所在的文件夹）："
        return _bad_path(kind, lead, typed)
    if kind is click.INT:
        return f"{lead}应当是整数，{shown}不是："
    if kind is click.FLOAT:
        return f"{lead}应当是数字，{shown}不是："
    return f"{shown}不能用作{name}：{_help_of(param)}"


def _bad_path(kind: click.Path, lead: str, typed: str | None) -> str:
    """A file or folder argument that is not what the command needs, checked on disk
    (``lead``: the argument's name as it starts a clause, ``_spaced``)."""
    if typed is None:
        return f"{lead}写的文件或文件夹不能用："
    if not os.path.exists(typed):
        return f"{lead}写的“{typed}”不存在，请核对文件名和所在的文件夹："
    if os.path.isdir(typed) and not kind.dir_okay:
        return f"“{typed}”是一个文件夹，{lead}要的是一个文件："
    if not os.path.isdir(typed) and not kind.file_okay:
        return f"“{typed}”是一个文件，{lead}要的是一个文件夹："
    return f"“{typed}”打不开（没有读写权限），{lead}不能用它："


def _bad_option_usage(exc: click.BadOptionUsage, ctx: click.Context | None) -> str:
    option = exc.option_name
    param = None
    if ctx is not None:
        param = next((p for p in ctx.command.params if option in getattr(p, "opts", ())), None)
    takes_none = "does not take" in exc.message
    if takes_none or (isinstance(param, click.Option) and param.is_flag):
        return f"{option} 后面不用写值，写上它就表示要这样做：请去掉“=”和后面的值。"
    return f"{option} 后面要写一个值：{_help_of(param)}请补上后再试。"
