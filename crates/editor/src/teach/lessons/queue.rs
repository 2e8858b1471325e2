//! How a queue isolates a slow or dead consumer: an `async` link never
//! affects its sender (docs/spec/model.md §1.2), but publishing is still a call.

use super::l;
use crate::teach::diagrams::{QUEUE_ASYNC, QUEUE_SYNC};
use crate::teach::{Lesson, Step, Task};
use topolab_engine::i18n::Localized;

const SHIPPING: Localized = l("Shipping", "物流服务");

pub const LESSON: Lesson = Lesson {
    id: "queue",
    title: l(
        "How a queue isolates a slow or dead consumer",
        "消息队列如何隔离变慢或宕机的消费者",
    ),
    summary: l(
        "A synchronous call makes the caller wait for the service it calls; an event \
         through a queue does not.",
        "同步调用让调用方一直等着下游服务；通过消息队列发事件就不用等。",
    ),
    steps: &[
        Step {
            text: l(
                "Orders books the delivery by calling Shipping synchronously before it \
                 answers the customer. A slow Shipping makes every order slow, and a dead \
                 one makes every order fail. Kill Shipping.",
                "订单服务在答复用户之前，要先同步调用物流服务安排配送。物流服务一慢，\
                 每笔订单都跟着慢；物流服务一挂，每笔订单都失败。停掉物流服务试试。",
            ),
            diagram: QUEUE_SYNC,
            killed: &[],
            task: Some(Task::Kill {
                node: "shipping",
                index: 0,
                name: SHIPPING,
            }),
        },
        Step {
            text: l(
                "Here Orders only publishes an “order placed” event to a queue, and \
                 Shipping reads it when it can. Handing the event to the queue is still \
                 a call, but Shipping's work is asynchronous. Kill Shipping: ordering \
                 stays up.",
                "这里订单服务只往消息队列里发一条“已下单”事件，物流服务有空时再去消费。\
                 把事件交给队列仍是一次调用，但物流的处理是异步的。停掉物流服务：下单照常可用。",
            ),
            diagram: QUEUE_ASYNC,
            killed: &[],
            task: Some(Task::Kill {
                node: "shipping",
                index: 0,
                name: SHIPPING,
            }),
        },
        Step {
            text: l(
                "While Shipping is down, the events wait in the queue: none is lost and no \
                 customer waits. Bring Shipping back and it works through the backlog. A \
                 slow consumer is the same story: the queue grows, the customers do not \
                 notice.",
                "物流服务宕机期间，事件都在队列里排着：一条不丢，用户也不用等。\
                 把物流服务恢复，它会把积压的事件逐条处理完。消费者变慢也是一样：队列变长，用户感觉不到。",
            ),
            diagram: QUEUE_ASYNC,
            killed: &[("shipping", 0)],
            task: Some(Task::Revive {
                node: "shipping",
                name: SHIPPING,
            }),
        },
        Step {
            text: l(
                "Now Orders depends on the queue instead: handing it an event is a \
                 synchronous call. Kill both instances of the queue and ordering stops. \
                 That is why a queue runs as a cluster of its own.",
                "现在订单服务依赖的是消息队列：把事件交给队列本身就是一次同步调用。\
                 把队列的两个实例都停掉，下单就不可用了。所以消息队列自己也要部署成集群。",
            ),
            diagram: QUEUE_ASYNC,
            killed: &[],
            task: Some(Task::KillNode {
                node: "events",
                name: l("Events", "事件队列"),
            }),
        },
    ],
};
