"""argparse's own words (usage, the help lines it adds, its error messages) in Chinese.

The commands' help texts are Chinese, but the words argparse adds itself — "usage:",
"options", "error: the following arguments are required: file" — came out in English, so an
officer who left out the roster's file name read an English error. argparse looks each of them
up through its module's ``_`` and ``ngettext`` (gettext) when it prints; :func:`use` points
those at this table for Chinese and back at gettext for English. A message this table does not
know (a Python release that words one differently) stays English: never wrong, only untranslated.
"""

from __future__ import annotations

import argparse
import gettext

# argparse's message ids (CPython 3.11–3.13) → Chinese; the %-fields stay as they are.
ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：命令行有误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "取值 %(value)r 无效（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "取值 %(value)r 无效（应为%(type)s）",
    "expected one argument": "需要给出一个值",
    "expected at most one argument": "最多给出一个值",
    "expected at least one argument": "至少给出一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中之一",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "没有子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "ignored explicit argument %r": "多余的值 %r 已忽略",
    "unexpected option string: %s": "意外的选项：%s",
}
ZH_PLURAL = {"expected %s argument": "需要给出 %s 个值"}
# type names in "invalid %(type)s value" (the type's __name__)
TYPES = {"int": "整数", "float": "数字", "str": "文字"}


class _Format(str):
    """A translated message whose %(type)s reads as a word, not a Python type name."""

    def __mod__(self, args: object) -> str:
        if isinstance(args, dict) and isinstance(args.get("type"), str):
            args = {**args, "type": TYPES.get(args["type"], args["type"])}
        return str.__mod__(self, args)


def _zh(message: str) -> str:
    found = ZH.get(message)
    if found is None:
        return message
    return _Format(found) if "%(type)s" in found else found


def _zh_plural(singular: str, plural: str, n: int) -> str:
    found = ZH_PLURAL.get(singular)
    return found if found is not None else gettext.ngettext(singular, plural, n)


def use(lang: str) -> None:
    """argparse speaks ``lang`` ("zh" or "en") from now on, in this process."""
    if lang == "zh":
        argparse._ = _zh  # type: ignore[attr-defined]
        argparse.ngettext = _zh_plural  # type: ignore[attr-defined]
    else:
        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]


def lang_of(argv: list[str], env_lang: str) -> str:
    """The language a command line asks for before it is parsed: ``--lang en`` /
    ``--lang=en``, else GOOSETIER_LANG, else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "en" if env_lang.startswith("en") else "zh"
