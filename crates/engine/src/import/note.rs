//! What an importer says about its input: every guess it made and everything it
//! left out, as facts ([`NoteKind`]) at a place, said in English (what the CLI
//! prints) and in Chinese (for the app's viewers), as the validator's
//! [`Problem`](crate::Problem)s are.

use std::fmt;

use crate::document::NodeKind;
use crate::i18n::Lang;

/// One guess made, or one thing not understood, at a place in the input
/// (`services.web.image`, `documents[2] (Secret db-pass)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Where in the input; empty for the whole input.
    pub place: String,
    /// What was guessed or left out there.
    pub kind: NoteKind,
}

/// What an importer guessed or could not understand, with the facts it is said
/// from. Names (`name`, `id`, `image`, ...) are the input's data and are quoted,
/// never translated; so are the format's own words (`requires`, `selector`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteKind {
    // --- any format -----------------------------------------------------
    /// A key or field the importer does not read.
    NotUnderstood,
    /// Two definitions of `name`; the first is kept.
    DefinedTwice { name: String },
    /// `dropped` nodes left out, the first `name`: the document holds at most `max`.
    TooManyNodes {
        dropped: usize,
        name: String,
        max: usize,
    },
    /// `dropped` links left out, the first `from -> to`: the document holds at most `max`.
    TooManyLinks {
        dropped: usize,
        from: String,
        to: String,
        max: usize,
    },
    /// `count` more notes like `like`, not listed.
    More { count: usize, like: Box<NoteKind> },
    /// `name` is not a valid id, so the node has the id `id` (and the name as its label).
    Renamed { name: String, id: String },
    /// `given` replicas drawn as `kept` (a node has 1 to `max`).
    ReplicasClamped { given: i64, kept: i64, max: i64 },
    /// A replica count that is not a whole number.
    ReplicasNotWhole,
    /// `id` depends on itself: no link.
    SelfDependency { id: String },
    /// No entry point, so no client and no function.
    NoEntryPoint,
    /// The kind guessed from the image's name (`image` when the note is not at the image).
    KindFromImage {
        kind: NodeKind,
        image: Option<String>,
    },
    /// The kind guessed from the node's own name.
    KindFromName { kind: NodeKind },
    /// An image of a tool beside a store (an exporter, an admin UI): a service.
    Tool { image: String },
    /// Called by nothing here (and served by Service `service`, in Kubernetes):
    /// taken as an entry point.
    UncalledEntry { service: Option<String> },
    // --- docker-compose ---------------------------------------------------
    /// A compose text of several YAML documents: only the first is read.
    OnlyFirstDocument,
    /// A service without an image, its kind guessed from its name.
    NoImageKindFromName { kind: NodeKind },
    /// A service that is not a mapping.
    ServiceNotMapping,
    /// A dependency naming no service.
    NoSuchService { name: String },
    /// An environment value naming service `name`: a `requires` link.
    NamesService { name: String },
    /// A dependency on `queue`, drawn as publishing: compose does not tell.
    QueueAsRequires { queue: String, service: String },
    /// A proxy in front of several services, drawn as a gateway.
    ProxyAsGateway,
    /// A `depends_on`/`links` item that is not a name.
    NotAServiceName,
    /// A `depends_on`/`links` that is neither a list nor a mapping.
    NotListOrMapping,
    /// `depends_on` `name` with `required: false`: an optional link.
    OptionalDependency { name: String },
    /// `depends_on` `name` with `condition: service_completed_successfully`:
    /// a one-shot job run before, not a runtime dependency.
    RunsBefore { name: String },
    /// A service only in `profiles`: left out, as `docker compose up` does.
    ProfileOnly { profiles: String },
    /// A dependency on `name`, a service left out (only in profiles).
    LeftOutService { name: String },
    /// `network_mode: service:name`: shares `name`'s network, a `requires` link.
    SharesNetwork { name: String },
    // --- Kubernetes -------------------------------------------------------
    /// An object with no kind and `metadata.name`.
    NoKindOrName,
    /// An object of a kind that is not drawn (a Secret, a Job, ...).
    ObjectNotDrawn,
    /// A workload of `count` containers, drawn as one node whose kind its
    /// main container `main` decides.
    Containers { count: usize, main: String },
    /// A Job or CronJob: runs to completion, not drawn.
    BatchNotDrawn,
    /// A DaemonSet, drawn with one replica.
    DaemonSet,
    /// A Service without a selector.
    NoSelector,
    /// A Service whose selector picks no workload.
    SelectorMatchesNothing,
    /// A Service selecting several workloads, drawn as a load balancer.
    SelectsSeveral,
    /// A workload reading ConfigMap `name`, not among the manifests.
    MissingConfigMap { name: String },
    /// A value naming Service `name`, read by workload `from`: a `requires` link.
    NamesK8sService { name: String, from: String },
    /// An Ingress, the entry point, drawn as `kind` in front of `services` Services.
    IngressEntry { kind: NodeKind, services: usize },
    /// An Ingress backend naming a Service that is not drawn.
    NoDrawnService { name: String },
    /// A Service of type LoadBalancer or NodePort, taken as the entry point.
    Exposed,
    /// A ConfigMap no workload reads.
    UnusedConfigMap,
    /// Pods spread over zones by `rule` (`topologySpreadConstraints` or
    /// `podAntiAffinity`) on the zone label `key`: the node's instances drawn
    /// round-robin in the generic zones `zone-1` to `zone-<zones>`, which the
    /// manifests do not name. `preferred`: a preference the scheduler may break.
    ZonesFromSpread {
        rule: String,
        key: String,
        zones: usize,
        preferred: bool,
    },
    // --- OpenTelemetry ----------------------------------------------------
    /// An item that is not a `{parent, child}` pair.
    NotAPair,
    /// Every service has a caller: `first` taken as the entry point.
    AllCalled { first: String },
}

impl NoteKind {
    /// Whether this says something was left out (rather than guessed).
    pub fn is_left_out(&self) -> bool {
        matches!(
            self,
            NoteKind::NotUnderstood
                | NoteKind::DefinedTwice { .. }
                | NoteKind::TooManyNodes { .. }
                | NoteKind::TooManyLinks { .. }
                | NoteKind::SelfDependency { .. }
                | NoteKind::OnlyFirstDocument
                | NoteKind::NoSuchService { .. }
                | NoteKind::NotAServiceName
                | NoteKind::NotListOrMapping
                | NoteKind::NoKindOrName
                | NoteKind::ObjectNotDrawn
                | NoteKind::NoSelector
                | NoteKind::SelectorMatchesNothing
                | NoteKind::MissingConfigMap { .. }
                | NoteKind::NoDrawnService { .. }
                | NoteKind::UnusedConfigMap
                | NoteKind::NotAPair
                | NoteKind::More { .. }
                | NoteKind::RunsBefore { .. }
                | NoteKind::ProfileOnly { .. }
                | NoteKind::LeftOutService { .. }
                | NoteKind::BatchNotDrawn
        )
    }

    /// The words, in `lang`; in English exactly what the CLI prints.
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Zh => self.chinese(),
        }
    }

    fn english(&self) -> String {
        match self {
            NoteKind::NotUnderstood => "not understood; left out".into(),
            NoteKind::DefinedTwice { name } => {
                format!("\"{name}\" is defined twice; the first is kept")
            }
            NoteKind::TooManyNodes { dropped, name, max } => format!(
                "{} left out, the first \"{name}\": a diagram holds at most {max} nodes",
                plural(*dropped, "node", "nodes")
            ),
            NoteKind::TooManyLinks {
                dropped,
                from,
                to,
                max,
            } => format!(
                "{} left out, the first {from} -> {to}: a diagram holds at most {max} links",
                plural(*dropped, "link", "links")
            ),
            NoteKind::More { count, like } => format!(
                "{} like \"{}\" not listed",
                plural(*count, "more note", "more notes"),
                like.english()
            ),
            NoteKind::Renamed { name, id } => format!("\"{name}\" has the id \"{id}\""),
            NoteKind::ReplicasClamped { given, kept, max } => {
                format!("{given} replicas drawn as {kept} (a node has 1 to {max})")
            }
            NoteKind::ReplicasNotWhole => "not a whole number; one replica drawn".into(),
            NoteKind::SelfDependency { id } => format!("\"{id}\" depends on itself; no link drawn"),
            NoteKind::NoEntryPoint => "no entry point found (no published port, Ingress, \
                 exposed Service or service called by nothing): the diagram has no client, \
                 so no function, and its availability means nothing until a client is \
                 linked to the service users call"
                .into(),
            NoteKind::KindFromImage { kind, image: None } => {
                format!("drawn as a {} from its image", kind.as_str())
            }
            NoteKind::KindFromImage {
                kind,
                image: Some(image),
            } => format!("drawn as a {} from its image {image}", kind.as_str()),
            NoteKind::KindFromName { kind } => {
                format!("drawn as a {} from its name", kind.as_str())
            }
            NoteKind::Tool { image } => format!(
                "{image} is a tool beside a store (an exporter, an admin interface): \
                 drawn as a service"
            ),
            NoteKind::UncalledEntry { service: None } => {
                "called by nothing here: taken as an entry point behind the client".into()
            }
            NoteKind::UncalledEntry {
                service: Some(service),
            } => format!(
                "called by nothing here and served by Service \"{service}\": taken as an \
                 entry point behind the client"
            ),
            NoteKind::OnlyFirstDocument => {
                "only the first YAML document is read as the compose file".into()
            }
            NoteKind::NoImageKindFromName { kind } => {
                format!("no image: drawn as a {} from its name", kind.as_str())
            }
            NoteKind::ServiceNotMapping => "expected a mapping; drawn as a plain service".into(),
            NoteKind::NoSuchService { name } => {
                format!("no service named \"{name}\"; no link drawn")
            }
            NoteKind::NamesService { name } => {
                format!("names \"{name}\": drawn as a requires link")
            }
            NoteKind::QueueAsRequires { queue, service } => format!(
                "\"{queue}\" is a queue: drawn as requires (publishing); \
                 compose does not say whether {service} publishes or consumes"
            ),
            NoteKind::ProxyAsGateway => {
                "a proxy in front of several services: drawn as a gateway".into()
            }
            NoteKind::NotAServiceName => "not a service name; left out".into(),
            NoteKind::NotListOrMapping => "expected a list or a mapping; left out".into(),
            NoteKind::OptionalDependency { name } => {
                format!("\"{name}\" is not required (required: false): drawn as an optional link")
            }
            NoteKind::RunsBefore { name } => format!(
                "\"{name}\" runs to completion before this starts (a one-shot job such as a \
                 migration): no link drawn"
            ),
            NoteKind::ProfileOnly { profiles } => format!(
                "started only with profile \"{profiles}\" (docker compose --profile): left out, \
                 as docker compose up does"
            ),
            NoteKind::LeftOutService { name } => {
                format!("\"{name}\" is only in a profile and left out; no link drawn")
            }
            NoteKind::SharesNetwork { name } => {
                format!("shares the network of \"{name}\" (network_mode): drawn as a requires link")
            }
            NoteKind::NoKindOrName => "no kind and metadata.name; left out".into(),
            NoteKind::ObjectNotDrawn => {
                "not drawn: Topolab draws workloads, Services and Ingresses".into()
            }
            NoteKind::Containers { count, main } => format!(
                "{count} containers drawn as one node, its kind from the main container \"{main}\""
            ),
            NoteKind::BatchNotDrawn => {
                "runs to completion (a batch job), serving no request: not drawn".into()
            }
            NoteKind::DaemonSet => {
                "a DaemonSet runs one pod a cluster node: drawn with one replica".into()
            }
            NoteKind::NoSelector => {
                "no selector: not drawn (it points outside the manifests)".into()
            }
            NoteKind::SelectorMatchesNothing => {
                "its selector matches no workload; not drawn".into()
            }
            NoteKind::SelectsSeveral => {
                "selects several workloads: drawn as a load balancer".into()
            }
            NoteKind::MissingConfigMap { name } => {
                format!("reads ConfigMap \"{name}\", not in the manifests")
            }
            NoteKind::NamesK8sService { name, from } => {
                format!("names Service \"{name}\": drawn as a requires link from \"{from}\"")
            }
            NoteKind::IngressEntry { kind, services } => format!(
                "the entry point, drawn as a {} ({} behind it)",
                kind.as_str(),
                plural(*services, "Service", "Services")
            ),
            NoteKind::NoDrawnService { name } => format!("no drawn Service \"{name}\"; no link"),
            NoteKind::Exposed => "exposed outside the cluster: an entry point".into(),
            NoteKind::UnusedConfigMap => "read by no workload here; left out".into(),
            NoteKind::ZonesFromSpread {
                rule,
                key,
                zones,
                preferred,
            } => {
                let drawn = match zones {
                    1 => "its one replica drawn in zone \"zone-1\"".to_string(),
                    2 => "its replicas drawn in zones \"zone-1\" and \"zone-2\", one in each"
                        .to_string(),
                    n => format!(
                        "its replicas drawn in zones \"zone-1\" to \"zone-{n}\", one a zone in turn"
                    ),
                };
                let soft = if *preferred {
                    "; a preference only: the scheduler may still put two in one zone"
                } else {
                    ""
                };
                format!(
                    "pods spread over zones (\"{rule}\" on \"{key}\"): {drawn}; the manifests do not \
                     name the cluster's zones, so these are assumed{soft}"
                )
            }
            NoteKind::NotAPair => "not a {parent, child} pair; left out".into(),
            NoteKind::AllCalled { first } => {
                format!("every service is called by another; \"{first}\" taken as the entry point")
            }
        }
    }

    fn chinese(&self) -> String {
        match self {
            NoteKind::NotUnderstood => "无法识别，已略去".into(),
            NoteKind::DefinedTwice { name } => format!("“{name}”定义了两次，保留第一个"),
            NoteKind::TooManyNodes { dropped, name, max } => {
                format!("未导入 {dropped} 个节点（第一个是“{name}”）：一张图最多容纳 {max} 个节点")
            }
            NoteKind::TooManyLinks {
                dropped,
                from,
                to,
                max,
            } => format!(
                "未导入 {dropped} 条连线（第一条是“{from}”→“{to}”）：一张图最多容纳 {max} 条连线"
            ),
            NoteKind::More { count, like } => {
                format!("另有 {count} 条与“{}”同类的说明，未列出", like.chinese())
            }
            NoteKind::Renamed { name, id } => format!("“{name}”的 ID 为“{id}”"),
            NoteKind::ReplicasClamped { given, kept, max } => {
                format!("{given} 个副本按 {kept} 个绘制（一个节点须有 1 到 {max} 个副本）")
            }
            NoteKind::ReplicasNotWhole => "不是整数，按 1 个副本绘制".into(),
            NoteKind::SelfDependency { id } => format!("“{id}”依赖自身，未画连线"),
            NoteKind::NoEntryPoint => "未找到入口（没有发布的端口、Ingress、对外暴露的 Service \
                 或无人调用的服务）：图中没有客户端，因而没有任何功能；在把客户端连到用户调用的服务之前，\
                 可用性没有意义"
                .into(),
            NoteKind::KindFromImage { kind, image: None } => {
                format!("根据镜像画成{}", kind.name_zh())
            }
            NoteKind::KindFromImage {
                kind,
                image: Some(image),
            } => format!("根据镜像“{image}”画成{}", kind.name_zh()),
            NoteKind::KindFromName { kind } => format!("根据名称画成{}", kind.name_zh()),
            NoteKind::Tool { image } => {
                format!("“{image}”是存储旁的工具（指标导出器、管理界面）：画成服务")
            }
            NoteKind::UncalledEntry { service: None } => {
                "这里没有谁调用它：作为客户端之后的入口".into()
            }
            NoteKind::UncalledEntry {
                service: Some(service),
            } => format!("这里没有谁调用它，且由 Service“{service}”提供服务：作为客户端之后的入口"),
            NoteKind::OnlyFirstDocument => "只把第一个 YAML 文档当作 compose 文件读取".into(),
            NoteKind::NoImageKindFromName { kind } => {
                format!("没有 image：根据名称画成{}", kind.name_zh())
            }
            NoteKind::ServiceNotMapping => "应为映射，按普通服务绘制".into(),
            NoteKind::NoSuchService { name } => format!("没有名为“{name}”的服务，未画连线"),
            NoteKind::NamesService { name } => format!("提到了“{name}”：画成 requires 连线"),
            NoteKind::QueueAsRequires { queue, service } => format!(
                "“{queue}”是消息队列：画成 requires（发布）；\
                 compose 没有说明“{service}”是发布还是消费"
            ),
            NoteKind::ProxyAsGateway => "位于多个服务之前的代理：画成网关".into(),
            NoteKind::NotAServiceName => "不是服务名，已略去".into(),
            NoteKind::NotListOrMapping => "应为列表或映射，已略去".into(),
            NoteKind::OptionalDependency { name } => {
                format!("“{name}”不是必需的（required: false）：画成 optional 连线")
            }
            NoteKind::RunsBefore { name } => {
                format!("“{name}”在它启动之前运行完毕（一次性任务，例如数据迁移）：未画连线")
            }
            NoteKind::ProfileOnly { profiles } => format!(
                "只在启用 profile“{profiles}”时启动（docker compose --profile）：\
                 与 docker compose up 一样，已略去"
            ),
            NoteKind::LeftOutService { name } => {
                format!("“{name}”只属于某个 profile，已略去；未画连线")
            }
            NoteKind::SharesNetwork { name } => {
                format!("与“{name}”共用网络（network_mode）：画成 requires 连线")
            }
            NoteKind::NoKindOrName => "没有 kind 和 metadata.name，已略去".into(),
            NoteKind::ObjectNotDrawn => "未绘制：Topolab 只绘制工作负载、Service 和 Ingress".into(),
            NoteKind::Containers { count, main } => {
                format!("{count} 个容器画成一个节点，类型取自主容器“{main}”")
            }
            NoteKind::BatchNotDrawn => "运行到结束即退出（批处理任务），不处理请求：未绘制".into(),
            NoteKind::DaemonSet => "DaemonSet 在每个集群节点上运行一个 Pod：按 1 个副本绘制".into(),
            NoteKind::NoSelector => "没有 selector：未绘制（它指向清单之外）".into(),
            NoteKind::SelectorMatchesNothing => "它的 selector 没有匹配任何工作负载，未绘制".into(),
            NoteKind::SelectsSeveral => "选中了多个工作负载：画成负载均衡".into(),
            NoteKind::MissingConfigMap { name } => {
                format!("读取 ConfigMap“{name}”，但清单中没有它")
            }
            NoteKind::NamesK8sService { name, from } => {
                format!("提到了 Service“{name}”：画成从“{from}”出发的 requires 连线")
            }
            NoteKind::IngressEntry { kind, services } => format!(
                "入口，画成{}（其后有 {services} 个 Service）",
                kind.name_zh()
            ),
            NoteKind::NoDrawnService { name } => format!("没有已绘制的 Service“{name}”，未画连线"),
            NoteKind::Exposed => "暴露在集群之外：作为入口".into(),
            NoteKind::UnusedConfigMap => "这里没有工作负载读取它，已略去".into(),
            NoteKind::ZonesFromSpread {
                rule,
                key,
                zones,
                preferred,
            } => {
                let drawn = match zones {
                    1 => "它的 1 个副本画在可用区“zone-1”中".to_string(),
                    2 => "两个副本分别画在可用区“zone-1”和“zone-2”中".to_string(),
                    n => format!("各副本依次画在可用区“zone-1”到“zone-{n}”中，每区一个"),
                };
                let soft = if *preferred {
                    "；这只是偏好：调度器仍可能把两个副本放进同一个可用区"
                } else {
                    ""
                };
                format!(
                    "Pod 按可用区分散（“{rule}”，标签“{key}”）：{drawn}；\
                     清单没有写明集群有哪些可用区，这些可用区是假定的{soft}"
                )
            }
            NoteKind::NotAPair => "不是 {parent, child} 对，已略去".into(),
            NoteKind::AllCalled { first } => {
                format!("每个服务都有调用方；把“{first}”当作入口")
            }
        }
    }
}

/// `n` and the noun, singular for one (`1 Service`, `2 Services`).
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Note {
    /// `kind` at `place`.
    pub fn new(place: impl Into<String>, kind: NoteKind) -> Note {
        Note {
            place: place.into(),
            kind,
        }
    }

    /// What was guessed or left out, in `lang` (in English what the CLI prints).
    pub fn message_in(&self, lang: Lang) -> String {
        self.kind.message_in(lang)
    }

    /// What was guessed or left out, in English.
    pub fn message(&self) -> String {
        self.kind.message_in(Lang::En)
    }

    /// The whole line in `lang`: in English exactly its [`Display`](fmt::Display)
    /// (`services.web.image: drawn as ...`); in Chinese with a full-width colon.
    pub fn line_in(&self, lang: Lang) -> String {
        let message = self.message_in(lang);
        match (lang, self.place.is_empty()) {
            (_, true) => message,
            (Lang::En, false) => format!("{}: {message}", self.place),
            (Lang::Zh, false) => format!("{}：{message}", self.place),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line_in(Lang::En))
    }
}
