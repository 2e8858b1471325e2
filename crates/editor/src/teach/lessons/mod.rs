//! The lessons, one file each, in the order of the story: a cluster, the cost
//! of synchronous calls, a database per service, queues, quorums, zones.

mod cluster;
mod own_database;
mod queue;
mod quorum;
mod sync_calls;
mod zones;

use super::Lesson;
use topolab_engine::i18n::l;

/// Every lesson, in the order a class would take them.
pub const LESSONS: &[Lesson] = &[
    cluster::LESSON,
    sync_calls::LESSON,
    own_database::LESSON,
    queue::LESSON,
    quorum::LESSON,
    zones::LESSON,
];
