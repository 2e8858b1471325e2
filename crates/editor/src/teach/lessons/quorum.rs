//! Quorum (2 of 3) vs any one of N: the same three copies, alive when a
//! majority is up or when any one is (docs/spec/model.md §2, `alive`).

use super::l;
use crate::teach::diagrams::QUORUM;
use crate::teach::{Lesson, Step, Task};
use topolab_engine::i18n::Localized;

const ORDERS_DB: Localized = l("Orders DB", "订单库");

pub const LESSON: Lesson = Lesson {
    id: "quorum",
    title: l(
        "Quorum (2 of 3) vs any one of N",
        "法定人数（3 取 2）与任意一个即可",
    ),
    summary: l(
        "Three copies of a database can mean very different things: a majority must be \
         up, or any single copy will do.",
        "同样是三个副本，含义可以完全不同：要么多数派在线才行，要么任意一个副本就够。",
    ),
    steps: &[
        Step {
            text: l(
                "Both databases keep three copies. Orders DB is a consensus store: a write \
                 counts only once a majority, 2 of 3, has it (quorum 2). Catalog DB is a \
                 set of read replicas: any one copy can answer (quorum 1).",
                "两个数据库都有三个副本。订单库是一致性存储：一次写入要多数派（3 个里的 2 个）\
                 确认才算数，法定人数是 2。商品库是一组只读副本：任意一个副本都能响应，法定人数是 1。",
            ),
            diagram: QUORUM,
            killed: &[],
            task: None,
        },
        Step {
            text: l(
                "Kill one copy of Orders DB. Two of three are still up, a majority, so \
                 ordering still works.",
                "停掉订单库的一个副本。三个里还剩两个，仍是多数派，下单照常可用。",
            ),
            diagram: QUORUM,
            killed: &[],
            task: Some(Task::Kill {
                node: "orders-db",
                index: 0,
                name: ORDERS_DB,
            }),
        },
        Step {
            text: l(
                "Kill a second copy. One copy alone is no majority: Orders DB stops and \
                 ordering goes down, although a copy is still running. A majority of \
                 three survives one failure, not two.",
                "再停掉一个副本。只剩一个副本，凑不够多数派：订单库停止服务，下单不可用了，\
                 尽管还有一个副本在运行。3 个副本的多数派只能扛住 1 个故障，扛不住 2 个。",
            ),
            diagram: QUORUM,
            killed: &[("orders-db", 0)],
            task: Some(Task::Kill {
                node: "orders-db",
                index: 1,
                name: ORDERS_DB,
            }),
        },
        Step {
            text: l(
                "Now the same with Catalog DB: one copy is already down, kill a second. \
                 With quorum 1 the last copy is enough, and the catalog stays up.",
                "再对商品库做同样的事：已经停了一个副本，再停一个。法定人数是 1，\
                 最后一个副本就够用，浏览商品依然可用。",
            ),
            diagram: QUORUM,
            killed: &[("catalog-db", 0)],
            task: Some(Task::Kill {
                node: "catalog-db",
                index: 1,
                name: l("Catalog DB", "商品库"),
            }),
        },
        Step {
            text: l(
                "Why not always quorum 1? Copies that cannot reach each other could each \
                 accept a different write (split brain), while any two majorities share a \
                 copy and never disagree. The price: if each copy is up with probability a, \
                 a majority of three is up 3a² - 2a³, less than the 1 - (1 - a)³ of any one.",
                "那为什么不都设成 1？副本之间网络不通时，可能各自接受互相冲突的写入（脑裂）；\
                 而任意两个多数派至少有一个副本重合，不会出现分歧。代价是：设单个副本的可用性为 a，\
                 3 取 2 的可用性是 3a² - 2a³，低于任意一个即可时的 1 - (1 - a)³。",
            ),
            diagram: QUORUM,
            killed: &[],
            task: None,
        },
    ],
};
