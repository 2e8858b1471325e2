//! The lessons' own small documents, kept as JSON beside this file and read
//! by the same parser as any user's file.

use super::Diagram;
use topolab_engine::i18n::l;

/// One service holding every capability, its database below it: laid out so
/// that a split (docs/spec/model.md §4 puts the new service 160 to the right) stays tidy.
pub const SHOP: Diagram = Diagram::Document {
    json: include_str!("docs/shop.json"),
    title: l(
        "Shop app: one service, one database",
        "商城应用：一个服务，一个数据库",
    ),
};

/// Orders waits for Shipping on every order.
pub const QUEUE_SYNC: Diagram = Diagram::Document {
    json: include_str!("docs/queue-sync.json"),
    title: l(
        "Orders calls Shipping synchronously",
        "订单服务同步调用物流服务",
    ),
};

/// The same, with a queue between them.
pub const QUEUE_ASYNC: Diagram = Diagram::Document {
    json: include_str!("docs/queue-async.json"),
    title: l(
        "Orders publishes events that Shipping consumes",
        "订单服务发布事件，物流服务异步消费",
    ),
};

/// Two databases of three copies: one needs a majority, one any copy.
pub const QUORUM: Diagram = Diagram::Document {
    json: include_str!("docs/quorum.json"),
    title: l(
        "Three copies each: a majority of 2, or any one",
        "各有三个副本：多数派 2 个，或任意 1 个",
    ),
};

/// The three-zone preset's shop with every instance in one zone.
pub const ONE_ZONE: Diagram = Diagram::Document {
    json: include_str!("docs/one-zone.json"),
    title: l(
        "The shop's three servers, all in one zone",
        "商城的三台服务器，全在一个可用区",
    ),
};

/// A consensus store of three copies, one in each of three zones.
pub const QUORUM_THREE_ZONES: Diagram = Diagram::Document {
    json: include_str!("docs/quorum-three-zones.json"),
    title: l(
        "A majority of three copies over three zones",
        "三个副本分布在三个可用区，多数派生效",
    ),
};

/// The same store with two copies over two zones, both needed.
pub const QUORUM_TWO_ZONES: Diagram = Diagram::Document {
    json: include_str!("docs/quorum-two-zones.json"),
    title: l(
        "A majority of two copies over two zones",
        "两个副本分布在两个可用区，多数派生效",
    ),
};
