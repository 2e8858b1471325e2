//! What a cluster buys you: from one server to three behind a load balancer,
//! killed one by one; then what the cluster does not protect.

use super::l;
use crate::teach::{Diagram, Lesson, Step, Task};

const SERVER_1: topolab_engine::i18n::Localized = l("Server 1", "服务器 1");
const SERVER_2: topolab_engine::i18n::Localized = l("Server 2", "服务器 2");
const SERVER_3: topolab_engine::i18n::Localized = l("Server 3", "服务器 3");

pub const LESSON: Lesson = Lesson {
    id: "cluster",
    title: l("What a cluster buys you", "集群带来了什么"),
    summary: l(
        "From one server to three behind a load balancer: kill them one by one and the \
         functions stay up until the last one dies.",
        "从一台服务器到负载均衡后面的三台：逐台停掉，功能一直可用，直到最后一台也停掉。",
    ),
    steps: &[
        Step {
            text: l(
                "This is a monolith: the whole shop runs on one app server, with one \
                 database. Every function, from the catalog to payments, passes through \
                 that one server. Kill it and see what is left.",
                "这是一个单体应用：整个商城跑在一台应用服务器上，后面接一个数据库。\
                 从浏览商品到支付，所有功能都要经过这台服务器。把它停掉，看看还剩下什么。",
            ),
            diagram: Diagram::Preset("monolith"),
            killed: &[],
            task: Some(Task::Kill {
                node: "app",
                index: 0,
                name: l("App server", "应用服务器"),
            }),
        },
        Step {
            text: l(
                "Now the same app runs on three servers behind a load balancer, which only \
                 sends requests to servers that are up. Kill Server 2: every function \
                 should stay up.",
                "现在同一个应用部署在三台服务器上，前面的负载均衡只把请求发给还活着的服务器。\
                 停掉服务器 2，所有功能应该照常可用。",
            ),
            diagram: Diagram::Preset("cluster"),
            killed: &[],
            task: Some(Task::Kill {
                node: "app2",
                index: 0,
                name: SERVER_2,
            }),
        },
        Step {
            text: l(
                "Server 2 is down and no user noticed. Kill Server 1 as well: one server \
                 is left, and it still serves every function, only with no spare.",
                "服务器 2 已经宕机，用户却毫无察觉。再停掉服务器 1：只剩一台了，\
                 它照样能提供全部功能，只是再也没有备用机。",
            ),
            diagram: Diagram::Preset("cluster"),
            killed: &[("app2", 0)],
            task: Some(Task::Kill {
                node: "app1",
                index: 0,
                name: SERVER_1,
            }),
        },
        Step {
            text: l(
                "Kill the last one, Server 3. No server is left behind the balancer and \
                 every function is down. A cluster of N servers survives N - 1 failures, \
                 not N.",
                "停掉最后一台服务器 3。负载均衡后面一台可用的服务器都没有了，所有功能全部不可用。\
                 N 台服务器的集群最多扛住 N - 1 台故障，扛不住 N 台。",
            ),
            diagram: Diagram::Preset("cluster"),
            killed: &[("app1", 0), ("app2", 0)],
            task: Some(Task::Kill {
                node: "app3",
                index: 0,
                name: SERVER_3,
            }),
        },
        Step {
            text: l(
                "Each server is up 99.9% of the time; all three are down at once only \
                 0.001³ of the time, so the servers together are up 1 - 0.001³. But the \
                 load balancer is a single box: kill it and everything stops. It is a \
                 single point of failure.",
                "每台服务器的可用性是 99.9%，三台同时宕机的概率只有 0.001³，\
                 所以这一层的可用性是 1 - 0.001³。可负载均衡只有一台：停掉它，一切都停了。\
                 它就是单点故障。",
            ),
            diagram: Diagram::Preset("cluster"),
            killed: &[],
            task: Some(Task::Kill {
                node: "lb",
                index: 0,
                name: l("Balancer", "负载均衡"),
            }),
        },
        Step {
            text: l(
                "Here even the load balancer is doubled, and three servers look safe. But \
                 they all depend on one database with no replica: its blast radius is \
                 every function. Kill it and the whole cluster goes down. The spare servers \
                 hid the single point of failure; they did not remove it.",
                "这里连负载均衡都做了双机，三台服务器看上去万无一失。可它们都依赖同一个没有副本的数据库，\
                 它的故障影响范围覆盖了所有功能。停掉它，整个集群跟着全部不可用。\
                 多出来的服务器只是把单点故障藏了起来，并没有消除它。",
            ),
            diagram: Diagram::Preset("hidden-spof"),
            killed: &[],
            task: Some(Task::Kill {
                node: "db",
                index: 0,
                name: l("Database", "数据库"),
            }),
        },
    ],
};
