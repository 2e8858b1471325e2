//! Why spread over data centres: a cluster in one zone survives a server but
//! not the zone; spread over three it survives the zone; a majority of three
//! copies over three zones survives one, of two over two does not
//! (docs/spec/model.md §8).

use super::l;
use crate::teach::diagrams::{ONE_ZONE, QUORUM_THREE_ZONES, QUORUM_TWO_ZONES};
use crate::teach::{Diagram, Lesson, Step, Task};
use topolab_engine::i18n::Localized;

const ZONE_A: Localized = l("Zone A", "可用区 A");

pub const LESSON: Lesson = Lesson {
    id: "zones",
    title: l("Why spread over data centres", "为什么要分布到多个数据中心"),
    summary: l(
        "Three servers survive one server's death, but not the data centre they all run \
         in: take whole zones down and see what spreading buys.",
        "三台服务器扛得住一台宕机，却扛不住它们共处的数据中心整体故障：\
         让整个可用区宕掉，看看分散部署带来了什么。",
    ),
    steps: &[
        Step {
            text: l(
                "The balancer, the app server and the database each run three instances, \
                 all in one data centre, Zone A. Kill one app server: the other two serve \
                 every function.",
                "负载均衡、应用服务器和数据库各有三个实例，全都放在同一个数据中心：可用区 A。\
                 停掉一台应用服务器，另外两台照样提供全部功能。",
            ),
            diagram: ONE_ZONE,
            killed: &[],
            task: Some(Task::Kill {
                node: "app",
                index: 0,
                name: l("App server", "应用服务器"),
            }),
        },
        Step {
            text: l(
                "A data centre can fail as a whole: its power, its cooling or its network. \
                 Take Zone A down: every instance in it goes at once, and the three copies \
                 of each part did not help. The shop is up no more often than its one \
                 zone, 99.99% of the time.",
                "一个数据中心可能整体出故障：断电、制冷失效或者断网。让可用区 A 宕掉：\
                 区里的所有实例一起停摆，每个部分的三个副本都没用上。\
                 商城的可用性不可能高过它所在的这个可用区，也就是 99.99%。",
            ),
            diagram: ONE_ZONE,
            killed: &[],
            task: Some(Task::KillZone {
                zone: "az-a",
                name: ZONE_A,
            }),
        },
        Step {
            text: l(
                "The same shop, with instance 1 of each part in Zone A, instance 2 in Zone \
                 B and instance 3 in Zone C. Take Zone A down: every function stays up, \
                 served from the other two zones. Spread over zones, the shop survives any \
                 one zone.",
                "还是这个商城，每个部分的第 1 个实例放在可用区 A，第 2 个在可用区 B，\
                 第 3 个在可用区 C。让可用区 A 宕掉：所有功能照常可用，由另外两个可用区提供服务。\
                 分布到多个可用区之后，任何一个可用区挂掉，商城都能挺过去。",
            ),
            diagram: Diagram::Preset("three-zones"),
            killed: &[],
            task: Some(Task::KillZone {
                zone: "az-a",
                name: ZONE_A,
            }),
        },
        Step {
            text: l(
                "Orders DB keeps three copies, one in each zone, and needs a majority of \
                 them, 2 of 3. Take Zone A down: the copies in Zones B and C are still a \
                 majority, and ordering stays up.",
                "订单库有三个副本，每个可用区一个，要多数派（3 个里的 2 个）在线才能工作。\
                 让可用区 A 宕掉：可用区 B 和 C 里的两个副本仍是多数派，下单照常可用。",
            ),
            diagram: QUORUM_THREE_ZONES,
            killed: &[],
            task: Some(Task::KillZone {
                zone: "az-a",
                name: ZONE_A,
            }),
        },
        Step {
            text: l(
                "Now Orders DB keeps two copies in two zones, and a majority of two is both. \
                 Take Zone A down: one copy is left, no majority, and ordering stops. A \
                 majority survives one zone only when it is spread over three: with two, \
                 each zone is a single point of failure.",
                "现在订单库只有两个副本，分布在两个可用区；两个副本的多数派就是两个都得在线。\
                 让可用区 A 宕掉：只剩一个副本，凑不够多数派，下单停止。\
                 多数派要分布在三个可用区才扛得住一个可用区故障：只有两个可用区时，每个都是单点故障。",
            ),
            diagram: QUORUM_TWO_ZONES,
            killed: &[],
            task: Some(Task::KillZone {
                zone: "az-a",
                name: ZONE_A,
            }),
        },
    ],
};
