//! Built-in scenarios that tell the textbook story (docs/spec/app.md `#preset=`): each is
//! a `topolab/1` document kept as JSON beside this file, read with the same
//! parser as any user's file, so a preset is valid by the same rules. The
//! documents are written in English; [`Preset::document_in`] gives one in the
//! reader's language.

pub mod labels;

use super::document::Document;
use super::parse::parse_document;
use crate::i18n::{l, Lang, Localized};

/// A built-in scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The name used in `#preset=<name>`.
    pub name: &'static str,
    label: Localized,
    title: Localized,
    description: Localized,
    json: &'static str,
}

/// Every preset, in the order of the story: one server, many servers, many
/// data centres, coarse parts, small services; then the two anti-patterns.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "monolith",
        label: l("Monolith", "单体应用"),
        title: l(
            "Monolith: one app server, one database",
            "单体应用：一台应用服务器，一个数据库",
        ),
        description: l(
            "The whole shop is one program on one server, with one database. Simple to \
             build and to run, but when the server or the database stops, every function \
             stops with it.",
            "整个商城就是一个程序，跑在一台服务器上，配一个数据库。开发和运维都简单，\
             但服务器或数据库一挂，所有功能一起停摆。",
        ),
        json: include_str!("monolith.json"),
    },
    Preset {
        name: "cluster",
        label: l("Cluster", "集群"),
        title: l(
            "Cluster: the same app on three servers behind a load balancer",
            "集群：同一个应用部署在三台服务器上，由负载均衡分发请求",
        ),
        description: l(
            "The same app on three servers behind a load balancer, and a database with a \
             replica. If one server fails, the balancer sends its requests to the others. \
             The balancer itself is still a single box.",
            "同一个应用部署在三台服务器上，前面由负载均衡分发请求，数据库带一个副本。\
             一台服务器宕机，负载均衡就把请求转给另外两台。不过负载均衡本身仍然只有一台。",
        ),
        json: include_str!("cluster.json"),
    },
    Preset {
        name: "three-zones",
        label: l("Three zones", "三个可用区"),
        title: l(
            "Three zones: the shop spread over three data centres",
            "三个可用区：商城分布在三个数据中心",
        ),
        description: l(
            "The balancer, the app servers and the database each run three instances, \
             one in each of three zones (data centres). A zone can fail as a whole, power \
             or network, taking every instance in it down at once; the other two zones \
             still serve every function, so the shop survives any one zone.",
            "负载均衡、应用服务器和数据库各有三个实例，分别放在三个可用区（数据中心）里。\
             一个可用区可能整体出故障，比如断电或断网，区里的实例一起宕机；\
             另外两个可用区照样提供全部功能，所以任何一个可用区挂掉，商城都能挺过去。",
        ),
        json: include_str!("three-zones.json"),
    },
    Preset {
        name: "distributed",
        label: l("Distributed", "分布式"),
        title: l(
            "Distributed: coarse subsystems in a chain of calls, one shared database",
            "分布式：粗粒度子系统层层同步调用，共用一个数据库",
        ),
        description: l(
            "The app is cut into three coarse subsystems on three servers. Storefront calls \
             Orders and Orders calls Billing, synchronously, and all three share one \
             database: every request needs every server, and a schema change touches \
             every team. Each part runs one instance.",
            "应用按业务拆成三个粗粒度子系统，分别部署在三台服务器上。商城前台同步调用订单，\
             订单再同步调用结算，三者共用一个数据库：每个请求都要经过每一台服务器，\
             改一次表结构就要牵动所有团队。每个部分只有一个实例。",
        ),
        json: include_str!("distributed.json"),
    },
    Preset {
        name: "microservices",
        label: l("Microservices", "微服务"),
        title: l(
            "Microservices: a gateway, small services with their own databases, events \
             through a queue",
            "微服务：API 网关、各有独立数据库的小服务，事件走消息队列",
        ),
        description: l(
            "A gateway routes each request to a small service that owns its data. Orders \
             publishes events to a queue that Shipping reads when it can, and Catalog calls \
             Recommend through a circuit breaker: a failure stays where it happens. Most \
             parts run two instances: part of the gain over Distributed is replication.",
            "API 网关把请求路由到各个小服务，每个服务独占自己的数据库。订单服务把事件发到\
             消息队列，由物流服务异步消费；商品服务调用推荐服务时加了熔断。\
             哪里出故障，影响就留在哪里。多数部分各有两个实例：它比“分布式”更可用，有一部分要归功于副本。",
        ),
        json: include_str!("microservices.json"),
    },
    Preset {
        name: "distributed-monolith",
        label: l("Distributed monolith", "分布式单体"),
        title: l("Anti-pattern: a distributed monolith", "反模式：分布式单体"),
        description: l(
            "It looks like microservices, but every service calls the others synchronously \
             (Catalog, Orders and Payments even call each other in a circle) and they all \
             share one database. Any one failure stops every function: the cost of \
             distribution without its benefits.",
            "看上去是微服务，实际上每个服务都同步调用别的服务（商品、订单、支付之间甚至\
             形成了调用环），而且共用一个数据库。任何一处故障都会让所有功能停摆：\
             分布式的代价全付了，好处却一样没拿到。",
        ),
        json: include_str!("distributed-monolith.json"),
    },
    Preset {
        name: "hidden-spof",
        label: l("Hidden SPOF", "隐藏的单点故障"),
        title: l(
            "Anti-pattern: a single point of failure hidden behind a cluster",
            "反模式：集群背后藏着单点故障",
        ),
        description: l(
            "Three app servers and two load balancers look safe, but they all use one \
             database with no replica. When it stops, everything stops: the cluster only \
             hid the single point of failure.",
            "三台应用服务器加两台负载均衡，看上去很稳，可它们共用一个没有副本的数据库。\
             数据库一挂，所有功能都不可用：集群只是把单点故障藏了起来。",
        ),
        json: include_str!("hidden-spof.json"),
    },
];

impl Preset {
    /// The preset's document, as written (English labels and title).
    pub fn document(&self) -> Document {
        // Presets are checked by the tests; a broken one still yields an empty
        // diagram rather than a panic.
        parse_document(self.json).unwrap_or_default()
    }

    /// The preset's document with its title and labels in `lang`; the same
    /// topology, ids and positions as [`Preset::document`].
    pub fn document_in(&self, lang: Lang) -> Document {
        let mut doc = labels::localize_labels(&self.document(), lang);
        doc.title = Some(self.title.get(lang).to_string());
        doc
    }

    /// A short name for a menu ("Cluster", "集群").
    pub fn label(&self) -> &Localized {
        &self.label
    }

    /// The document's title in both languages (its `title` is the English one).
    pub fn title(&self) -> &Localized {
        &self.title
    }

    /// Two or three sentences on what the diagram shows and why it matters.
    pub fn description(&self) -> &Localized {
        &self.description
    }
}

/// The preset whose title, in either language, is `title`: the one a
/// document opened from a preset still names, if it is one.
pub fn titled(title: &str) -> Option<Preset> {
    PRESETS
        .iter()
        .copied()
        .find(|p| p.title.en == title || p.title.zh == title)
}

/// A document's `title` as a reader of `lang` reads it: a built-in preset's
/// in `lang`, any other as it is written.
pub fn title_in(title: &str, lang: Lang) -> String {
    titled(title).map_or_else(|| title.to_string(), |p| p.title.get(lang).to_string())
}

/// The preset named `name`, if there is one.
pub fn preset(name: &str) -> Option<Preset> {
    PRESETS.iter().copied().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preset_s_title_reads_in_either_language_and_any_other_as_written() {
        let cluster = preset("cluster").expect("cluster");
        for lang in Lang::ALL {
            let title = cluster.document_in(lang).title.unwrap_or_default();
            assert_eq!(titled(&title), Some(cluster));
            assert_eq!(title_in(&title, Lang::Zh), cluster.title().zh);
            assert_eq!(title_in(&title, Lang::En), cluster.title().en);
        }
        assert_eq!(title_in("My shop", Lang::Zh), "My shop");
        assert_eq!(titled("My shop"), None);
    }

    #[test]
    fn distributed_and_microservices_say_how_many_instances_their_parts_run() {
        for name in ["distributed", "microservices"] {
            let doc = preset(name).expect("preset").document();
            let most = doc
                .nodes
                .iter()
                .filter(|n| !n.is_client())
                .map(|n| n.replicas());
            let said = if most.max() == Some(1) { "one" } else { "two" };
            let description = preset(name).expect("preset").description;
            assert!(
                description.en.contains(&format!("{said} instance")),
                "{name}"
            );
            assert!(description.zh.contains("实例"), "{name}");
        }
    }

    #[test]
    fn every_preset_is_a_valid_document() {
        for p in PRESETS {
            let doc = parse_document(p.json);
            assert!(doc.is_ok(), "preset {} is invalid: {:?}", p.name, doc.err());
            assert!(
                !doc.unwrap_or_default().nodes.is_empty(),
                "preset {} is empty",
                p.name
            );
        }
    }
}
