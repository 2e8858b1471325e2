//! The node and zone labels of the built-in diagrams (presets and lessons) in both
//! languages: a diagram is written in English and shown in the reader's
//! language by swapping each known label for its translation.

use crate::document::Document;
use crate::i18n::{l, Lang, Localized};

/// Every label the built-in diagrams use, keyed by its English text. Labels
/// stay within what a box shows whole: 11 Latin letters, six Chinese characters.
pub const LABELS: &[Localized] = &[
    l("Browser", "浏览器"),
    l("App server", "应用服务器"),
    l("Shop app", "商城应用"),
    l("Database", "数据库"),
    l("Shared DB", "共享数据库"),
    l("Balancer", "负载均衡"),
    l("Server 1", "服务器 1"),
    l("Server 2", "服务器 2"),
    l("Server 3", "服务器 3"),
    l("Storefront", "商城前台"),
    l("Billing", "结算系统"),
    l("API gateway", "API 网关"),
    l("Catalog", "商品服务"),
    l("Orders", "订单服务"),
    l("Payments", "支付服务"),
    l("Shipping", "物流服务"),
    l("Recommend", "推荐服务"),
    l("Events", "事件队列"),
    l("Catalog DB", "商品库"),
    l("Orders DB", "订单库"),
    l("Payments DB", "支付库"),
    // The challenges' diagrams.
    l("Shop", "网店"),
    l("App", "应用"),
    l("API", "API 服务"),
    l("Bookings DB", "订票库"),
    l("Gateway", "网关"),
    l("Card provider", "银行卡服务商"),
    l("Checkout", "结账服务"),
    l("Fraud check", "风控服务"),
    l("Ledger", "账本服务"),
    l("Users", "用户服务"),
    l("Shop DB", "商城库"),
    l("Cache", "缓存"),
    // The zones of the zone preset and lesson (a zone's label is shown like a node's).
    l("Zone A", "可用区 A"),
    l("Zone B", "可用区 B"),
    l("Zone C", "可用区 C"),
];

/// The capabilities the built-in diagrams use, keyed by their name in the
/// documents. A capability is an identifier (functions name it, the document
/// keeps it as written); a function derived from one is labelled with it
/// (docs/spec/model.md §1.3), and the app shows that label in the reader's language.
pub const CAPABILITIES: &[Localized] = &[
    l("catalog", "浏览商品"),
    l("orders", "下单"),
    l("payments", "支付"),
    // The challenges' diagrams.
    l("checkout", "结账"),
    l("order", "下单"),
    l("pay", "付款"),
    l("search", "搜索"),
    l("book", "订票"),
];

/// The capability named `name`, if the built-in diagrams use it.
pub fn capability(name: &str) -> Option<&'static Localized> {
    CAPABILITIES.iter().find(|t| t.en == name)
}

/// The label whose English text is `en`, if the built-in diagrams use it.
pub fn label(en: &str) -> Option<&'static Localized> {
    LABELS.iter().find(|t| t.en == en)
}

/// `doc` with every known node and zone label in `lang`; labels it does not
/// know (a user's own, or one a split made) stay as they are.
pub fn localize_labels(doc: &Document, lang: Lang) -> Document {
    let mut out = doc.clone();
    let labels = out.nodes.iter_mut().map(|n| &mut n.label);
    for written in labels.chain(out.zones.iter_mut().map(|z| &mut z.label)) {
        if let Some(text) = written.as_deref().and_then(label) {
            *written = Some(text.get(lang).to_string());
        }
    }
    out
}
