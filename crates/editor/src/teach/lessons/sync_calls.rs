//! Why splitting with synchronous calls can lower availability: along a chain
//! of calls availabilities multiply (docs/spec/model.md §2, `works`).

use super::l;
use crate::teach::diagrams::SHOP;
use crate::teach::{Diagram, Lesson, Step, Task};
use topolab_engine::split::SplitLink;

pub const LESSON: Lesson = Lesson {
    id: "sync-calls",
    title: l(
        "Why splitting with synchronous calls can lower availability",
        "为什么用同步调用拆分，可用性反而会下降",
    ),
    summary: l(
        "Along a chain of synchronous calls availabilities multiply: every service a \
         request waits for is one more way to fail.",
        "沿着同步调用链，可用性是相乘的：请求每多等一个服务，就多一种失败的可能。",
    ),
    steps: &[
        Step {
            text: l(
                "One app server, up 99.9% of the time, and one database, up 99.95%. A \
                 request needs both, so each function is up 0.999 × 0.9995 ≈ 99.85% of \
                 the time.",
                "一台应用服务器（可用性 99.9%），一个数据库（99.95%）。每个请求两者都要用到，\
                 所以每个功能的可用性是 0.999 × 0.9995 ≈ 99.85%。",
            ),
            diagram: SHOP,
            killed: &[],
            task: None,
        },
        Step {
            text: l(
                "Split payments out into a service of its own, but keep the call \
                 synchronous: the shop app calls it on every request and waits for the \
                 answer. Now even browsing the catalog needs two servers up: \
                 0.999² × 0.9995 ≈ 99.75%.",
                "把支付拆成一个独立的服务，但保留同步调用：商城应用处理每个请求都要调用它，\
                 并等它返回。这下连浏览商品都要两台服务器同时在线：0.999² × 0.9995 ≈ 99.75%。",
            ),
            diagram: SHOP,
            killed: &[],
            task: Some(Task::Split {
                node: "app",
                name: l("Shop app", "商城应用"),
                capabilities: &["payments"],
                link: SplitLink::Requires,
                own_database: false,
            }),
        },
        Step {
            text: l(
                "The distributed design: Storefront calls Orders and Orders calls Billing, \
                 synchronously, and all three use one database. Every request waits for \
                 the whole chain: 0.999³ × 0.9995 ≈ 99.65%. Kill Billing and watch the \
                 catalog.",
                "再看分布式的方案：商城前台同步调用订单，订单再同步调用结算，三者共用一个数据库。\
                 每个请求都要等整条调用链走完：0.999³ × 0.9995 ≈ 99.65%。停掉结算系统，\
                 看看浏览商品会怎样。",
            ),
            diagram: Diagram::Preset("distributed"),
            killed: &[],
            task: Some(Task::Kill {
                node: "billing",
                index: 0,
                name: l("Billing", "结算系统"),
            }),
        },
        Step {
            text: l(
                "Browsing the catalog never needed Billing, yet it is down: a synchronous \
                 call makes the caller fail with whatever it calls. The cure is to call \
                 synchronously only what the answer cannot do without. Open the \
                 microservices preset to see how.",
                "浏览商品根本用不到结算，却也跟着挂了：同步调用会让调用方跟着被调用方一起失败。\
                 解决办法是只同步调用生成响应时离不开的服务。打开“微服务”预设，看看是怎么做的。",
            ),
            diagram: Diagram::Preset("distributed"),
            killed: &[("billing", 0)],
            task: Some(Task::Open {
                preset: "microservices",
            }),
        },
        Step {
            text: l(
                "Here Catalog calls Recommend through a circuit breaker (an optional link): \
                 when Recommend fails, Catalog answers without recommendations. Kill \
                 Recommend: the catalog is degraded, not down.",
                "这里商品服务调用推荐服务时加了熔断（可选依赖）：推荐服务出故障时，\
                 商品服务就不带推荐结果直接返回。停掉推荐服务：浏览商品只是降级，并没有不可用。",
            ),
            diagram: Diagram::Preset("microservices"),
            killed: &[],
            task: Some(Task::Kill {
                node: "recs",
                index: 0,
                name: l("Recommend", "推荐服务"),
            }),
        },
    ],
};
