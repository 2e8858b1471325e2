//! The built-in challenges (docs/spec/app.md `?challenge=`): a starting diagram whose
//! goals (docs/spec/model.md §6) are not met, and a short story saying what to do,
//! in English and Chinese, from easy to hard. Goals live in the document, so a
//! teacher's own challenge is any document with goals, shared as a link.
//!
//! Each diagram is a `topolab/1` file beside this one, without positions: it is
//! laid out as it opens. The tests check that none is met as it opens and that
//! the change each story hints at meets every goal.

use topolab_engine::i18n::{l, Lang, Localized};
use topolab_engine::presets::labels::localize_labels;
use topolab_engine::{parse_document, Document};

/// One exercise: a diagram with goals, and what it asks in words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Challenge {
    /// Stable name, for `?challenge=<id>`.
    pub id: &'static str,
    pub title: Localized,
    /// Easy, medium or hard, in words.
    pub level: Localized,
    /// Two or three sentences: the situation and what to reach.
    pub story: Localized,
    json: &'static str,
}

impl Challenge {
    /// The starting diagram, titled and labelled in `lang`.
    pub fn document(&self, lang: Lang) -> Document {
        // The built-in files are checked by the tests: an error here is a bug
        // in them, and gives an empty diagram rather than a panic.
        let mut doc = localize_labels(&parse_document(self.json).unwrap_or_default(), lang);
        doc.title = Some(self.title.get(lang).to_string());
        doc
    }
}

const EASY: Localized = l("Easy", "简单");
const MEDIUM: Localized = l("Medium", "中等");
const HARD: Localized = l("Hard", "困难");

/// Every challenge, easiest first.
pub const CHALLENGES: &[Challenge] = &[
    Challenge {
        id: "first",
        title: l("Survive one server", "扛住一台服务器宕机"),
        level: EASY,
        story: l(
            "Your shop runs on one app server and one database, and either one's death takes the whole shop down. Make it survive the loss of any one server and reach three nines, with at most two more servers.",
            "你的网店只有一台应用服务器和一个数据库，任何一台宕机，整个网店就停了。让它扛住任意一台服务器宕机，并达到三个 9，最多只能再加两台服务器。",
        ),
        json: include_str!("first.json"),
    },
    Challenge {
        id: "balancer",
        title: l("The balancer is a server too", "负载均衡器也是一台服务器"),
        level: EASY,
        story: l(
            "Three app servers and two copies of the database: surely nothing can take this down? Find the single point of failure that is left and remove it, with one more server at most, for four nines.",
            "三台应用服务器，数据库两个副本：这下总不会停了吧？找出剩下的那个单点故障并消除它，最多再加一台服务器，达到四个 9。",
        ),
        json: include_str!("balancer.json"),
    },
    Challenge {
        id: "two-at-once",
        title: l("Two at once", "同时坏两台"),
        level: MEDIUM,
        story: l(
            "Servers fail together more often than you think: during an upgrade, one is down on purpose when another breaks. Make booking survive any two servers failing at once, within the budget.",
            "服务器同时出问题比你想的更常见：升级时一台被主动停掉，另一台恰好坏了。让订票服务扛住任意两台服务器同时宕机，且不超预算。",
        ),
        json: include_str!("two-at-once.json"),
    },
    Challenge {
        id: "provider",
        title: l("A provider you cannot fix", "你修不了的外部服务"),
        level: MEDIUM,
        story: l(
            "Taking an order calls the card provider, which is up 99.5% of the time. Ask what it would take to reach 99.9%: no number of your own servers can. Change how orders depend on the provider instead (take the order now, charge the card later).",
            "下单要调用银行卡服务商，而它只有 99.5% 的时间可用。问问要达到 99.9% 需要什么：加多少台自己的服务器都不行。那就改变订单对服务商的依赖方式（先接单，稍后再扣款）。",
        ),
        json: include_str!("provider.json"),
    },
    Challenge {
        id: "checkout",
        title: l("Four nines for checkout, on a budget", "有限预算下让结账达到四个 9"),
        level: HARD,
        story: l(
            "Checkout must reach four nines, and the budget allows 7 more cost units (a database instance costs 2, anything else 1). Spend it only where checkout needs it: the catalog can stay as it is.",
            "结账必须达到四个 9，预算只够再花 7 个成本单位（数据库实例每个 2，其余每个 1）。只把钱花在结账需要的地方：商品目录可以保持原样。",
        ),
        json: include_str!("checkout.json"),
    },
    Challenge {
        id: "untangle",
        title: l("Untangle it", "理清这团乱麻"),
        level: HARD,
        story: l(
            "A design that grew without a plan: services call each other in a circle, two of them share one database, and a request waits on a long chain of calls. Clean it up: no cycle, a database of its own for each service, and no synchronous chain deeper than two.",
            "一个毫无规划长出来的设计：服务之间循环调用，两个服务共用一个数据库，一个请求要等一长串同步调用。把它理清：没有循环，每个服务有自己的数据库，同步调用链深度不超过 2。",
        ),
        json: include_str!("untangle.json"),
    },
];

/// The challenge named `id`, if there is one.
pub fn challenge(id: &str) -> Option<&'static Challenge> {
    CHALLENGES.iter().find(|c| c.id == id)
}
