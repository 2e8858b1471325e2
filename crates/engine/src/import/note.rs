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
    /// `name` left out: the document holds at most `max` nodes.
    TooManyNodes { name: String, max: usize },
    /// The link `from -> to` left out: the document holds at most `max` links.
    TooManyLinks {
        from: String,
        to: String,
        max: usize,
    },
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
    // --- Kubernetes -------------------------------------------------------
    /// An object with no kind and `metadata.name`.
    NoKindOrName,
    /// An object of a kind that is not drawn (a Secret, a Job, ...).
    ObjectNotDrawn,
    /// A workload of `count` containers, drawn as one node.
    Containers { count: usize },
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
    /// A value naming Service `name`: a `requires` link.
    NamesK8sService { name: String },
    /// An Ingress, the entry point, drawn as `kind` in front of `services` Services.
    IngressEntry { kind: NodeKind, services: usize },
    /// An Ingress backend naming a Service that is not drawn.
    NoDrawnService { name: String },
    /// A Service of type LoadBalancer or NodePort, taken as the entry point.
    Exposed,
    /// A ConfigMap no workload reads.
    UnusedConfigMap,
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
            NoteKind::TooManyNodes { name, max } => {
                format!("\"{name}\" left out: a diagram holds at most {max} nodes")
            }
            NoteKind::TooManyLinks { from, to, max } => {
                format!("{from} -> {to} left out: a diagram holds at most {max} links")
            }
            NoteKind::Renamed { name, id } => format!("\"{name}\" has the id \"{id}\""),
            NoteKind::ReplicasClamped { given, kept, max } => {
                format!("{given} replicas drawn as {kept} (a node has 1 to {max})")
            }
            NoteKind::ReplicasNotWhole => "not a whole number; one replica drawn".into(),
            NoteKind::SelfDependency { id } => format!("\"{id}\" depends on itself; no link drawn"),
            NoteKind::NoEntryPoint => "no entry point found (no published port, Ingress or \
                 caller-less service): the diagram has no client, so no function until one \
                 is added"
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
            NoteKind::NoKindOrName => "no kind and metadata.name; left out".into(),
            NoteKind::ObjectNotDrawn => {
                "not drawn: Topolab draws workloads, Services and Ingresses".into()
            }
            NoteKind::Containers { count } => format!("{count} containers drawn as one node"),
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
            NoteKind::NamesK8sService { name } => {
                format!("names Service \"{name}\": drawn as a requires link")
            }
            NoteKind::IngressEntry { kind, services } => format!(
                "the entry point, drawn as a {} ({services} Services behind it)",
                kind.as_str()
            ),
            NoteKind::NoDrawnService { name } => format!("no drawn Service \"{name}\"; no link"),
            NoteKind::Exposed => "exposed outside the cluster: an entry point".into(),
            NoteKind::UnusedConfigMap => "read by no workload here; left out".into(),
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
            NoteKind::TooManyNodes { name, max } => {
                format!("未导入“{name}”：一张图最多容纳 {max} 个节点")
            }
            NoteKind::TooManyLinks { from, to, max } => {
                format!("未导入连线“{from}”→“{to}”：一张图最多容纳 {max} 条连线")
            }
            NoteKind::Renamed { name, id } => format!("“{name}”的 ID 为“{id}”"),
            NoteKind::ReplicasClamped { given, kept, max } => {
                format!("{given} 个副本按 {kept} 个绘制（一个节点须有 1 到 {max} 个副本）")
            }
            NoteKind::ReplicasNotWhole => "不是整数，按 1 个副本绘制".into(),
            NoteKind::SelfDependency { id } => format!("“{id}”依赖自身，未画连线"),
            NoteKind::NoEntryPoint => "未找到入口（没有发布的端口、Ingress 或无人调用的服务）：\
                 图中没有客户端，添加客户端之前不会有任何功能"
                .into(),
            NoteKind::KindFromImage { kind, image: None } => {
                format!("根据镜像画成{}", kind.name_zh())
            }
            NoteKind::KindFromImage {
                kind,
                image: Some(image),
            } => format!("根据镜像“{image}”画成{}", kind.name_zh()),
            NoteKind::KindFromName { kind } => format!("根据名称画成{}", kind.name_zh()),
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
            NoteKind::NoKindOrName => "没有 kind 和 metadata.name，已略去".into(),
            NoteKind::ObjectNotDrawn => "未绘制：Topolab 只绘制工作负载、Service 和 Ingress".into(),
            NoteKind::Containers { count } => format!("{count} 个容器画成一个节点"),
            NoteKind::DaemonSet => "DaemonSet 在每个集群节点上运行一个 Pod：按 1 个副本绘制".into(),
            NoteKind::NoSelector => "没有 selector：未绘制（它指向清单之外）".into(),
            NoteKind::SelectorMatchesNothing => "它的 selector 没有匹配任何工作负载，未绘制".into(),
            NoteKind::SelectsSeveral => "选中了多个工作负载：画成负载均衡".into(),
            NoteKind::MissingConfigMap { name } => {
                format!("读取 ConfigMap“{name}”，但清单中没有它")
            }
            NoteKind::NamesK8sService { name } => {
                format!("提到了 Service“{name}”：画成 requires 连线")
            }
            NoteKind::IngressEntry { kind, services } => format!(
                "入口，画成{}（其后有 {services} 个 Service）",
                kind.name_zh()
            ),
            NoteKind::NoDrawnService { name } => format!("没有已绘制的 Service“{name}”，未画连线"),
            NoteKind::Exposed => "暴露在集群之外：作为入口".into(),
            NoteKind::UnusedConfigMap => "这里没有工作负载读取它，已略去".into(),
            NoteKind::NotAPair => "不是 {parent, child} 对，已略去".into(),
            NoteKind::AllCalled { first } => {
                format!("每个服务都有调用方；把“{first}”当作入口")
            }
        }
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
