"""Which registry enterprise a roster row is: by credit code, by name (with the name history),
else a *near match* for the officer to confirm.

Exact matches are automatic. A near match is never merged silently: the row becomes
"needs_review" with candidates, and the caller (CLI, GUI, a test) decides.

Whole-name similarity misleads on Chinese company names: they are 行政区划 + 字号 + 行业 + 组织形式,
and over 1,188 real MIIT names plain ``fuzz.ratio`` scores 8 pairs of different firms ≥ 85
(上海万位数字技术 vs 上海曼恒数字技术). So names are taken apart (:func:`parse_name`) and compared on
what tells firms apart:

- the same core (字号 + 行业) under a dropped or moved region or another organisation form
  (青岛海容商用冷链股份有限公司 / 海容商用冷链有限公司 / 海容商用冷链（青岛）股份有限公司);
- one character typed wrong anywhere in the name, region and form included;
- one character off in the core, unless it falls in a short 字号: 华环电子 and 华星电子 are two
  firms, and so are two firms in different regions whatever their cores.

Everything is loaded once into dicts (code → id, normalised name → id); no query per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import select
from sqlalchemy.engine import Connection

from goosetier.core.names import normalize_name
from goosetier.store import models as m

_PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西壮族 广西 西藏 宁夏回族 宁夏 "
    "新疆维吾尔 新疆 香港 澳门 中国"
).split()
_CITIES = (
    "青岛 济南 烟台 潍坊 淄博 威海 日照 临沂 济宁 泰安 德州 聊城 滨州 东营 枣庄 菏泽 "
    "大连 宁波 厦门 深圳 沈阳 长春 哈尔滨 石家庄 唐山 秦皇岛 保定 邯郸 廊坊 沧州 太原 呼和浩特 "
    "南京 苏州 无锡 常州 南通 徐州 扬州 镇江 泰州 盐城 连云港 淮安 宿迁 杭州 嘉兴 湖州 绍兴 "
    "温州 台州 金华 衢州 舟山 丽水 合肥 芜湖 蚌埠 马鞍山 安庆 滁州 福州 泉州 漳州 莆田 南昌 赣州 "
    "郑州 洛阳 新乡 许昌 南阳 武汉 宜昌 襄阳 十堰 荆州 孝感 黄石 长沙 株洲 湘潭 衡阳 岳阳 常德 "
    "广州 东莞 佛山 珠海 中山 惠州 江门 汕头 南宁 柳州 桂林 海口 三亚 成都 绵阳 德阳 宜宾 "
    "贵阳 遵义 昆明 西安 宝鸡 咸阳 兰州 西宁 银川 乌鲁木齐 拉萨 菏泽 鄂尔多斯 包头 吉安 九江 "
    "上饶 景德镇 萍乡 宜春 抚州 新余 鹰潭 六安 黄山 宣城 铜陵 池州 阜阳 淮南 淮北 宿州 亳州 "
    "开封 焦作 鹤壁 濮阳 安阳 平顶山 漯河 周口 驻马店 信阳 商丘 三门峡 郴州 邵阳 益阳 娄底 怀化 "
    "永州 张家界 汕尾 揭阳 潮州 梅州 清远 韶关 河源 阳江 茂名 湛江 肇庆 云浮 北海 钦州 防城港 "
    "玉林 梧州 贺州 百色 河池 来宾 崇左 贵港 泸州 乐山 南充 自贡 攀枝花 眉山 遂宁 内江 达州 "
    "广安 巴中 雅安 资阳 六盘水 安顺 铜仁 毕节 曲靖 玉溪 大理 丽江 汉中 榆林 延安 渭南 铜川 "
    "安康 商洛 天水 白银 嘉峪关 金昌 酒泉 张掖 武威 平凉 庆阳 定西 陇南 石嘴山 吴忠 固原 中卫 "
    "克拉玛依 吐鲁番 哈密 昌吉 石河子 承德 张家口 衡水 邢台 大同 阳泉 长治 晋城 朔州 晋中 运城 "
    "忻州 临汾 吕梁 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 吉林 四平 "
    "辽源 通化 白山 松原 白城 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 "
    "绥化 龙岩 三明 南平 宁德"
).split()
# Qingdao's districts and county-level cities: the registry is a Qingdao district's.
_DISTRICTS = "西海岸新区 西海岸 黄岛 胶州 即墨 平度 莱西 城阳 崂山 李沧 市北 市南".split()
_PLACES = sorted(_PROVINCES + _CITIES + _DISTRICTS, key=len, reverse=True)
_ADMIN = sorted("省 市 自治区 特别行政区 新区 区 县".split(), key=len, reverse=True)
_FORMS = sorted(
    "股份有限公司 有限责任公司 有限公司 股份公司 集团公司 集团 公司 总公司 分公司 厂".split(),
    key=len,
    reverse=True,
)
# 行业/经营特点 words: what is left of the core once they are peeled off the end is the 字号.
_INDUSTRY = sorted(
    (
        "科技 技术 电子 电气 电器 电机 电力 电池 机械 机电 新材料 材料 智能 装备 制造 医疗 器械 "
        "生物 医药 药业 制药 化工 化学 实业 信息 软件 数据 网络 通信 通讯 光电 能源 新能源 汽车 "
        "零部件 配件 重工 工业 设备 自动化 仪器 仪表 精密 工程 环保 发展 控股 股份 数字 检测 "
        "传动 动力 模具 五金 塑胶 塑料 橡胶 轮胎 纺织 服饰 食品 海洋 船舶 家电 半导体 集成电路 "
        "激光 光学 新能 系统 工贸 贸易 产业 实验室 研究院 研究所 机器人 航空 航天 节能 空间"
    ).split(),
    key=len,
    reverse=True,
)
_BRACKET = re.compile(r"\(([^()]*)\)")
_FORMER = re.compile(r"\((?:原名称?|曾用名)[:：]?[^()]*\)$")


@dataclass(frozen=True, slots=True)
class NameParts:
    norm: str  # normalize_name of the whole name
    regions: frozenset[str]  # the places the name starts with or carries in brackets
    core: str  # 字号 + 行业, without region and organisation form
    trade: str  # the 字号: the core without its trailing industry words


_COUNTY_PREFIX = re.compile(r"^([\u4e00-\u9fff]{2,3}?)[市县](?=[\u4e00-\u9fff]{2})")


def _is_place(text: str) -> str | None:
    """The place a bracket holds (（青岛）, （山东省）, （南宫）), or None."""
    for place in _PLACES:
        if text.startswith(place) and (text[len(place) :] in ("", *_ADMIN)):
            return place
    # An unknown county-level place: two or three characters that name no trade or form.
    if (
        2 <= len(text) <= 3
        and all("\u4e00" <= c <= "\u9fff" for c in text)
        and text[-1] not in "部厂店处所站院司"  # （分部） （二厂） are no places
        and not any(w in text for w in (*_INDUSTRY, *_FORMS, "集团", "控股", "中心"))
    ):
        return text
    return None


def _strip_region(text: str) -> tuple[tuple[str, ...], str]:
    """Peel place names (山东青岛…, 青岛市…, 泊头市…) off the front; keep at least two
    characters."""
    regions: list[str] = []
    while True:
        if (m := _COUNTY_PREFIX.match(text)) and not any(text.startswith(p) for p in _PLACES):
            regions.append(m.group(1))
            text = text[m.end() :]
            continue
        for place in _PLACES:
            if text.startswith(place):
                rest = text[len(place) :]
                for admin in _ADMIN:
                    if rest.startswith(admin):
                        rest = rest[len(admin) :]
                        break
                if len(rest) >= 2:
                    regions.append(place)
                    text = rest
                    break
        else:
            return tuple(regions), text


def _strip_forms(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for form in _FORMS:
            if text.endswith(form) and len(text) > len(form) + 1:
                text, changed = text[: -len(form)], True
    return text


def _trade_name(core: str) -> str:
    trade = core
    changed = True
    while changed:
        changed = False
        for word in _INDUSTRY:
            if trade.endswith(word) and len(trade) - len(word) >= 2:
                trade, changed = trade[: -len(word)], True
    return trade


@lru_cache(maxsize=4096)
def parse_name(name: str) -> NameParts:
    """Split a company name into region, core and 字号 (see the module docstring)."""
    norm = normalize_name(name)
    text = _FORMER.sub("", norm)  # "（原名：…）" is not part of the name
    regions: list[str] = []
    for inner in _BRACKET.findall(text):  # 中加特电气（青岛）股份有限公司, 金山科技（集团）
        place = _is_place(inner)
        if place or inner in ("集团", "控股"):
            regions += [place] if place else []
            text = text.replace(f"({inner})", "", 1)
    prefix, text = _strip_region(text)
    core = _strip_forms(text)
    return NameParts(norm, frozenset((*prefix, *regions)), core, _trade_name(core))


@dataclass(frozen=True, slots=True)
class Candidate:
    enterprise_id: int
    name: str
    credit_code: str | None
    score: int  # 0–100: how alike; 100 = the same core under another region or form
    reason: str  # same_core / one_typo / core_typo


def near_reason(a: NameParts, b: NameParts) -> tuple[int, str] | None:
    """Why two different names may be one firm, with a score; None when they are two firms."""
    if a.norm == b.norm:
        return 100, "same_name"
    # 安徽黄山恒久 and 黄山恒久 agree; 北京华环 and 陕西华星 do not.
    regions_agree = a.regions <= b.regions or b.regions <= a.regions
    if len(a.core) >= 2 and a.core == b.core and regions_agree:
        return 98, "same_core"
    if (
        min(len(a.norm), len(b.norm)) >= 6
        and Levenshtein.distance(a.norm, b.norm, score_cutoff=1) <= 1
    ):
        return 95, "one_typo"
    if not regions_agree or min(len(a.core), len(b.core)) < 4:
        return None
    if Levenshtein.distance(a.core, b.core, score_cutoff=1) > 1:
        return None
    # One character off in the core: a typo unless it changes a short 字号 (华环 / 华星).
    if a.trade != b.trade and min(len(a.trade), len(b.trade)) < 4:
        return None
    return 90, "core_typo"


@dataclass
class NearMatcher:
    """Near-match search over a fixed list of names (the registry's, loaded once)."""

    ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    codes: list[str | None] = field(default_factory=list)
    parts: list[NameParts] = field(default_factory=list)
    _norms: list[str] = field(default_factory=list)
    _cores: list[str] = field(default_factory=list)
    _by_core: dict[str, list[int]] = field(default_factory=dict)

    def add(self, enterprise_id: int, name: str, code: str | None) -> None:
        p = parse_name(name)
        index = len(self.ids)
        self.ids.append(enterprise_id)
        self.names.append(name)
        self.codes.append(code)
        self.parts.append(p)
        self._norms.append(p.norm)
        self._cores.append(p.core)
        self._by_core.setdefault(p.core, []).append(index)

    def __len__(self) -> int:
        return len(self.ids)

    def candidates(self, name: str, limit: int = 5, exclude: Iterable[int] = ()) -> list[Candidate]:
        """The registry names that may be this one, best first."""
        if not self.ids:
            return []
        query = parse_name(name)
        seen: set[int] = set(self._by_core.get(query.core, ()))
        # rapidfuzz's distance scorers with a cutoff stop early: fast over 100,000 names.
        for _choice, _dist, index in process.extract(
            query.norm, self._norms, scorer=Levenshtein.distance, score_cutoff=1, limit=limit * 4
        ):
            seen.add(index)
        if len(query.core) >= 4:
            for _choice, _dist, index in process.extract(
                query.core,
                self._cores,
                scorer=Levenshtein.distance,
                score_cutoff=1,
                limit=limit * 4,
            ):
                seen.add(index)
        skip = set(exclude)
        found = []
        for index in seen:
            if self.ids[index] in skip:
                continue
            judged = near_reason(query, self.parts[index])
            if judged is not None:
                found.append(
                    Candidate(self.ids[index], self.names[index], self.codes[index], *judged)
                )
        found.sort(key=lambda c: (-c.score, c.name))
        return found[:limit]


class RegistryIndex:
    """What matching needs from the registry, read once per import.

    The code and name dicts are loaded at once; the near-match lists only when a row first
    needs one, so re-importing a coded roster never parses 100,000 registry names.
    """

    def __init__(self, conn: Connection) -> None:
        e, h = m.Enterprise.__table__, m.NameHistory.__table__
        self.conn = conn
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.code_of: dict[int, str] = {}
        for eid, code, norm in conn.execute(select(e.c.id, e.c.credit_code, e.c.name_norm)
                                            .order_by(e.c.id)):
            if code:
                self.by_code[code] = eid
                self.code_of[eid] = code
            self.by_name.setdefault(norm, eid)
        self.by_former: dict[str, int] = {}
        for eid, norm in conn.execute(select(h.c.enterprise_id, h.c.name_norm)
                                      .order_by(h.c.id.desc())):
            self.by_former.setdefault(norm, eid)
        self._near: NearMatcher | None = None  # firms without a code
        self._near_all: NearMatcher | None = None

    @classmethod
    def load(cls, conn: Connection) -> RegistryIndex:
        return cls(conn)

    def exact(self, code: str | None, name_norm: str,
              former_norm: str | None) -> tuple[int | None, str | None]:
        """(enterprise id, how) for an automatic match, or (None, None).

        By code; else by the current name or a name in the history, as long as the firm found
        has no other code (two codes are two firms).
        """
        if code and code in self.by_code:
            return self.by_code[code], "code"
        for key, how in ((name_norm, "name"), (former_norm, "former_name")):
            if not key:
                continue
            for table, via in ((self.by_name, how), (self.by_former, "name_history")):
                eid = table.get(key)
                if eid is not None and (not code or self.code_of.get(eid) in (None, code)):
                    return eid, via
        return None, None

    def near_candidates(self, code: str | None, name: str) -> list[Candidate]:
        """A row with a code is only compared with firms that have none: two different codes
        are two firms, however alike the names."""
        if not self.by_name:  # an empty registry: nothing can be near
            return []
        if self._near_all is None:
            self._build()
        matcher = self._near if code else self._near_all
        assert matcher is not None
        return matcher.candidates(name)

    def _build(self) -> None:
        e = m.Enterprise.__table__
        self._near, self._near_all = NearMatcher(), NearMatcher()
        for eid, code, name in self.conn.execute(select(e.c.id, e.c.credit_code, e.c.name)
                                                 .order_by(e.c.id)):
            self._near_all.add(eid, name, code)
            if not code:
                self._near.add(eid, name, code)
