"""click in Chinese: command classes whose help and usage errors are written here, in Chinese.

click writes its help and its error messages in English. Instead of translating that English
after the fact, the classes below write everything the user reads themselves, from click's
structured data:

- help: :class:`ChineseHelpFormatter` writes the headings (用法、选项、命令) and lays out
  Chinese text by display width; :class:`ChineseCommand` builds each option's line from the
  option itself (its names, type, default, range, whether it is required) and gives the help
  option its Chinese text;
- errors: :func:`reason` says what went wrong from the exception's type and attributes
  (``MissingParameter.param``, ``NoSuchOption.option_name``, ``BadOptionUsage.option_name``,
  the parameter's ``click.Choice`` or ``click.IntRange``); the errors click reports only as
  English text (an unknown command, extra arguments, a missing command) are detected by the
  classes before click raises them. A failed conversion keeps the value the user gave
  (:class:`InvalidValue`), because every parameter type of a :class:`ChineseCommand` reports
  its failures that way.

Every error is shown as ``错误：原因``, the command's usage line and where to find help, and
exits with status 2 (usage) like click.
"""

from __future__ import annotations

import inspect
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

import click

__all__ = [
    "HELP_OPTION_HELP",
    "ChineseCommand",
    "ChineseContext",
    "ChineseGroup",
    "ChineseHelpFormatter",
    "ChineseUsageError",
    "ExtraArguments",
    "Interrupted",
    "InvalidValue",
    "MissingCommand",
    "UnknownCommand",
    "display_width",
    "reason",
    "wrap",
]

#: the help text of ``--help``
HELP_OPTION_HELP = "显示本帮助并退出。"
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."


# -- display width and wrapping -----------------------------------------------------------------
def display_width(text: str) -> int:
    """Columns taken by ``text`` in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: marks that must not begin a line, and marks that must not end one
_NO_LINE_START = set("，。、；：？！）》」』】〉”’…—,.;:?!)]}%")
_NO_LINE_END = set("（《「『【〈“‘([{")


def _units(text: str, *, brackets: bool = True) -> list[tuple[str, bool]]:
    """``text`` cut where a line may break: (unit, whether a space stood before it). With
    ``brackets``, a ``[...]`` (an option's default and range) is one unit."""
    units: list[tuple[str, bool]] = []
    word = ""
    space = False
    depth = 0
    for ch in text:
        if brackets and (depth or ch == "["):
            depth += (ch == "[") - (ch == "]")
            word += ch
        elif ch.isspace():
            if word:
                units.append((word, space))
                word = ""
            space = True
        elif unicodedata.east_asian_width(ch) in "WF":
            if word:
                units.append((word, space))
                word, space = "", False
            units.append((ch, space))
            space = False
        else:
            word += ch
    if word:
        units.append((word, space))
    merged: list[tuple[str, bool]] = []
    for unit, spaced in units:
        if (
            merged
            and not spaced
            and (unit[0] in _NO_LINE_START or merged[-1][0][-1] in _NO_LINE_END)
        ):
            merged[-1] = (merged[-1][0] + unit, merged[-1][1])
        else:
            merged.append((unit, spaced))
    return merged


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """One paragraph broken into lines of at most ``width`` columns (a unit wider than a
    line stands alone): between any two Chinese characters, at spaces between other words,
    never before a closing mark or after an opening one."""
    lines: list[str] = []
    line, used = initial_indent, display_width(initial_indent)
    empty = True
    room = width - display_width(subsequent_indent)
    units = []
    for unit, spaced in _units(text):
        if unit.startswith("[") and display_width(unit) > room:  # too wide to keep whole
            inner = _units(unit, brackets=False)
            units += [(inner[0][0], spaced), *inner[1:]]
        else:
            units.append((unit, spaced))
    for unit, spaced in units:
        gap = " " if spaced and not empty else ""
        need = display_width(gap) + display_width(unit)
        if not empty and used + need > width:
            lines.append(line)
            line, used, empty = subsequent_indent, display_width(subsequent_indent), True
            gap, need = "", display_width(unit)
        line += gap + unit
        used += need
        empty = False
    if not empty or not lines:
        lines.append(line)
    return [item.rstrip() for item in lines]


def _join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one string: no space where a Chinese character meets the
    line break, a space elsewhere."""
    out = ""
    for line in (item.strip() for item in lines):
        if not out:
            out = line
        elif not line:
            continue
        elif display_width(out[-1]) == 2 or display_width(line[0]) == 2:
            out += line
        else:
            out += " " + line
    return out


def _paragraphs(text: str) -> Iterator[tuple[bool, list[str]]]:
    """(whether to keep as written, lines) for each paragraph; a paragraph whose first line is
    ``\\b`` is kept as written, as in click."""
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            block.append(line)
        elif block:
            keep = block[0].strip() == "\b"
            yield keep, block[1:] if keep else block
            block = []


def wrap_text(text: str, width: int, indent: str = "") -> str:
    """Paragraphs of ``text`` wrapped to ``width`` columns, separated by a blank line."""
    out = []
    for keep, lines in _paragraphs(text):
        if keep:
            out.append("\n".join(indent + line for line in lines))
        else:
            out.append("\n".join(wrap(_join_lines(lines), width, indent, indent)))
    return "\n\n".join(out)


# -- help formatting ----------------------------------------------------------------------------
class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout with Chinese headings, measured in display columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "用法：" if prefix is None else prefix
        indent = " " * self.current_indent
        head = f"{indent}{prefix}{prog} "
        hanging = " " * display_width(head)
        if display_width(head) > self.width // 2:  # a long command path: arguments below it
            self.write(head.rstrip() + "\n")
            head = hanging = indent + "    "
        lines = wrap(args, self.width, head, hanging) if args else [head.rstrip()]
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{heading}：\n")

    def write_text(self, text: str) -> None:
        self.write(wrap_text(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - self.current_indent, 20)
            lines = wrap_text(second, text_width).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n" if line else "\n")


class ChineseContext(click.Context):
    """A context whose help is written by :class:`ChineseHelpFormatter`."""

    formatter_class = ChineseHelpFormatter


# -- what a parameter takes, in Chinese ----------------------------------------------------------
def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _range(kind: click.IntRange | click.FloatRange) -> str:
    """``1–50``, ``≥ 0``, ``> 0 且 < 1``: the range of an IntRange or FloatRange."""
    low, high = kind.min, kind.max
    if low is not None and high is not None and not kind.min_open and not kind.max_open:
        return f"{_number(low)}–{_number(high)}"
    parts = []
    if low is not None:
        parts.append(f"{'>' if kind.min_open else '≥'} {_number(low)}")
    if high is not None:
        parts.append(f"{'<' if kind.max_open else '≤'} {_number(high)}")
    return " 且 ".join(parts)


def metavar(param: click.Parameter) -> str:
    """How an option's value is shown in help: its own metavar, the choices, or a word."""
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return ""
    if param.metavar:
        return param.metavar
    kind = param.type
    if isinstance(kind, click.Choice):
        word = "[" + "|".join(str(c) for c in kind.choices) + "]"
    elif isinstance(kind, (click.types.IntParamType, click.IntRange)):
        word = "N"
    elif isinstance(kind, (click.types.FloatParamType, click.FloatRange)):
        word = "数值"
    elif isinstance(kind, click.File):
        word = "文件"
    elif isinstance(kind, click.Path):
        word = "路径"
    elif isinstance(kind, click.DateTime):
        word = "日期"
    elif isinstance(kind, click.types.StringParamType):
        word = "文本"
    else:
        word = "值"
    return " ".join([word] * max(param.nargs, 1))


def expected(kind: click.ParamType) -> str:
    """What a parameter of type ``kind`` accepts, as a clause (“” when not known)."""
    if isinstance(kind, click.Choice):
        return "可选：" + "、".join(str(c) for c in kind.choices)
    if isinstance(kind, click.IntRange):
        return f"应为整数，取值 {_range(kind)}"
    if isinstance(kind, click.FloatRange):
        return f"应为数值，取值 {_range(kind)}"
    if isinstance(kind, click.types.IntParamType):
        return "应为整数"
    if isinstance(kind, click.types.FloatParamType):
        return "应为数值"
    if isinstance(kind, click.types.BoolParamType):
        return "应为 true 或 false"
    if isinstance(kind, click.Path):
        wanted = "文件" if not kind.dir_okay else "目录" if not kind.file_okay else "文件或目录"
        return f"应为{'存在的' if kind.exists else ''}{wanted}路径"
    return ""


def _primary(param: click.Parameter) -> str:
    """The name of a parameter in messages: the first long option, or the argument's metavar."""
    if isinstance(param, click.Option):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    return param.human_readable_name


#: wider than this, a choice's list moves from the option's name to its help
_LONGEST_METAVAR = 40


def help_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """An option's line in help: its names and value, then its help and, in brackets, its
    default, range, environment variable and whether it is required."""
    if not isinstance(param, click.Option) or param.hidden:
        return None

    def names(opts: Sequence[str]) -> str:
        ordered = sorted(opts, key=lambda o: len(o) - len(o.lstrip("-")))  # -n before --limit
        return ", ".join(ordered)

    shown = names(param.opts)
    if param.secondary_opts:
        shown += " / " + names(param.secondary_opts)
    value = metavar(param)
    extras = []
    if isinstance(param.type, click.Choice) and display_width(value) > _LONGEST_METAVAR:
        value = "值"  # too many choices for the first column: they go with the help text
        extras.append("可选：" + "、".join(str(c) for c in param.type.choices))
    if value:
        shown += " " + value

    help_extra = param.get_help_extra(ctx)
    resilient = ctx.resilient_parsing
    ctx.resilient_parsing = True
    try:
        default = param.get_default(ctx, call=False)
    finally:
        ctx.resilient_parsing = resilient
    dynamic = callable(default) and not isinstance(param.show_default, str)
    if "default" in help_extra and not dynamic:
        extras.append(f"默认：{help_extra['default']}")
    if isinstance(param.type, (click.IntRange, click.FloatRange)) and not param.count:
        extras.append(f"取值：{_range(param.type)}")
    if "envvars" in help_extra:
        extras.append("环境变量：" + "、".join(help_extra["envvars"]))
    if param.required:
        extras.append("必填")
    text = inspect.cleandoc(param.help or "")
    if extras:
        gap = "" if text and display_width(text[-1]) == 2 else "  "
        text = f"{text}{gap}[{'；'.join(extras)}]" if text else f"[{'；'.join(extras)}]"
    return shown, text


# -- errors -------------------------------------------------------------------------------------
class ChineseUsageError(click.UsageError):
    """A usage error whose reason is already in Chinese; shown with the usage line and where to
    find help, exit status 2."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(usage_message(self.format_message(), self.ctx), file=file, err=file is None)


class InvalidValue(ChineseUsageError, click.BadParameter):
    """A value a parameter's type refused, with the value and what the type accepts."""

    def __init__(
        self,
        value: Any,
        kind: click.ParamType,
        ctx: click.Context | None = None,
        param: click.Parameter | None = None,
    ) -> None:
        self.value = value
        self.kind = kind
        click.BadParameter.__init__(self, "", ctx=ctx, param=param)
        name = _primary(param) if param is not None else "参数"
        wanted = expected(kind)
        # click declares it Final, set by its __init__: here it is known only after that
        self.message = f"{name} 的取值“{value}”无效" + (f"，{wanted}。" if wanted else "。")  # type: ignore[misc]

    def format_message(self) -> str:
        return self.message


class ExtraArguments(ChineseUsageError):
    """Arguments left over after a command took all it takes."""

    def __init__(self, args: Sequence[str], ctx: click.Context | None = None) -> None:
        self.args_left = list(args)
        super().__init__(f"多余的参数：{' '.join(self.args_left)}", ctx)


class UnknownCommand(ChineseUsageError):
    """A command name the group does not have."""

    def __init__(self, name: str, known: Sequence[str], ctx: click.Context | None = None) -> None:
        self.name = name
        self.known = list(known)
        super().__init__(f"没有命令“{name}”。可用的命令：{'、'.join(self.known)}", ctx)


class MissingCommand(ChineseUsageError):
    """Group options given without a command."""

    def __init__(self, ctx: click.Context | None = None) -> None:
        super().__init__("缺少命令。", ctx)


class Interrupted(click.ClickException):
    """Ctrl-C: a short message and exit status 130."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("已中断。")

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo("已中断。", file=file, err=file is None)


def _has_cjk(text: str) -> bool:
    return any(display_width(ch) == 2 for ch in text)


def _find_option(ctx: click.Context | None, name: str) -> click.Parameter | None:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if name in (*param.opts, *param.secondary_opts):
            return param
    return None


def reason(exc: click.ClickException) -> str:
    """What went wrong, in Chinese, from the exception's type and attributes."""
    if isinstance(exc, ChineseUsageError):
        return exc.format_message()
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        if param is None:
            return "缺少参数。"
        if isinstance(param, click.Option):
            return f"缺少选项 {_primary(param)}。"
        return f"缺少参数 {param.human_readable_name.removesuffix('...')}。"
    if isinstance(exc, click.NoSuchOption):
        said = f"没有选项 {exc.option_name}。"
        if exc.possibilities:
            said += f"是不是要用：{'、'.join(sorted(exc.possibilities))}？"
        return said
    if isinstance(exc, click.BadOptionUsage):
        param = _find_option(exc.ctx, exc.option_name)
        if isinstance(param, click.Option) and (param.is_flag or param.count):
            return f"选项 {exc.option_name} 不带取值。"
        if param is not None and param.nargs > 1:
            return f"选项 {exc.option_name} 需要 {param.nargs} 个值。"
        return f"选项 {exc.option_name} 需要一个值。"
    if isinstance(exc, click.BadParameter):
        name = _primary(exc.param) if exc.param is not None else "参数"
        if _has_cjk(exc.message):  # raised by our own code, already in Chinese
            return f"{name}：{exc.message}"
        wanted = expected(exc.param.type) if exc.param is not None else ""
        return f"{name} 的取值无效" + (f"，{wanted}。" if wanted else "。")
    if isinstance(exc, click.FileError):
        return f"无法打开文件 {exc.ui_filename}。"
    message = exc.format_message()
    if _has_cjk(message):
        return message
    return f"命令行有误（{message}）"


def usage_message(why: str, ctx: click.Context | None) -> str:
    """An error as the CLI prints it: the reason, the command's usage and where to find help."""
    lines = [f"错误：{why}"]
    if ctx is not None:
        lines.append(ctx.get_usage())
        help_names = ctx.help_option_names
        if help_names and ctx.command.add_help_option:
            lines.append(f"帮助：{ctx.command_path} {help_names[-1]}")
    return "\n".join(lines)


def chinese(exc: click.ClickException) -> click.ClickException:
    """``exc`` as an exception that shows itself in Chinese (``exc`` itself when it does)."""
    if isinstance(exc, (ChineseUsageError, Interrupted)) or _shows_itself(exc):
        return exc
    translated: click.ClickException
    if isinstance(exc, click.UsageError):
        translated = ChineseUsageError(reason(exc), exc.ctx)
    else:
        translated = _ChineseError(reason(exc))
    # click declares it per class; an instance's own value is the one it exits with
    translated.exit_code = exc.exit_code  # type: ignore[misc]
    return translated


def _shows_itself(exc: click.ClickException) -> bool:
    """Whether ``exc`` has its own ``show`` (our commands' errors) rather than click's."""
    return type(exc).show not in (click.ClickException.show, click.UsageError.show)


class _ChineseError(click.ClickException):
    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"错误：{self.format_message()}", file=file, err=file is None)


@contextmanager
def chinese_errors(ctx: click.Context | None = None) -> Iterator[None]:
    """Errors raised inside come out as exceptions that show themselves in Chinese (a usage
    error that names no context is given ``ctx``)."""
    try:
        yield
    except click.ClickException as exc:
        if isinstance(exc, click.UsageError) and exc.ctx is None:
            exc.ctx = ctx
        translated = chinese(exc)
        if translated is exc:
            raise
        raise translated from None
    except (KeyboardInterrupt, click.Abort):
        raise Interrupted() from None


# -- parameter types that keep the refused value -----------------------------------------------
class _KeepsValue(click.ParamType):
    """Mixin: a refused value raises :class:`InvalidValue`, which names the value."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            if isinstance(exc, ChineseUsageError) or _has_cjk(exc.message):
                raise
            raise InvalidValue(value, self, ctx, param) from None


_KEEPING: dict[type, type] = {}


def keeps_value(kind: click.ParamType) -> click.ParamType:
    """``kind`` as an instance of a subclass of its own class that raises
    :class:`InvalidValue` (the same type in every other respect)."""
    if isinstance(kind, _KeepsValue):
        return kind
    cls = type(kind)
    sub = _KEEPING.get(cls)
    if sub is None:
        sub = _KEEPING[cls] = type(cls.__name__, (_KeepsValue, cls), {"__module__": __name__})
    new: click.ParamType = object.__new__(sub)
    new.__dict__.update(kind.__dict__)
    return new


# -- the command classes ------------------------------------------------------------------------
class _Chinese(click.Command):
    """What :class:`ChineseCommand` and :class:`ChineseGroup` share."""

    context_class: type[click.Context] = ChineseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("options_metavar", "[OPTIONS]") == "[OPTIONS]":
            kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)
        for param in self.params:
            param.type = keeps_value(param.type)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = inspect.cleandoc(self.help).partition("\f")[0] if self.help else ""
        if self.deprecated:
            text = f"{text}（已停用）" if text else "（已停用）"
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [r for p in self.get_params(ctx) if (r := help_record(p, ctx)) is not None]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        return None  # arguments are described in the command's own help text

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.epilog:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(self.epilog))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with chinese_errors(ctx):
            if ctx.allow_extra_args or ctx.resilient_parsing:
                return super().parse_args(ctx, args)
            ctx.allow_extra_args = True  # extra arguments are reported below, in Chinese
            try:
                rest = super().parse_args(ctx, args)
            finally:
                ctx.allow_extra_args = False
            if rest:
                raise ExtraArguments(rest, ctx)
            return rest

    def invoke(self, ctx: click.Context) -> Any:
        with chinese_errors(ctx):
            return super().invoke(ctx)


class ChineseCommand(_Chinese):
    """A command whose help and usage errors are in Chinese."""


class ChineseGroup(_Chinese, click.Group):
    """A group whose help and usage errors, and its commands', are in Chinese. Run without a
    command, it prints its help and exits 0."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            click.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if (
            not name.startswith("-")
            and not ctx.resilient_parsing
            and self.get_command(ctx, name) is None
            and (
                ctx.token_normalize_func is None
                or not self.get_command(ctx, ctx.token_normalize_func(name))
            )
        ):
            raise UnknownCommand(name, self.list_commands(ctx), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        with chinese_errors(ctx):
            try:
                return click.Group.invoke(self, ctx)
            except click.UsageError as exc:
                # click says "Missing command." only in English: a plain UsageError for this
                # group's own context, raised before any command is chosen
                if type(exc) is click.UsageError and exc.ctx is ctx and not ctx.invoked_subcommand:
                    raise MissingCommand(ctx) from None
                raise

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=200)))
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help(ctx, formatter)
        self.format_commands(ctx, formatter)
