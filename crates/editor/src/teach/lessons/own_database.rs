//! Why a database per service lowers coupling: a store shared by services
//! with different jobs (docs/spec/model.md §3, `shared_stores`), and a split that gives
//! the new service its own.

use super::l;
use crate::teach::diagrams::SHOP;
use crate::teach::{Diagram, Lesson, Step, Task};
use topolab_engine::split::SplitLink;

const SHOP_APP: topolab_engine::i18n::Localized = l("Shop app", "商城应用");

pub const LESSON: Lesson = Lesson {
    id: "own-database",
    title: l(
        "Why a database per service lowers coupling",
        "为什么每个服务一个数据库能降低耦合",
    ),
    summary: l(
        "A database shared by services with different jobs ties them together: split a \
         service with and without its own database and compare.",
        "被不同职责的服务共用的数据库会把它们绑在一起：分别带上和不带独立数据库拆分一个服务，对比一下。",
    ),
    steps: &[
        Step {
            text: l(
                "In the distributed design all three subsystems read and write one \
                 database, so the analysis lists it as a shared store. A schema change \
                 needs all three teams, and the database is on every function's path. \
                 Kill it.",
                "在分布式方案里，三个子系统读写同一个数据库，所以分析结果把它列为共享存储。\
                 改一次表结构要三个团队一起协调，而且每个功能都离不开这个数据库。把它停掉试试。",
            ),
            diagram: Diagram::Preset("distributed"),
            killed: &[],
            task: Some(Task::Kill {
                node: "db",
                index: 0,
                name: l("Shared DB", "共享数据库"),
            }),
        },
        Step {
            text: l(
                "Back to the single shop app. Split payments out into a new service that \
                 the browser reaches directly, but let it keep the same database. The \
                 split is only on the surface: the database is now shared by two services \
                 with different jobs.",
                "回到单个的商城应用。把支付拆成一个新服务，浏览器直接访问它，但让它继续用原来的数据库。\
                 这样的拆分只停留在表面：数据库现在被两个职责不同的服务共用。",
            ),
            diagram: SHOP,
            killed: &[],
            task: Some(Task::Split {
                node: "app",
                name: SHOP_APP,
                capabilities: &["payments"],
                link: SplitLink::None,
                own_database: false,
            }),
        },
        Step {
            text: l(
                "Make the same split again, this time with a database of its own for the \
                 new service. No store is shared any more: each service owns its data and \
                 can change its schema alone, and payments no longer depend on the shop's \
                 database at all.",
                "再做一次同样的拆分，这次给新服务配一个独立的数据库。这下没有共享存储了：\
                 每个服务独占自己的数据，改表结构不用和别人商量，支付也完全不再依赖商城的数据库。",
            ),
            diagram: SHOP,
            killed: &[],
            task: Some(Task::Split {
                node: "app",
                name: SHOP_APP,
                capabilities: &["payments"],
                link: SplitLink::None,
                own_database: true,
            }),
        },
        Step {
            text: l(
                "In the microservices design every service that keeps data has a database \
                 of its own. Kill Orders DB, both copies: ordering stops, but the catalog \
                 and payments keep working. The damage stays inside one service.",
                "在微服务方案里，每个要存数据的服务都有自己的数据库。停掉订单库（两个副本都停）：\
                 下单不可用了，但浏览商品和支付照常工作。故障被限制在一个服务内部。",
            ),
            diagram: Diagram::Preset("microservices"),
            killed: &[],
            task: Some(Task::KillNode {
                node: "orders-db",
                name: l("Orders DB", "订单库"),
            }),
        },
    ],
};
