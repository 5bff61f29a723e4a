"""Every weight and threshold of matching and of the verdict, each with its reason, and the
decision rule as a table.

The score of an entry for a line (``docs/matching.md`` §2) is

    100 × service agreement × entry coverage ** EC_EXP × text coverage ** TC_EXP

* **service agreement** — how the line's head services agree with the entry's: the same word,
  the same family, a related family; 0 when they differ (a line whose service differs does not
  match, however many characters it shares);
* **entry coverage** — how much of the entry's object the line names (of an enumeration, one
  item is enough);
* **text coverage** — how much of the line the entry explains: its object words found in the
  entry's name (or its level-3 and level-2 names, or its department's field), its service, the
  steps that service includes; framing words (活动, 第三方 …) weigh little.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DECISION", "Row"]

# -- service agreement ----------------------------------------------------------------------------
#: the line and the entry name the same service word (抽检 / 抽检)
SAME_WORD = 1.0
#: the same kind of service in other words (抽检 / 检验检测 / 监测): a word of the same family
SAME_FAMILY = 0.9
#: related kinds (调查 / 评估, 宣传 / 展览): a person would call it close, not the same
RELATED_FAMILY = 0.7
#: within a family, a word that shares characters with the entry's is a little closer (a pair
#: of them, or the short form of a four-character word: 抽样检验 and 抽检; the short form: top-1
#: 6 better and 1 worse, a verdict better, on all labelled texts)
FAMILY_CLOSENESS = 0.05
#: ... and one that shares a single character with it, a fifth of that: enough to put 监督抽查
#: before 风险监测 for a 抽检 (both of the family; top-1 118 better, 25 worse on all labels), too
#: little to move a verdict but at the edge of a band
SHARED_CHARACTER = FAMILY_CLOSENESS / 5
#: the line names no service at all (地质灾害隐患点); it may still be an entry's object, but a
#: person wants to see what is bought: such a line reaches review, never in_scope on its own
NO_SERVICE = 0.75
#: the line's main service (its last head) is not the entry's and not a step of it, though
#: another of its services is (监测平台建设及运维: the main thing bought is 运维)
MAIN_OTHER = 0.75
#: the line's main service is one the second batch does not list (物业, 运维服务, 审计 …)
MAIN_UNLISTED = 0.55

# -- coverage -------------------------------------------------------------------------------------
#: a word of the line found in the entry's level-3 name explains less than in its own
LEVEL3 = 0.7
#: and in its level-2 name (公共信息与宣传服务 …) still less
LEVEL2 = 0.5
#: a word of the line that lies in the entry's department's field (演出, 戏曲 for 文化和旅游)
#: but not in the entry's name: a modifier inside the field, not a different object
FIELD = 0.5
#: a step of the entry's kind of service (站点运维 of 监测, 编制 of 规划)
ACTIVITY = 0.85
#: qualifier words (安全, 质量, 公共 …) weigh this much of an object word
QUALIFIER_WEIGHT = 0.3
#: a run of characters no list knows (a place, an event's name, a wrapper: 静乐县, 民生, 快速)
#: weighs this much of an object word; a single such character weighs as a qualifier
UNKNOWN_WEIGHT = 0.6
#: a line's object lies in a department's field when at least this share of it does, by weight
#: (游客 for 文化和旅游: all of it; 国内游客: the place-like run 国内 aside)
OBJECT_IN_FIELD = 0.5
#: a service word of the line that lies wholly in a department's field (人口普查, 经济普查: 统计's)
#: names that field whoever buys the line: the department's entry about its whole field is a
#: candidate and is scored as for its own buyer (a service only related to the entry's: at most
#: review), and with no object in the line the word names the field as an object of it would.
#: Half (事故调查: 调查 is 统计's word, 事故 应急's) says nothing. On all labelled texts, with
#: 经济普查, 人口普查, 农业普查 as words of 统计's field: verdicts 20 better, 1 worse; top-1 18
#: better, none worse
HEAD_IN_FIELD = 1.0
#: ... and such a line's service, only related to the service of its buyer's entry about the
#: whole field, agrees this much of what a related service does: the entry comes after any that
#: names the object, and at most goes to review
FIELD_RELATED = 0.8
#: framing words (活动, 第三方, 试点 …) weigh this much of an object word
MODIFIER_WEIGHT = 0.1
#: a run the lexicon lacks inside quotation marks (“欢乐乡村·村晚”群众文化活动: an event's,
#: a campaign's or a brand's name) weighs as a framing word
NAME_WEIGHT = MODIFIER_WEIGHT
#: a head service of the line weighs this much of an object word in the text coverage
SERVICE_WEIGHT = 1.0
#: an activity word of the line weighs this much of an object word
ACTIVITY_WEIGHT = 0.4
#: a generic entry (文化和旅游行业规划服务: its object is its department's field) covers a line
#: with no object of its own this much, and a line whose object lies in the field this much of
#: the share that does: an entry that names the line's object covers it better
GENERIC_EMPTY = 0.85
#: a line that names a service but no object covers a specific entry only this much of what
#: its service alone would: 抽检 alone is some 抽检 entry, a person says which
NO_OBJECT = 0.6
#: ... unless the line's service is a compound word of at least this many characters that is
#: the entry's own service word (执法监测 of 污染源执法监测服务, 应急演练 of 灾害事故应急演练服务):
#: the compound says which entry, as an object would
COMPOUND_SERVICE = 4
#: an entry that names no object (统计专项调查服务, 异地祭扫服务) explains a word of the line
#: this much at least: it does not say on what, but the line's object is not foreign to it
NO_OBJECT_ENTRY = 0.5
#: an entry about its department's whole field that a buyer of that department names scores
#: as if it named the line's object (统计专项调查服务 for any survey a 统计局 buys); an entry of
#: the same department that does name it, serves the line as well and is a match on its own comes
#: first when it scores at most this much less (公共安全评价调查服务 for 群众安全感民意调查)
GENERIC_YIELD = 20.0
#: an entry that does the line's kind of service (at least SAME_FAMILY) comes before a best
#: entry of the same department that only does a related kind when it scores at most this much
#: less and at least REVIEW: what is done decides before what it is done on (环境监测 is a 监测
#: entry, not 环境统计调查分析服务, though that names 环境 whole). On all labelled texts: top-1
#: 10 better, 2 worse, no verdict worse. Within the same margin, an entry whose name writes the
#: line's compound service word (COMPOUND_SERVICE: 预警信息发布) comes before a best of its
#: department that is only of that word's family (粮食信息服务): top-1 12 better, none worse
SERVICE_YIELD = 10.0
#: the exponents of the two coverages: naming the entry's object weighs more than saying
#: nothing else (a place, an event's name, a wrapper)
EC_EXP = 0.6
#: (see EC_EXP)
TC_EXP = 0.4

#: a line whose service is the entry's kind (at least SAME_FAMILY) and that names the entry's
#: object (entry coverage at least NAMED_OBJECT) is that entry, whatever else it writes: what the
#: entry does not explain (an event's name, places, a programme's slogan) lowers the text
#: coverage at most to this
TC_FLOOR = 0.5
#: (see TC_FLOOR.) A line that writes a framing word of three characters or more of an
#: entry's name (进基层 of 全民安全宣传教育进基层服务, which 进企业、进社区, 五进, 七进 are read
#: as) names that entry's object this much, when its own object lies in the entry's
#: department's field (``OBJECT_IN_FIELD``): the campaign says which entry, though 全民 is not
#: written. On every label: first entry 40 better, none worse; two no-buyer verdicts in scope
#: go to review. So is an entry that enumerates the kinds of its department's whole field
#: (煤炭、电力、新能源…清洁能源利用行业统计分析服务) named by a line of its own kind of service
#: (SURE_SERVICE) whose object lies in that field but is none of the kinds (重点用能单位): on
#: every label, verdicts 3 better, 1 worse; first entry 2 better, none worse
NAMED_OBJECT = 0.8
#: a service word of a line before its main service (规划编制 of 规划编制单位技术人员培训, 信息报送
#: of 双公示信息报送质量评估) names this much of an entry that writes another word of its family
#: there (规划 of 国土空间规划从业人员培训服务, 数据考核 of “双公示”数据考核评估服务), where
#: its character pairs name a third of it. Not for a family whose words are different works
#: (lexicon.json ``mixed``: 保护传承, where 开发利用 is no 保护). On every label: verdicts 62
#: better, none worse; first entry 3 better, 1 worse; false accepts unchanged. Read whole (1.0)
#: it put 认证技术评审鉴定评估服务 first for 伤残等级评定医学鉴定 (first entry 35 better, 170
#: worse)
FAMILY_NAMED = 0.7

# -- thresholds of the verdict --------------------------------------------------------------------
#: a best score at or above this is a match
IN_SCOPE = 55.0
#: a best score at or above this (and below IN_SCOPE) goes to a person
REVIEW = 40.0
#: below REVIEW, a line whose buyer's entries shown include one of the kind of service the
#: line ends in (at least SAME_FAMILY) that scores this much goes to a person, not to "not
#: listed": the buyer's list buys this kind of service, and only the object differs from the
#: entry's words
#: (书法艺术公益培训 and 文化和旅游行业人才队伍培训服务). On all labelled texts: false rejects
#: 6.1% -> 5.6% with no verdict made wrong, review 12.3% -> 12.9%; at 20, 5.5% and 13.0%
KIND_REVIEW = 25.0
#: a best entry of REVIEW or more (below IN_SCOPE) is a match all the same when the line's main
#: service is the entry's kind (SURE_SERVICE), the line names a word of the entry's own object,
#: and the entry's name or its department's field explains this share of the line's object:
#: what is left unexplained is how the line is framed (places, events, wrappers), not what the
#: service is done on
WHOLE_OBJECT = 0.9
#: a match is in scope only when the line's main service is the entry's kind of service (the
#: same word or family: at least SAME_FAMILY); a related kind (体系建设 / 标准, 测评 / 评价调查)
#: or a match through a service that is not the line's main one goes to a person however high
#: it scores
SURE_SERVICE = SAME_FAMILY
#: another department's entry must beat the buyer's own by this much to call the line theirs
MARGIN = 10.0
#: what an excluded line keeps beside its goods, works or transfer is a listed service bundled
#: in when one of its best this many entries scores IN_SCOPE and is of its own kind of service
#: (SURE_SERVICE): 演练 beside 演练评估 (an assessment scored higher, a related kind) is still
#: one. On all labels: verdicts 23 better, 5 worse (the best alone: 23 better, 6 worse; each
#: kept clause ranked alone as well: 35 better, 38 worse, a staff's duties read as a service)
BUNDLE_CANDIDATES = 3

# -- candidates -----------------------------------------------------------------------------------
#: the candidate stage: a word of the line found whole in an entry's name adds this much (times
#: its share of the line's object) to the entry's estimate, so that an entry that names the
#: line's object is scored exactly even when its service word shares no pair with the line's
#: (农产品 … 例行监测 and 农产品质量安全检测)
WHOLE_WORD_ESTIMATE = 0.5
#: the candidate stage: an entry of a kind of service related to the line's (not its own) is
#: estimated at this share, and so is an entry that names no service (农业企业、新型农业经营主体
#: 服务), by its object alone
RELATED_ESTIMATE = 0.7
#: the candidate stage leans towards the entries of the line's own kind of a department whose
#: field holds the line's object by this much of that share (玉米 names grain, and 玉米密植高产
#: 技术示范推广 is a crop's: 农业农村's entries of the kind are scored, not only the grain
#: bureau's; verdicts 18 better, 5 worse, first entry 14 better, 13 worse on all labels)
FIELD_ESTIMATE = 0.3
#: an entry of the best's department that scores at most this much less, does the line's
#: service at least as well and whose name the line writes more of (by DETAIL_SHARE of its
#: character pairs, and by more pairs) comes first: a person takes the entry the line spells
#: out (当年新收获粮食质量调查和品质测报 is 粮食质量安全监测服务, not the slightly higher
#: 粮油产品检测服务). On every label: first entry 75 better, 5 worse, no verdict changed
DETAIL_YIELD = 10.0
#: (see DETAIL_YIELD.) At 0.3: first entry 149 better, 31 worse, and 3 verdicts worse
DETAIL_SHARE = 0.4
#: how far below the best an entry may score and still be put first by one of the rules
#: above: the ranking scores every such entry in full (the whole-field rule, which yields
#: further, scores what it needs again)
YIELD_MARGIN = max(SERVICE_YIELD, DETAIL_YIELD)
#: entries scored exactly per text: the best this many by the candidate stage's estimate, and
#: every entry of the buyer's departments among the estimate's top ones
CANDIDATES = 10


@dataclass(frozen=True)
class Row:
    """One row of the decision table: when it applies, the verdict, the reason categories."""

    case: str
    verdict: str
    categories: tuple[str, ...]


#: the decision rule: the first row whose case holds decides (``verdict._decide`` follows it
#: row by row; ``docs/matching.md`` §4 prints it)
DECISION: tuple[Row, ...] = (
    Row("the text is not a budget line (empty)", "error", ("error",)),
    Row("the text names no service and no object (an agency name, a number, a code, framing "
        "words alone), or it is a functional classification alone, its code and name with no "
        "service word (2110301 大气: a heading or subtotal row of a table)",
        "out_of_scope",
        ("no_service",)),
    Row("an exclusion rule fires and what is left is no entry of the buyer's", "out_of_scope",
        ("excluded:*",)),
    Row("an exclusion rule fires but what is left matches an entry of its own kind of service "
        "(≥ IN_SCOPE and SURE_SERVICE, among its best BUNDLE_CANDIDATES)", "review",
        ("excluded:*", "matched", "ambiguous")),
    Row("the line names no service (地质灾害隐患点试点), and some entry scores ≥ REVIEW (unless "
        "the best entry is a named thing, its own name with no service word, and the line "
        "names every object word of it: 诚信质量万里行活动)",
        "review", ("ambiguous",)),
    Row("the buyer is an agency with no list, and some entry scores ≥ REVIEW, or an entry of "
        "the kind of service the line ends in scores ≥ KIND_REVIEW and the line names no field "
        "of a body with no list (分散供养特困人员健康体检 for a 民政局; not 禁毒宣传 for a 公安局)",
        "review", ("outside_buyer",)),
    Row("the buyer's best entry ≥ IN_SCOPE and no other department's beats it by MARGIN (with "
        "no buyer: the best entry ≥ IN_SCOPE), but the line's main service is only near the "
        "entry's: a related kind, or another of its services matched (not SURE_SERVICE), and "
        "no project name before a description names the entry's kind (地表水断面委托监测：…采样"
        "分析 is 委托监测); or "
        "the line also buys work on an information system or a lease, which the second batch "
        "does not list (平台建设及检测服务, 快检车租赁及快检服务; system work also in a closing "
        "bracket set aside to read the service: 科技数据服务（门户网站运维、OA系统维护）), or a "
        "base set up (培训基地建设及培训服务)",
        "review", ("ambiguous",)),
    Row("no buyer, the best entry ≥ IN_SCOPE, but the line names a service and no object (or "
        "only a run the lexicon lacks, which is no department's field), and "
        "another department's entry of that kind of service scores ≥ REVIEW, or ≥ KIND_REVIEW when "
        "the best is about its department's whole field (业务培训; nothing says which: "
        "no qualifier the entry names and the other lacks, no department name, no compound "
        "service word, service word or kind of service only the best entry has)",
        "review", ("ambiguous",)),
    Row("any row below would give in_scope, but the line matches only as read with a "
        "homophone slip read otherwise (水质监侧 as 水质监测: the line names no service word, "
        "and a run the lexicon lacks is one syllable-for-syllable slip of its word), or the "
        "buyer's department was read so (生态环竟局 as 生态环境局)",
        "review", ("typo", "matched", "ambiguous")),
    Row("any row below would give in_scope, but no buyer is named and the line names the field "
        "of a body the second batch has no list for (反诈 of 公安, 农村饮水 of 水利: lexicon.json "
        "outside_fields; not inside a 不含… clause or a winning supplier's name), nor is it read "
        "as a department's by its object",
        "review", ("matched", "ambiguous")),
    Row("any row below would give in_scope, but the line is for the buying body itself: its "
        "office building, canteen, own equipment or staff (机关办公楼, 局机关食堂, 本局自用, "
        "干部职工: lexicon.json own_use), its own upkeep, which no department's list holds",
        "review", ("matched", "ambiguous")),
    Row("any row below would give in_scope, but the line is about an aspect of the entry's "
        "object that the entry does not name, and names none it does (价格 of 电线电缆市场价格"
        "监测, for 工业产品质量风险监测服务: the same object, maybe another service)",
        "review", ("ambiguous",)),
    Row("the buyer's best entry ≥ IN_SCOPE and no other department's beats it by MARGIN; or "
        "≥ REVIEW when the line's main service is the entry's kind (SURE_SERVICE), the line "
        "names a word of the entry's own object, and the entry's name or its department's field "
        "explains WHOLE_OBJECT of the line's object (水污染物排放地方标准制定外包)",
        "in_scope", ("matched",)),
    Row("another department's entry beats the buyer's as in the next row, but wins on its "
        "department's field words alone (it names no object of its own that the line has: 广场 "
        "of 文化和旅游, for a 发改委's 广场集中宣传活动), and the buyer's best ≥ KIND_REVIEW is of "
        "the line's main service: whose field the object is, a person says",
        "review", ("ambiguous", "other_department")),
    Row("another department's entry ≥ IN_SCOPE beats the buyer's by 2 × MARGIN (by MARGIN when "
        "the buyer's is below REVIEW), and the buyer's best is not an entry ≥ REVIEW of the "
        "line's main service (another department's whole-field entry counts only when the line "
        "names an object and no entry of the buyer's that names its own object names it), "
        "unless the line names no object and the buyer lists an entry of its kind of service "
        "≥ KIND_REVIEW (资格考试组织 for an 应急局: the last review row); "
        "review when the buyer was only read from the text",
        "out_of_scope", ("other_department",)),
    Row("the buyer's best ≥ REVIEW, another department's better: by MARGIN, or at all when "
        "the other names a word of its own object that the line has and the buyer's best names "
        "none (环境统计调查分析服务 and 公众生态环境评价调查服务 for a 公众满意度调查), unless "
        "the line names the buyer's department and the other entry is for its own department's "
        "trade, which the line does not name (能源系列工程师职称评审 for a 能源局)", "review",
        ("other_department", "ambiguous")),
    Row("the best entry in [REVIEW, IN_SCOPE)", "review", ("ambiguous",)),
    Row("an entry of the buyer's shown (best first) in [KIND_REVIEW, REVIEW), of the kind of "
        "service the line ends in (≥ SAME_FAMILY; nothing after the service but framing words "
        "or its work steps: 演练组织, 活动承办; or the project name before its description ends "
        "so: 粮油…调查服务：…抽样调查…购销量): "
        "the list buys this kind of service, the object is not the entry's words; with no "
        "buyer, such an entry of a kind of service only its department lists (入企服务), when the "
        "line buys no goods (…物资储备采购), or of a department whose field holds at least "
        "OBJECT_IN_FIELD of the line's object (乡村旅游、民宿 of 文化和旅游, for a 培训班) or "
        "the whole of a compound service word of it (HEAD_IN_FIELD, COMPOUND_SERVICE: 满意度调查, "
        "抽样调查 of 统计; not a bare 调查 or 评价)",
        "review", ("ambiguous",)),
    Row("an entry of the buyer's shown (best first) in [KIND_REVIEW, REVIEW) that names the "
        "line's object (entry coverage ≥ NAMED_OBJECT) and is of the same or a related kind of "
        "service (≥ RELATED_FAMILY), when the line names no service the second batch does not "
        "list: the list has the nearest service for what the line is about (定点批发市场信息采集 "
        "for a 农业部: its market information statistics)",
        "review", ("ambiguous",)),
    Row("nothing reaches REVIEW", "out_of_scope", ("not_listed",)),
)  # fmt: skip
