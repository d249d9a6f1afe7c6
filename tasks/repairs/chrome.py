"""web-chrome: the page around an article copied from a web page.

A government or newspaper site prints its navigation and controls around every article:
a breadcrumb over it (`首页 > 政务公开 > 政策文件`), the font-size switch (`字号：大 中 小`),
buttons (`【打印本页】【关闭窗口】`), share and QR-code lines (`分享到：`, `扫一扫在手机打开当前页`),
links to the neighbouring articles (`上一篇：…`) and a list of related links at its foot. Copied
as text, each lands on a line of its own and is joined to the title or the closing lines.
These lines are recognised by their form, a whole line at a time, and set aside: each is
recorded as removed (its text is in the repair record), never edited inside a line. Lines that
say something about the article (`来源：… 发布时间：…`, `责任编辑：…`) are no chrome: they stay,
as meta lines.
"""

from __future__ import annotations

import re

from zhengli.tasks.charclass import HAS_SENTENCE_END
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.repairs.state import RepairState

_CHROME_CHARS = 40
"""A control or navigation line is a few words; longer lines are text."""
_CRUMB = r"[^\s>＞»›/]{1,20}"
_BREADCRUMB = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,6}}[：:]\s*)?{_CRUMB}(?:\s*[>＞»›]\s*{_CRUMB}){{1,6}}\s*[>＞»›]?$")
"""`首页 > 政务公开 > 政策文件`, `当前位置：首页 > 新闻中心`: two to seven places, each a few words,
parted by `>`."""
_BUTTON = r"[【\[［]\s*[\u4e00-\u9fff]{1,6}\s*[】\]］]"
_CONTROL_WORDS = "打印本页|关闭窗口|返回顶部|打印|关闭|收藏|纠错"
_BUTTONS = re.compile(rf"^{_BUTTON}(?:\s*{_BUTTON})+$|^[【\[［]\s*(?:{_CONTROL_WORDS})\s*[】\]］]$")
"""`【打印本页】【关闭窗口】`, `[打印] [关闭]`: a row of bracketed words, the page's buttons; one
alone only where it names a control (`【打印】`): a bracketed word alone on its line may be the
text's own head (`【编者按】`, `【典型案例】`)."""
_CONTROL = re.compile(
    r"^(?:分享到|分享|转发到|字号|浏览字号|文字大小|上一篇|下一篇|上一条|下一条)[：:]"
    r"|^(?:扫一扫|用手机扫|手机扫|扫描二维码).{0,20}$"
    r"|^(?:打印本页|关闭窗口|返回顶部)$"
    rf"|^(?:{_CONTROL_WORDS})(?:\s+(?:{_CONTROL_WORDS}))+$"
)
"""The page's controls named by their own words: share, font size, the neighbouring articles,
the QR code, print, close, back to top. These words label a page's widgets on every site; a
sentence of the text never opens with them followed by a colon. A bare word alone (`关闭`) may be the
end of a wrapped line: only a row of them, or a control's whole name, is the page's."""
_LINKS_HEAD = re.compile(r"^(?:相关链接|相关文章|相关阅读|相关新闻|相关文件|延伸阅读|推荐阅读)[：:]?$")
"""The head of the list of related links at an article's foot."""
_LINK_CHARS = 60


def is_chrome(text: str) -> bool:
    """A line of the page's navigation or controls, by its form alone.

    >>> is_chrome("首页 > 政务公开 > 政策文件"), is_chrome("【打印本页】【关闭窗口】"), is_chrome("分享到：微信 微博")
    (True, True, True)
    >>> is_chrome("来源：市政府办公厅 发布时间：2024-03-05"), is_chrome("【一】总则"), is_chrome("a > b 的比较。")
    (False, False, False)
    >>> is_chrome("【编者按】"), is_chrome("【打印】")
    (False, True)
    """
    text = text.strip()
    if not text or len(text) > _CHROME_CHARS:
        return False
    if _BUTTONS.match(text) or _CONTROL.match(text):
        return True
    return _BREADCRUMB.match(text) is not None and not HAS_SENTENCE_END.search(text) and not re.search(r"\d\s*[>＞]\s*\d", text)


def _link_list(lines: list[Line], start: int) -> int:
    """The end of the related links headed at `start`: short lines that end no sentence, up to a
    blank line or the file's end. 0 when what follows is text, not a list of links."""
    end = start + 1
    while end < len(lines) and lines[end].text.strip():
        text = lines[end].text.strip()
        if len(text) > _LINK_CHARS or HAS_SENTENCE_END.search(text):
            return 0
        end += 1
    return end if end > start + 1 else 0


def remove_web_chrome(state: RepairState) -> None:
    """Drop the page's navigation and control lines, and a related-links list at a foot, recording each."""
    lines = state.lines
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if _LINKS_HEAD.match(text):
            end = _link_list(lines, index)
            if end:
                for listed in lines[index:end]:
                    state.drop_line("web-chrome", listed)
                index = end
                continue
        if is_chrome(text):
            state.drop_line("web-chrome", line)
        index += 1
