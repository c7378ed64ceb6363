"""Word lists for Chinese and Japanese facts, kept in one data place so editors can review them."""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """Return the whitespace-separated words of a listing, longest first (for alternations)."""
    return tuple(sorted(set(text.split()), key=lambda w: (-len(w), w)))


# Currency names written before the number ("新台幣3億元").
CURRENCY_PREFIXES = words(
    """
    新台幣 新臺幣 人民幣 人民币 美金 港幣 港币 日幣 日币 台幣 臺幣
    """
)
# Units of money and percentages: a figure with one of these is always worth showing.
MONEY_UNITS = words(
    """
    美元 日圓 日元 日円 港元 歐元 欧元 英鎊 英镑 韓元 韩元 元 円 ドル ユーロ % ％
    """
)
# Counters and measures: shown only with a number of two or more characters ("120人").
COUNTERS = words(
    """
    萬人 万人 人次 人 名 位 件 輛 辆 艘 架 座 棟 栋 戶 户 家 所 間 间 公里 公尺 公頃 公顷
    平方公里 噸 吨 公斤 千瓦 小時 小时 天 倍 台 隻 只 頭 匹 トン キロ メートル 人分 校 店舗
    軒 台数 機 隻 品目 ヘクタール 万人 平方米 平方公尺 亩 畝
    """
)
# Scale words: a number with one of these is a figure on its own ("三億", "1200萬").
SCALES = words("萬 万 億 亿 兆")
# Reporting verbs that attribute a Chinese quote.
ZH_SAY = words("表示 說 说 指出 稱 称 強調 强调 坦言 直言 認為 认为 透露 提到 說明 说明")
# Reporting verbs (past forms) that attribute a Japanese quote after 「…」と.
JA_SAY = words(
    "述べた 話した 語った 説明した 強調した 明らかにした 指摘した 述べている 話している 答えた"
)
# Pronouns standing for the last named speaker.
PRONOUNS = words("他 她 他們 她們 他们 她们 彼 彼女")
# Endings of organisation names (Chinese and Japanese).
ORGANIZATION_SUFFIXES = words(
    """
    委員會 委员会 委員会 基金會 基金会 研究所 研究院 警察局 警察署 市政府 縣政府 县政府
    公司 大學 大学 銀行 银行 協會 协会 法院 醫院 医院 集團 集团 政府 辦事處 办事处 部 署
    局 處 处 院 廳 厅 省 庁 株式会社 会社 協会 議会 裁判所 市役所 財団 機構 機关 機關
    """
)
# Characters that make a "…部" word a direction or part ("北部", "全部"), not a ministry.
NOT_MINISTRY = frozenset("東西南北中內内外全上下前後后頭头局總总")
# Words that never start an organisation name when joining segments leftwards.
ORGANIZATION_BREAKS = frozenset(
    words(
        """
        表示 宣布 宣佈 指出 根據 根据 透過 通过 包括 以及 由於 由于 認為 认为 擔任 担任
        前往 成立 加入 要求 今天 昨天 目前 已經 已经 與 与 和 及 的 在 由 向 對 对 從 从
        將 将 被 讓 让 為 为 是 也 都 並 并 則 则 就 還 还 該 该 此 這 这 那 其 各 每
        來自 来自 受到 方便 那些 這些 这些 考入 不僅 不仅 作為 作为 身處 身处 位於 位于
        """
    )
)
# Major places named in Chinese or Japanese news.
PLACES = words(
    """
    台灣 臺灣 台湾 台北 臺北 新北 桃園 桃园 台中 臺中 台南 臺南 高雄 基隆 新竹 苗栗
    彰化 南投 雲林 云林 嘉義 嘉义 屏東 屏东 宜蘭 宜兰 花蓮 花莲 台東 臺東 台东 澎湖
    金門 金门 馬祖 马祖 蘭嶼 兰屿 綠島 绿岛 中國 中国 大陸 大陆 北京 上海 廣州 广州
    深圳 香港 澳門 澳门 福建 廈門 厦门 日本 東京 东京 大阪 京都 名古屋 横浜 橫濱 福岡
    福冈 札幌 神戸 神戶 広島 廣島 沖縄 沖繩 北海道 九州 韓國 韩国 韓国 首爾 首尔 ソウル
    美國 美国 米国 アメリカ 華府 华府 紐約 纽约 英國 英国 イギリス 倫敦 伦敦 ロンドン
    法國 法国 フランス 巴黎 パリ 德國 德国 ドイツ 俄羅斯 俄罗斯 ロシア 烏克蘭 乌克兰
    ウクライナ 歐洲 欧洲 欧州 ヨーロッパ 亞洲 亚洲 アジア 菲律賓 菲律宾 フィリピン 越南
    ベトナム 泰國 泰国 タイ 新加坡 シンガポール 印度 インド 澳洲 オーストラリア 加拿大
    カナダ 紐西蘭 新西兰 ニュージーランド 印尼 インドネシア 馬來西亞 马来西亚 マレーシア
    """
)
